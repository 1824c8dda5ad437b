import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sqlState } from './insurance.errors.js';
import type { AddPayerInput } from './payer.inputs.js';
import { insertPayers, type PayerRow } from './payer.repo.js';
import type { Payer, PayerType } from './payer.type.js';

/** Table row → GraphQL object. */
export const toPayer = (r: PayerRow): Payer => ({
  id: r.id,
  name: r.name,
  ediPayerId: r.ediPayerId,
  type: r.payerType as PayerType,
  eligibilityRoute: r.eligibilityRoute,
  claimsRoute: r.claimsRoute,
  address: r.address,
  phone: r.phone,
  active: r.active,
  telehealthModifier95: r.telehealthModifier95,
  timelyFilingDays: r.timelyFilingDays,
  appealDays: r.appealDays,
  priorAuthorizationRequired: r.priorAuthorizationRequired,
  version: r.version,
  createdAt: r.createdAt,
});

/**
 * Adds a payer to the practice's directory.
 * @throws BAD_USER_INPUT when the EDI payer id is already in the directory
 */
export async function addPayer(db: Db, principal: Principal, audit: AuditTrail, input: AddPayerInput): Promise<Payer> {
  try {
    const row = await db.transaction(async (tx) => {
      const [created] = await insertPayers(tx, principal.practiceId, [
        { name: input.name.trim(), ediPayerId: input.ediPayerId.toUpperCase(), payerType: input.type, eligibilityRoute: input.eligibilityRoute, claimsRoute: input.claimsRoute, address: input.address ? { ...input.address } : null, phone: input.phone ?? null, telehealthModifier95: input.telehealthModifier95, timelyFilingDays: input.timelyFilingDays, appealDays: input.appealDays, priorAuthorizationRequired: input.priorAuthorizationRequired },
      ]);
      await audit.write(tx, 'CREATE', 'Payer', created!.id, null);
      return created!;
    });
    return toPayer(row);
  } catch (err) {
    if (sqlState(err) === '23505') throw badInput([{ path: 'input.ediPayerId', message: 'is already in the payer directory' }]);
    throw err;
  }
}
