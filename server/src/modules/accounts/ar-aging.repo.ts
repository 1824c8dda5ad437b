import { sql } from 'drizzle-orm';
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

const GROUP_COLUMN: Record<AgingGroup, ReturnType<typeof sql.raw>> = {
  PAYER: sql.raw('payer_id'),
  PATIENT: sql.raw('patient_id'),
  PROVIDER: sql.raw('provider_id'),
  LOCATION: sql.raw('location_id'),
};

/**
 * A/R aging in one statement: the entries effective up to `asOf` summed per item (a superbill, else a
 * claim, else the patient's account), each item aged from its date of service (the superbill's, else its
 * earliest entry), then its insurance and patient parts summed per group and bucket (0–30, 31–60, 61–90,
 * 91–120, over 120 days). Every entry counts in exactly one item, so the buckets add up to the ledger.
 * On the SUBMISSION basis an item ages instead from its first submission: the earliest submitted_at, as a
 * calendar date in `zone` and not after `asOf`, of the item's claims (the claims of its superbill and the
 * claims its entries are posted to, whatever their status or frequency). An item without one ages
 * from its date of service and is counted in `fromService`.
 * @returns two rows (INSURANCE, PATIENT) per group that has entries
 */
export async function agingByGroup(db: Db, practiceId: string, asOf: string, groupBy: AgingGroup, basis: AgingBasis): Promise<AgingRow[]> {
  const g = GROUP_COLUMN[groupBy];
  const submitted = basis.kind === 'SUBMISSION'
    ? sql`(select min((c.submitted_at at time zone ${basis.zone})::date)
             from claims c
            where c.practice_id = ${practiceId} and c.submitted_at is not null
              and (c.submitted_at at time zone ${basis.zone})::date <= ${asOf}::date
              and (c.superbill_id = items.superbill_id or c.id = any(items.claim_ids)))`
    : sql`null::date`;
  const result = await db.execute(sql`
    with items as (
      select e.patient_id, e.superbill_id,
             coalesce(array_agg(distinct e.claim_id) filter (where e.claim_id is not null), '{}') as claim_ids,
             coalesce(s.payer_id, max(e.payer_id::text)::uuid) as payer_id,
             s.rendering_provider_id as provider_id, s.location_id,
             coalesce(s.date_of_service, min(e.effective_date)) as dated,
             sum(e.insurance_cents)::bigint as ins, sum(e.patient_cents)::bigint as pat
        from ledger_entries e
        left join superbills s on s.id = e.superbill_id
       where e.practice_id = ${practiceId} and e.effective_date <= ${asOf}::date
       group by e.patient_id, e.superbill_id, case when e.superbill_id is null then e.claim_id end,
                s.payer_id, s.rendering_provider_id, s.location_id, s.date_of_service
    ), dated as (
      select items.*, ${submitted} as submitted_on from items
    ), aged as (
      select ${g} as group_id, ins, pat, ${asOf}::date - coalesce(submitted_on, dated) as age,
             ${sql.raw(basis.kind === 'SUBMISSION' ? 'true' : 'false')} and submitted_on is null as from_service
        from dated
    )
    select group_id::text as "groupId", part,
           coalesce(sum(amount) filter (where age <= 30), 0)::bigint as b0,
           coalesce(sum(amount) filter (where age between 31 and 60), 0)::bigint as b31,
           coalesce(sum(amount) filter (where age between 61 and 90), 0)::bigint as b61,
           coalesce(sum(amount) filter (where age between 91 and 120), 0)::bigint as b91,
           coalesce(sum(amount) filter (where age > 120), 0)::bigint as b121,
           coalesce(sum(amount) filter (where from_service), 0)::bigint as "fromService"
      from aged cross join lateral (values ('INSURANCE', ins), ('PATIENT', pat)) as parts(part, amount)
     group by group_id, part
     order by group_id nulls last, part`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    groupId: (r.groupId as string | null) ?? null, part: r.part as AgingRow['part'],
    b0: Number(r.b0), b31: Number(r.b31), b61: Number(r.b61), b91: Number(r.b91), b121: Number(r.b121), fromService: Number(r.fromService),
  }));
}
