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

/** DATE_OF_SERVICE, or SUBMISSION with the practice's time zone (the calendar a claim's submitted_at is read on). */
export type AgingBasis = { kind: 'DATE_OF_SERVICE' } | { kind: 'SUBMISSION'; zone: string };

/**
 * The group of a superbill item (`b` the item's sums, `s` its superbill), and of an item without a
 * superbill (aggregated per item, no superbill).
 */
const BILLED_GROUP: Record<AgingGroup, SQL> = {
  PAYER: sql.raw('coalesce(s.payer_id, b.entry_payer)'),
  PATIENT: sql.raw('b.patient_id'),
  PROVIDER: sql.raw('s.rendering_provider_id'),
  LOCATION: sql.raw('s.location_id'),
};
const LOOSE_GROUP: Record<AgingGroup, SQL> = {
  PAYER: sql.raw('max(e.payer_id::text)::uuid'),
  PATIENT: sql.raw('e.patient_id'),
  PROVIDER: sql.raw('null::uuid'),
  LOCATION: sql.raw('null::uuid'),
};

const BUCKETS = [
  ['0', 'age <= 30'],
  ['31', 'age between 31 and 60'],
  ['61', 'age between 61 and 90'],
  ['91', 'age between 91 and 120'],
  ['121', 'age > 120'],
  ['fs', 'from_service'],
] as const;

/**
 * A/R aging in one statement. An item is a superbill (with its patient), else a claim, else the
 * patient's account; it ages from its date of service (the superbill's, else its earliest entry) and
 * every entry counts in exactly one item, so the buckets add up to the ledger. Entries effective up to
 * `asOf` count. On the SUBMISSION basis an item ages instead from its first submission: the earliest
 * submitted_at, as a calendar date in `zone` and not after `asOf`, of the item's claims (the claims of
 * its superbill and the claims its entries are posted to, whatever their status or frequency). An item
 * without one ages from its date of service and is counted in `fromService`.
 *
 * Speed: superbill items are summed on the ledger's own columns only, in the order of the covering
 * index ledger_entries_aging (practice, superbill, patient), so PostgreSQL aggregates them as it reads
 * (no hash or sort of a hundred thousand groups, no joined columns in the grouping), then joins each
 * item to its superbill for its date and group. What depends on other tables is read set-wise: the
 * first submission per superbill, and claims of another superbill that an item's entries are posted to.
 * Items without a superbill (few) are summed apart.
 * @returns two rows (INSURANCE, PATIENT) per group that has entries
 */
export async function agingByGroup(db: Db, practiceId: string, asOf: string, groupBy: AgingGroup, basis: AgingBasis): Promise<AgingRow[]> {
  const submission = basis.kind === 'SUBMISSION';
  const inRange = sql`e.practice_id = ${practiceId} and e.effective_date <= ${asOf}::date`;
  const ctes: SQL[] = [];
  if (basis.kind === 'SUBMISSION') {
    ctes.push(sql`sub as (
      select c.id, c.superbill_id, (c.submitted_at at time zone ${basis.zone})::date as d
        from claims c
       where c.practice_id = ${practiceId} and c.submitted_at is not null and (c.submitted_at at time zone ${basis.zone})::date <= ${asOf}::date
    )`);
    ctes.push(sql`first_sub as (select superbill_id, min(d) as d from sub group by superbill_id)`);
    ctes.push(sql`cross_sub as (
      select e.superbill_id, e.patient_id, min(sub.d) as d
        from ledger_entries e join sub on sub.id = e.claim_id and sub.superbill_id <> e.superbill_id
       where ${inRange} and e.superbill_id is not null
       group by e.superbill_id, e.patient_id
    )`);
  }
  const billed = sql`
      select ${BILLED_GROUP[groupBy]} as group_id, b.ins, b.pat, s.date_of_service as dated,
             ${submission ? sql.raw('least(f.d, x.d)') : sql.raw('null::date')} as submitted_on
        from (select e.superbill_id, e.patient_id, sum(e.insurance_cents) as ins, sum(e.patient_cents) as pat, max(e.payer_id::text)::uuid as entry_payer
                from ledger_entries e
               where ${inRange} and e.superbill_id is not null
               group by e.superbill_id, e.patient_id) b
        join superbills s on s.id = b.superbill_id
        ${submission ? sql.raw('left join first_sub f on f.superbill_id = b.superbill_id left join cross_sub x on x.superbill_id = b.superbill_id and x.patient_id = b.patient_id') : sql.raw('')}`;
  const loose = sql`
      select ${LOOSE_GROUP[groupBy]} as group_id, sum(e.insurance_cents) as ins, sum(e.patient_cents) as pat, min(e.effective_date) as dated,
             ${submission ? sql.raw('min(sub.d)') : sql.raw('null::date')} as submitted_on
        from ledger_entries e ${submission ? sql.raw('left join sub on sub.id = e.claim_id') : sql.raw('')}
       where ${inRange} and e.superbill_id is null
       group by e.patient_id, e.claim_id`;
  const sums = (part: 'ins' | 'pat') => sql.raw(BUCKETS.map(([k, cond]) => `coalesce(sum(${part}) filter (where ${cond}), 0)::bigint as ${part}${k}`).join(', '));
  const values = (part: 'ins' | 'pat', name: string) => `('${name}', ${BUCKETS.map(([k]) => `${part}${k}`).join(', ')})`;
  const result = await db.execute(sql`
    with ${sql.join([...ctes, sql`aged as (
      select group_id, ins, pat, ${asOf}::date - coalesce(submitted_on, dated) as age, ${sql.raw(submission ? 'true' : 'false')} and submitted_on is null as from_service
        from (${billed} union all ${loose}) items
    )`, sql`totals as (select group_id, ${sums('ins')}, ${sums('pat')} from aged group by group_id)`], sql`, `)}
    select group_id::text as "groupId", v.part, v.b0, v.b31, v.b61, v.b91, v.b121, v.fs as "fromService"
      from totals cross join lateral (values ${sql.raw(values('ins', 'INSURANCE'))}, ${sql.raw(values('pat', 'PATIENT'))}) as v(part, b0, b31, b61, b91, b121, fs)
     order by group_id nulls last, v.part`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    groupId: (r.groupId as string | null) ?? null, part: r.part as AgingRow['part'],
    b0: Number(r.b0), b31: Number(r.b31), b61: Number(r.b61), b91: Number(r.b91), b121: Number(r.b121), fromService: Number(r.fromService),
  }));
}
