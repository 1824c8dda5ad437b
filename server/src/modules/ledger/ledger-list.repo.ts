import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { ledgerEntries } from '../../db/schema/ledger.js';
import type { LedgerEntryRow } from './ledger.repo.js';

export interface LedgerQuery {
  patientId?: string | null;
  claimId?: string | null;
  kinds?: readonly string[] | null;
  from?: string | null;
  to?: string | null;
}

/** The keyset of the list: effective date, then posting number — newest first. */
export type LedgerKey = [string, number];

export const keyOf = (r: LedgerEntryRow): LedgerKey => [r.effectiveDate, r.number];

const e = ledgerEntries;
const KEYS = [e.effectiveDate, e.number];

function filters(practiceId: string, q: LedgerQuery): SQL[] {
  const where: SQL[] = [eq(e.practiceId, practiceId)];
  if (q.patientId) where.push(eq(e.patientId, q.patientId));
  if (q.claimId) where.push(eq(e.claimId, q.claimId));
  if (q.kinds?.length) where.push(inArray(e.kind, [...q.kinds]));
  if (q.from) where.push(gte(e.effectiveDate, q.from));
  if (q.to) where.push(lte(e.effectiveDate, q.to));
  return where;
}

/**
 * One page of ledger entries, newest effective date first (posting number breaks ties), keyset-paged by
 * the row comparison (effective_date, number) < cursor forward and > cursor backward, served by the
 * indexes ledger_entries_page and ledger_entries_patient.
 * @returns up to limit+1 rows in page order (reversed when going backward)
 */
export function listEntries(db: Db, practiceId: string, q: LedgerQuery, limit: number, cursor: LedgerKey | null, forward: boolean): Promise<LedgerEntryRow[]> {
  const where = filters(practiceId, q);
  const order = pageOrder('DESC', forward);
  if (cursor) where.push(keysetAfter(KEYS, cursor, order));
  return db
    .select()
    .from(e)
    .where(and(...where))
    .orderBy(...keysetOrder(KEYS, order))
    .limit(limit + 1);
}

/** How many entries match the filter (for totalCount). */
export async function countEntries(db: Db, practiceId: string, q: LedgerQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(e).where(and(...filters(practiceId, q)));
  return Number(row?.n ?? 0);
}
