import { and, asc, desc, eq, gte, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { claimStatusInquiries } from '../../db/schema/claim-batches.js';
import { claims } from '../../db/schema/claims.js';
import type { ClaimRow } from './claim.repo.js';

export type InquiryRow = typeof claimStatusInquiries.$inferSelect;
export type NewInquiryRow = Omit<typeof claimStatusInquiries.$inferInsert, 'id' | 'practiceId'>;

/** ISA13 of a new 276 (the interchange sequence the 270s and 837Ps share). */
export async function nextInterchangeControlNumber(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: string | number }>(await db.execute(sql`select nextval('x12_interchange_control_seq') as n`));
  return Number(row!.n);
}

/** Stores a status inquiry. @returns the stored row */
export async function insertInquiry(tx: Db, practiceId: string, values: NewInquiryRow): Promise<InquiryRow> {
  const [row] = await tx.insert(claimStatusInquiries).values({ ...values, practiceId }).returning();
  return row!;
}

/** Status inquiries of claims, newest first (one statement). */
export function findInquiriesOfClaims(db: Db, practiceId: string, claimIds: readonly string[]): Promise<InquiryRow[]> {
  if (claimIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(claimStatusInquiries)
    .where(and(eq(claimStatusInquiries.practiceId, practiceId), inArray(claimStatusInquiries.claimId, [...claimIds])))
    .orderBy(desc(claimStatusInquiries.requestedAt), desc(claimStatusInquiries.id));
}

/**
 * Claims waiting on the payer since before `cutoff` — SUBMITTED without an acknowledgment, or ACCEPTED
 * and not adjudicated — that were not asked about since `cutoff`; oldest first.
 */
export function findStaleClaims(db: Db, practiceId: string, cutoff: Date, limit: number): Promise<ClaimRow[]> {
  const asked = db
    .select({ one: sql`1` })
    .from(claimStatusInquiries)
    .where(and(eq(claimStatusInquiries.claimId, claims.id), eq(claimStatusInquiries.revision, claims.revision), gte(claimStatusInquiries.requestedAt, cutoff)));
  return db
    .select()
    .from(claims)
    .where(
      and(
        eq(claims.practiceId, practiceId),
        inArray(claims.status, ['SUBMITTED', 'ACCEPTED']),
        isNotNull(claims.submittedAt),
        sql`coalesce(${claims.acknowledgedAt}, ${claims.submittedAt}) < ${cutoff.toISOString()}::timestamptz`,
        notExists(asked),
      ),
    )
    .orderBy(asc(claims.submittedAt), asc(claims.id))
    .limit(limit);
}
