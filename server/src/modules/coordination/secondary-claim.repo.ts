import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { claims } from '../../db/schema/claims.js';
import { coverages } from '../../db/schema/insurance.js';
import { isUuid } from '../../lib/uuid.js';
import type { ClaimRow } from '../claims/claim.repo.js';

/** The live claim (original, not voided) billed to the payer after this one, or null. */
export async function findLiveNextClaim(db: Db, practiceId: string, priorClaimId: string): Promise<ClaimRow | null> {
  const [row] = await db.select().from(claims).where(and(eq(claims.practiceId, practiceId), eq(claims.priorPayerClaimId, priorClaimId), eq(claims.frequencyCode, '1'), ne(claims.status, 'VOIDED')));
  return row ?? null;
}

/** The live claims (originals, not voided) billed to the payer after any of these claims, locked FOR UPDATE in id order (one statement). */
export function lockLiveNextClaimsOf(tx: Db, practiceId: string, priorClaimIds: readonly string[]): Promise<ClaimRow[]> {
  const valid = priorClaimIds.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(claims)
    .where(and(eq(claims.practiceId, practiceId), inArray(claims.priorPayerClaimId, valid), eq(claims.frequencyCode, '1'), ne(claims.status, 'VOIDED')))
    .orderBy(asc(claims.id))
    .for('update');
}

/**
 * Of these claims, the ids of those adjudicated by a primary or secondary payer whose patient has an
 * ACTIVE coverage of the next order in force on the date of service, and no live claim to that next
 * payer yet (one statement).
 */
export async function findClaimsDueNextPayer(db: Db, practiceId: string, claimIds: readonly string[]): Promise<string[]> {
  const valid = claimIds.filter(isUuid);
  if (valid.length === 0) return [];
  const c = claims;
  const v = coverages;
  const rows = await db
    .select({ id: c.id })
    .from(c)
    .where(
      and(
        eq(c.practiceId, practiceId),
        inArray(c.id, valid),
        inArray(c.status, ['PAID', 'PARTIALLY_PAID', 'DENIED']),
        inArray(c.payerResponsibility, ['P', 'S']),
        sql`exists (select 1 from ${v} where ${v.practiceId} = ${c.practiceId} and ${v.patientId} = ${c.patientId} and ${v.status} = 'ACTIVE'
          and ${v.coverageOrder} = (case ${c.payerResponsibility} when 'P' then 'SECONDARY' else 'TERTIARY' end)
          and ${v.effectiveDate} <= ${c.dateOfService} and (${v.endDate} is null or ${v.endDate} >= ${c.dateOfService}))`,
        sql`not exists (select 1 from ${claims} as n where n.prior_payer_claim_id = ${c.id} and n.frequency_code = '1' and n.status <> 'VOIDED')`,
      ),
    );
  return rows.map((r) => r.id);
}
