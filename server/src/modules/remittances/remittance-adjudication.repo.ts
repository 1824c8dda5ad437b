import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { remittanceAdjustments, remittanceClaims, remittanceLines, remittances } from '../../db/schema/remittances.js';
import { isUuid } from '../../lib/uuid.js';

/** How a payer last adjudicated one of our claims: its live posted CLP, the file's dates, SVC lines and CAS. */
export interface LiveAdjudication {
  remittanceClaimId: string;
  payerClaimNumber: string | null;
  paidCents: number;
  /** BPR16 check date, else the production date, else the posting day (UTC), YYYY-MM-DD. */
  adjudicationDate: string;
  lines: { id: string; position: number | null; code: string; modifiers: string[]; units: number; chargeCents: number; paidCents: number }[];
  /** Claim-level CAS have no line id. */
  adjustments: { lineId: string | null; group: string; reason: string; amountCents: number }[];
}

/**
 * The claims' live adjudications: for each, its newest POSTED CLP that no reversal undid (three
 * statements for any number of claims).
 * @returns one entry per claim that has one
 */
export async function findLiveAdjudications(db: Db, practiceId: string, claimIds: readonly string[]): Promise<Map<string, LiveAdjudication>> {
  const valid = claimIds.filter(isUuid);
  const out = new Map<string, LiveAdjudication>();
  if (valid.length === 0) return out;
  const rc = remittanceClaims;
  const heads = await db
    .select({ id: rc.id, claimId: rc.claimId, payerClaimNumber: rc.payerClaimNumber, paidCents: rc.paidCents, paymentDate: remittances.paymentDate, productionDate: remittances.productionDate, postedAt: remittances.postedAt })
    .from(rc)
    .innerJoin(remittances, eq(remittances.id, rc.remittanceId))
    .where(and(eq(rc.practiceId, practiceId), inArray(rc.claimId, valid), eq(rc.outcome, 'POSTED'), isNull(rc.reversedById)))
    .orderBy(desc(remittances.postedAt), desc(rc.claimIndex));
  const chosen = new Map<string, (typeof heads)[number]>();
  for (const h of heads) if (!chosen.has(h.claimId!)) chosen.set(h.claimId!, h);
  const ids = [...chosen.values()].map((h) => h.id);
  if (ids.length === 0) return out;
  const [lines, adjustments] = await Promise.all([
    db.select().from(remittanceLines).where(and(eq(remittanceLines.practiceId, practiceId), inArray(remittanceLines.remittanceClaimId, ids))).orderBy(asc(remittanceLines.lineNumber)),
    db.select().from(remittanceAdjustments).where(and(eq(remittanceAdjustments.practiceId, practiceId), inArray(remittanceAdjustments.remittanceClaimId, ids))).orderBy(asc(remittanceAdjustments.createdAt), asc(remittanceAdjustments.position)),
  ]);
  for (const [claimId, h] of chosen) {
    out.set(claimId, {
      remittanceClaimId: h.id,
      payerClaimNumber: h.payerClaimNumber,
      paidCents: h.paidCents,
      adjudicationDate: h.paymentDate ?? h.productionDate ?? h.postedAt.toISOString().slice(0, 10),
      lines: lines.filter((l) => l.remittanceClaimId === h.id).map((l) => ({ id: l.id, position: l.claimLinePosition, code: l.procedureCode, modifiers: l.modifiers, units: l.units, chargeCents: l.chargeCents, paidCents: l.paidCents })),
      adjustments: adjustments.filter((a) => a.remittanceClaimId === h.id).map((a) => ({ lineId: a.remittanceLineId, group: a.groupCode, reason: a.reasonCode, amountCents: a.amountCents })),
    });
  }
  return out;
}
