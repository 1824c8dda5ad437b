import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';

export type AgingGroup = 'PAYER' | 'PATIENT' | 'PROVIDER' | 'LOCATION';

/** One group's open balances per age bucket (cents; credits are negative and counted where they age). */
export interface AgingRow {
  groupId: string | null;
  part: 'INSURANCE' | 'PATIENT';
  b0: number;
  b31: number;
  b61: number;
  b91: number;
  b121: number;
  /** Of b0…b121 together: what was aged from the date of service because no submitted claim covers it (SUBMISSION basis; 0 otherwise). */
  fromService: number;
}

/**
 * One group's balances as one array: the group, then the insurance part's buckets 0–30, 31–60, 61–90, 91–120,
 * 121+ and its `fromService`, then the same six for the patient part (cents).
 */
export type AgingGroupRow = [groupId: string | null, i0: number, i31: number, i61: number, i91: number, i121: number, iFromService: number, p0: number, p31: number, p61: number, p91: number, p121: number, pFromService: number];

/** DATE_OF_SERVICE, or SUBMISSION with the practice's time zone (the calendar a claim's submitted_at is read on). */
export type AgingBasis = { kind: 'DATE_OF_SERVICE' } | { kind: 'SUBMISSION'; zone: string };

/** The column of `items` (below) a grouping reads. */
const GROUP: Record<AgingGroup, SQL> = {
  PAYER: sql.raw('payer_id'),
  PATIENT: sql.raw('patient_id'),
  PROVIDER: sql.raw('provider_id'),
  LOCATION: sql.raw('location_id'),
};

/** The buckets' lower bounds in days: width_bucket gives 0 for 0–30 (and any negative age), 1 for 31–60, … 4 for 121+. */
const BOUNDS = 'array[31, 61, 91, 121]';
const BUCKETS = ['0', '31', '61', '91', '121'] as const;

/**
 * A/R aging in one statement. An item is a superbill (with its patient), else a claim, else the
 * patient's account; it ages from its date of service (the superbill's, else its earliest entry) and
 * every entry counts in exactly one item, so the buckets add up to the ledger. Entries effective up to
 * `asOf` count. On the SUBMISSION basis an item ages instead from its first submission: the earliest
 * submitted_at, as a calendar date in `zone` and not after `asOf`, of the item's claims (the claims of
 * its superbill and the claims its entries are posted to, whatever their status or frequency). An item
 * without one ages from its date of service and is counted in `fromService`.
 *
 * Speed: the items come from `ar_items`, whose running sums, superbill columns and first submission the
 * ledger's, claims' and superbills' triggers keep (migration ar_items_triggers), so the statement reads one
 * row per item. An item with entries effective after `asOf` (few when `asOf` is recent) is summed again from
 * its entries up to `asOf`, with the claims of those entries for its first submission.
 * @returns one row per group that has entries, in group order (nulls last)
 */
export async function agingGroups(db: Db, practiceId: string, asOf: string, groupBy: AgingGroup, basis: AgingBasis): Promise<AgingGroupRow[]> {
  const submission = basis.kind === 'SUBMISSION';
  const current = sql`
      select coalesce(i.payer_id, i.entry_payer_id) as payer_id, i.patient_id, i.rendering_provider_id as provider_id, i.location_id,
             i.insurance_cents as ins, i.patient_cents as pat, coalesce(i.date_of_service, i.first_effective_date) as dated,
             ${submission ? sql.raw('i.first_submitted_at') : sql.raw('null::timestamptz')} as submitted_at
        from ar_items i
       where i.practice_id = ${practiceId} and i.last_effective_date <= ${asOf}::date`;
  const entrySubmission = submission ? sql.raw('min(c.submitted_at)') : sql.raw('null::timestamptz');
  const claimsJoin = submission ? sql.raw('left join claims c on c.id = e.claim_id and c.practice_id = e.practice_id') : sql.raw('');
  const superbillSubmission = submission
    ? sql.raw('(select min(c.submitted_at) from claims c where c.practice_id = i.practice_id and c.superbill_id = i.superbill_id)')
    : sql.raw('null::timestamptz');
  const late = sql`
      select coalesce(i.payer_id, x.entry_payer) as payer_id, i.patient_id, i.rendering_provider_id as provider_id, i.location_id,
             x.ins, x.pat, coalesce(i.date_of_service, x.first_date) as dated, least(${superbillSubmission}, x.submitted_at) as submitted_at
        from ar_items i
        cross join lateral (
          select sum(e.insurance_cents) as ins, sum(e.patient_cents) as pat, max(e.payer_id::text)::uuid as entry_payer,
                 min(e.effective_date) as first_date, ${entrySubmission} as submitted_at
            from ledger_entries e ${claimsJoin}
           where e.practice_id = i.practice_id and e.patient_id = i.patient_id and e.effective_date <= ${asOf}::date
             and case when i.superbill_id is null then e.superbill_id is null and e.claim_id is not distinct from i.claim_id else e.superbill_id = i.superbill_id end
          having count(*) > 0) x
       where i.practice_id = ${practiceId} and i.last_effective_date > ${asOf}::date and i.first_effective_date <= ${asOf}::date`;
  // Per group, one sum per bucket and part and the part aged from the date of service (SUBMISSION basis only), as
  // float8 (integer cents: exact below 2^53) so each aggregate's state is a plain value, not an allocated numeric.
  const sums = (part: 'ins' | 'pat') =>
    sql.raw([...BUCKETS.map((_, i) => `coalesce(sum(${part}) filter (where bucket = ${i}), 0)`), `coalesce(sum(${part}) filter (where from_service), 0)`].join(', '));
  // On the SUBMISSION basis an item's bucket comes from comparing its first submission with the instants the
  // practice's calendar days begin (asOf − 120, − 90, − 60, − 30, and asOf + 1 for "submitted by asOf"),
  // computed once per statement (uncorrelated subqueries): no time zone conversion per item.
  const dayStart = (offset: number) => sql`(${asOf}::date + ${offset}::int)::timestamp at time zone ${submission ? basis.zone : 'UTC'}`;
  const submittedBucket = submission
    ? sql`case when submitted_at < (select ${dayStart(1)}) then 4 - width_bucket(submitted_at, (select array[${dayStart(-120)}, ${dayStart(-90)}, ${dayStart(-60)}, ${dayStart(-30)}])) end`
    : sql`null::int`;
  // Each item's bucket is computed once per item, then summed per group. Grouped by patient (about one group per five
  // items) in one pass: one aggregate per group with a filtered sum per bucket (`offset 0` keeps the subquery from
  // being pulled up, so the bucket is not re-evaluated in every filter). With few groups it is cheaper to make the
  // bucket a grouping key (two sums per item) and pivot the few cells per group. The rows travel as one JSON text
  // (numbers, not one parsed field per value), in group order.
  const keyed = sql`select ${GROUP[groupBy]} as group_id, ins::float8 as ins, pat::float8 as pat, ${sql.raw(submission ? 'true' : 'false')} and submitted_bucket is null as from_service,
             coalesce(submitted_bucket, width_bucket(${asOf}::date - dated, ${sql.raw(BOUNDS)})) as bucket
        from (select *, ${submittedBucket} as submitted_bucket from items) k`;
  const cells = groupBy === 'PATIENT' ? sql`${keyed} offset 0` : sql`select group_id, bucket, from_service, sum(ins) as ins, sum(pat) as pat from (${keyed}) k group by 1, 2, 3`;
  const result = await db.execute(sql`
    with items as (${current} union all ${late}),
    cells as (${cells}),
    groups as (select group_id, json_build_array(group_id, ${sums('ins')}, ${sums('pat')}) as g from cells group by group_id)
    select coalesce(json_agg(g order by group_id nulls last), '[]')::text as groups from groups`);
  const [first] = rowsOf<{ groups: string }>(result);
  return JSON.parse(first?.groups ?? '[]') as AgingGroupRow[];
}

/**
 * `agingGroups` as two rows per group (INSURANCE, PATIENT), in group order.
 * @returns two rows (INSURANCE, PATIENT) per group that has entries
 */
export async function agingByGroup(db: Db, practiceId: string, asOf: string, groupBy: AgingGroup, basis: AgingBasis): Promise<AgingRow[]> {
  const rows: AgingRow[] = [];
  for (const [groupId, i0, i31, i61, i91, i121, iFs, p0, p31, p61, p91, p121, pFs] of await agingGroups(db, practiceId, asOf, groupBy, basis)) {
    rows.push({ groupId, part: 'INSURANCE', b0: i0, b31: i31, b61: i61, b91: i91, b121: i121, fromService: iFs });
    rows.push({ groupId, part: 'PATIENT', b0: p0, b31: p31, b61: p61, b91: p91, b121: p121, fromService: pFs });
  }
  return rows;
}
