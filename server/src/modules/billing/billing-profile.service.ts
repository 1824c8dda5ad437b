import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, type FieldProblem, notFound, versionConflict } from '../../graphql/errors.js';
import { isValidNpi } from '../../lib/npi.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { getBillingProfile } from './billing-profile.read.js';
import { insertBillingProfile, locationExists, lockBillingProfile, setProviderBillsUnderGroup, updateBillingProfileRow, upsertServiceFacility } from './billing-profile.repo.js';
import type { SetProviderBillingInput, SetServiceFacilityInput, UpdateBillingProfileInput } from './billing-profile.inputs.js';
import type { BillingProfile } from './billing-profile.type.js';

const PO_BOX = /\b(p\.?\s*o\.?\s*box|post\s+office\s+box|pob\s+\d)/i;

/** The profile as the GraphQL type, or null. */
export async function billingProfile(db: Db, practiceId: string): Promise<BillingProfile | null> {
  const p = await getBillingProfile(db, practiceId);
  if (!p) return null;
  return { ...p, serviceFacilities: [...p.facilities].map(([locationId, f]) => ({ locationId, ...f })).sort((a, b) => a.locationId.localeCompare(b.locationId)) };
}

function check(input: UpdateBillingProfileInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isValidNpi(input.groupNpi)) problems.push({ path: 'input.groupNpi', message: 'is not a valid NPI (check digit)' });
  if (PO_BOX.test(`${input.billingAddress.line1} ${input.billingAddress.line2 ?? ''}`)) problems.push({ path: 'input.billingAddress.line1', message: 'must be a street address, not a PO box' });
  return problems;
}

/**
 * Creates or replaces the practice's billing profile, versioned and audited.
 * @throws BAD_USER_INPUT for a bad NPI check digit or a PO-box billing address, or a missing
 * expectedVersion once a profile exists; VERSION_CONFLICT when expectedVersion is stale
 */
export async function updateBillingProfile(db: Db, principal: Principal, audit: AuditTrail, input: UpdateBillingProfileInput): Promise<BillingProfile> {
  const problems = check(input);
  if (problems.length) throw badInput(problems);
  const values = { legalName: input.legalName.trim(), tin: input.tin.replace('-', ''), groupNpi: input.groupNpi, taxonomyCode: input.taxonomyCode, billingAddress: input.billingAddress, payToAddress: input.payToAddress ?? null, phone: input.phone ?? null };
  try {
    await db.transaction(async (tx) => {
      const current = await lockBillingProfile(tx, principal.practiceId);
      if (current && input.expectedVersion == null) throw badInput([{ path: 'input.expectedVersion', message: 'is required to change an existing profile' }]);
      if (current && input.expectedVersion !== current.version) throw versionConflict('BillingProfile', current.id, input.expectedVersion!, current.version);
      const row = current ? await updateBillingProfileRow(tx, principal.practiceId, values, current.version + 1) : await insertBillingProfile(tx, { ...values, practiceId: principal.practiceId });
      await audit.write(tx, current ? 'UPDATE' : 'CREATE', 'BillingProfile', row.id);
    });
  } catch (err) {
    // Two first-time saves at once: the loser sees the winner's row as a version conflict.
    if ((err as { cause?: { code?: string } }).cause?.code === '23505') throw new AppError('VERSION_CONFLICT', 'The billing profile was created meanwhile; reload and retry');
    throw err;
  }
  return (await billingProfile(db, principal.practiceId))!;
}

/**
 * Sets a location's service-facility name and NPI.
 * @throws NOT_FOUND for another practice's location; BAD_USER_INPUT for a bad NPI check digit
 */
export async function setServiceFacility(db: Db, principal: Principal, audit: AuditTrail, input: SetServiceFacilityInput) {
  if (input.npi && !isValidNpi(input.npi)) throw badInput([{ path: 'input.npi', message: 'is not a valid NPI (check digit)' }]);
  if (!(await locationExists(db, principal.practiceId, input.locationId))) throw notFound('Location', input.locationId);
  return db.transaction(async (tx) => {
    const row = await upsertServiceFacility(tx, principal.practiceId, input.locationId, input.facilityName?.trim() || null, input.npi ?? null);
    await audit.write(tx, 'UPDATE', 'ServiceFacility', row.id);
    return { locationId: row.locationId, facilityName: row.facilityName, npi: row.npi };
  });
}

/**
 * Sets whether a provider bills under the group.
 * @throws NOT_FOUND for another practice's provider
 */
export async function setProviderBilling(db: Db, principal: Principal, audit: AuditTrail, input: SetProviderBillingInput) {
  return db.transaction(async (tx) => {
    if (!(await setProviderBillsUnderGroup(tx, principal.practiceId, input.providerId, input.billsUnderGroup))) throw notFound('Provider', input.providerId);
    await audit.write(tx, 'UPDATE', 'Provider', input.providerId);
    return { providerId: input.providerId, billsUnderGroup: input.billsUnderGroup };
  });
}
