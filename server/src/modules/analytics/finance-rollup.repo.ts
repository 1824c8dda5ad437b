import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inMonths, type Months, nearMonths, SAMPLE_LIMIT } from './rollup.repo.js';

/** The additive columns of analytics_finance_cells, each summed from the facts below (absent = 0). */
const SUM_COLUMNS = [
  'entries', 'charges_cents', 'insurance_payments_cents', 'patient_payments_cents', 'refunds_cents', 'contractual_cents', 'patient_responsibility_cents',
  'other_adjustment_cents', 'write_off_cents', 'ar_change_cents', 'ar_over90_change_cents', 'claims_submitted', 'claims_answered', 'claims_clean',
  'claims_adjudicated', 'claims_denied', 'claims_paid', 'days_to_payment', 'denied_with_reason',
] as const;
type SumColumn = (typeof SUM_COLUMNS)[number];
/** A claim's dimensions: its visit's provider and location, its payer. */
const claimKeys = `s.rendering_provider_id::text as provider, s.location_id::text as location, c.payer_id::text as payer`;
/** Which population a fact's patient belongs to (decides suppression of the metrics reading it). */
type FactPopulation = 'ledger' | 'submitted' | 'adjudicated';

/**
 * One kind of fact: a select over `from` giving (in this order) patient_id, the event date d, the text
 * dimensions provider, location, payer, grp, rsn, then its population and the sums it contributes.
 */
function fact(population: FactPopulation, keys: string, sums: Partial<Record<SumColumn, string>>, from: SQL): SQL {
  const cols = SUM_COLUMNS.map((c) => `${sums[c] ?? '0'}::bigint as ${c}`).join(', ');
  return sql`select ${sql.raw(keys)}, '${sql.raw(population)}' as pop, ${sql.raw(cols)} ${from}`;
}

/**
 * Every revenue-cycle fact of a practice. Ledger entries count on their effective date with the kind,
 * group, reason, claim and visit of the entry they belong to (a REVERSAL: the entry it reverses), so
 * a reversal nets its entry out in the same sums; provider and location are the visit's (superbill),
 * payer the entry's own, else its claim's, else the visit's ('' = self-pay). Each entry's balance
 * effect is also counted again on the day it turns over 90 days old (date of service + 91, not
 * before the entry itself). Claims count on their first submission (local date of the claim's
 * location) with their first answer after it; posted, not reversed, remittance claims on the payment
 * date, and denied ones (CLP02 4) once per distinct CAS group and reason they carry.
 */
function facts(practiceId: string, months: Months): SQL {
  // The ledger entries and remittance claims are resolved once, into the temporary tables of prepareFacts.
  const entryKeys = `patient_id, d, provider, location, payer, grp, rsn`;
  const entries = sql`from analytics_ledger_facts x`;
  const ledger = fact('ledger', entryKeys, {
    entries: '1',
    charges_cents: `case when k = 'CHARGE' then amt else 0 end`,
    insurance_payments_cents: `case when k = 'INSURANCE_PAYMENT' then -amt else 0 end`,
    patient_payments_cents: `case when k = 'PATIENT_PAYMENT' then -amt else 0 end`,
    refunds_cents: `case when k = 'REFUND' then amt else 0 end`,
    contractual_cents: `case when k = 'CONTRACTUAL_ADJUSTMENT' then -amt else 0 end`,
    patient_responsibility_cents: `case when k = 'PATIENT_RESPONSIBILITY' then amt else 0 end`,
    other_adjustment_cents: `case when k = 'OTHER_ADJUSTMENT' then -amt else 0 end`,
    write_off_cents: `case when k = 'WRITE_OFF' then -amt else 0 end`,
    ar_change_cents: 'ar',
  }, entries);
  const aged = fact('ledger', `patient_id, greatest(d, dos + 91) as d, provider, location, payer, '' as grp, '' as rsn`, { ar_over90_change_cents: 'ar' }, sql`${entries} where ar <> 0`);

  // A claim's first submission: its SUBMITTED history row with no earlier one, found from the history rows of the
  // months (not by looking up every claim of the practice).
  const claimBase = sql`from claim_status_history fh join claims c on c.id = fh.claim_id
    join superbills s on s.id = c.superbill_id join locations l on l.id = c.location_id`;
  const submitted = fact('submitted', `c.patient_id, (fh.changed_at at time zone l.time_zone)::date as d, ${claimKeys}, '' as grp, '' as rsn`, {
    claims_submitted: '1',
    claims_answered: `(a.to_status is not null)::int`,
    claims_clean: `(a.to_status is not null and a.to_status <> 'REJECTED')::int`,
  }, sql`${claimBase} left join lateral (select h.to_status from claim_status_history h where h.claim_id = c.id and h.seq > fh.seq
        and h.to_status in ('ACCEPTED', 'REJECTED', 'PAID', 'PARTIALLY_PAID', 'DENIED') order by h.seq limit 1) a on true
      where fh.practice_id = ${practiceId} and fh.to_status = 'SUBMITTED' and ${nearMonths('fh.changed_at', months)} and c.practice_id = ${practiceId}
        and not exists (select 1 from claim_status_history p where p.claim_id = fh.claim_id and p.to_status = 'SUBMITTED' and p.seq < fh.seq)`);

  const adjudications = sql`from analytics_adjudication_facts j`;
  const adjudicated = fact('adjudicated', `patient_id, d, provider, location, payer, '' as grp, '' as rsn`, {
    claims_adjudicated: '1',
    claims_denied: 'denied::int',
    claims_paid: '(paid and submitted_on is not null)::int',
    days_to_payment: 'case when paid and submitted_on is not null then greatest(0, d - submitted_on) else 0 end',
  }, adjudications);
  const reasons = fact('adjudicated', `patient_id, d, provider, location, payer, grp, rsn`, { denied_with_reason: '1' }, sql`from (
      select distinct j.rc_id, j.patient_id, j.d, j.provider, j.location, j.payer, ra.group_code as grp, ra.reason_code as rsn
      ${adjudications} join remittance_adjustments ra on ra.remittance_claim_id = j.rc_id where j.denied
    ) dr`);
  return sql`${ledger} union all ${aged} union all ${submitted} union all ${adjudicated} union all ${reasons}`;
}

/** `<date expr>` within one of `months` moved `days` earlier: [first day − days, next month's first day − days). */
function inMonthsBefore(expr: string, months: readonly string[], days: number): SQL {
  const e = sql.raw(expr);
  return sql`(${sql.join(months.map((m) => sql`(${e} >= ${m}::date - ${days}::int and ${e} < (${m}::date + interval '1 month')::date - ${days}::int)`), sql` or `)})`;
}

/**
 * The ids of the ledger entries an incremental recompute of `months` may need, found through indexes rather than
 * by reading the practice's whole ledger: the entries effective in those months, and the entries (and their
 * reversals) of every date of service 91 days before one of them — the entries whose 90-day ageing may fall in
 * them. A superset: prepareFacts applies the exact conditions. The date of service of an entry is its superbill's
 * (its own, or its claim's), else its claim's, else its own effective date, so all four are looked up.
 */
function ledgerCandidates(practiceId: string, months: readonly string[]): SQL {
  const aged = (expr: string) => inMonthsBefore(expr, months, 91);
  return sql`with origin as (
      select o.id from superbills s join ledger_entries o on o.superbill_id = s.id where s.practice_id = ${practiceId} and ${aged('s.date_of_service')}
      union select o.id from claims c join ledger_entries o on o.practice_id = c.practice_id and o.claim_id = c.id where c.practice_id = ${practiceId} and ${aged('c.date_of_service')}
      union select o.id from superbills s join claims c on c.superbill_id = s.id join ledger_entries o on o.practice_id = c.practice_id and o.claim_id = c.id
        where s.practice_id = ${practiceId} and ${aged('s.date_of_service')}
      union select o.id from ledger_entries o where o.practice_id = ${practiceId} and ${aged('o.effective_date')}
    )
    select id from origin
    union select r.id from origin join ledger_entries r on r.reverses_id = origin.id
    union select e.id from ledger_entries e where e.practice_id = ${practiceId} and ${inMonthsBefore('e.effective_date', months, 0)}`;
}

/**
 * Resolves the practice's ledger entries and posted remittance claims once each into temporary tables (dropped
 * at commit) that the facts read twice. An incremental recompute reads only what its months can hold: the
 * ledger entries of ledgerCandidates and the remittance claims of the remittances paid (or posted) in them.
 */
async function prepareFacts(tx: Db, practiceId: string, months: Months): Promise<void> {
  await tx.execute(sql`drop table if exists analytics_ledger_facts`);
  await tx.execute(sql`drop table if exists analytics_adjudication_facts`);
  await tx.execute(sql`create temporary table analytics_ledger_facts on commit drop as
      select e.patient_id, e.effective_date as d, o.kind as k, e.amount_cents as amt, e.insurance_cents + e.patient_cents as ar,
        coalesce(s.rendering_provider_id::text, '') as provider, coalesce(s.location_id::text, '') as location,
        coalesce(coalesce(o.payer_id, c.payer_id, s.payer_id)::text, '') as payer,
        case when o.kind in ('CONTRACTUAL_ADJUSTMENT', 'PATIENT_RESPONSIBILITY', 'OTHER_ADJUSTMENT') then coalesce(o.group_code, '') else '' end as grp,
        case when o.kind in ('CONTRACTUAL_ADJUSTMENT', 'PATIENT_RESPONSIBILITY', 'OTHER_ADJUSTMENT') then coalesce(o.reason_code, '') else '' end as rsn,
        coalesce(s.date_of_service, c.date_of_service, o.effective_date) as dos
      from ledger_entries e
      ${months === null ? sql`` : sql`join (${ledgerCandidates(practiceId, months)}) k on k.id = e.id`}
      join ledger_entries o on o.id = coalesce(e.reverses_id, e.id)
      left join claims c on c.id = o.claim_id
      left join superbills s on s.id = coalesce(o.superbill_id, c.superbill_id)
      where e.practice_id = ${practiceId} and (${months === null ? sql`true` : sql`e.effective_date < ${[...months].sort().at(-1)!}::date + interval '1 month'`})
        and (${inMonths('e.effective_date', months)} or ${inMonths('greatest(e.effective_date, coalesce(s.date_of_service, c.date_of_service, o.effective_date) + 91)', months)})`);
  await tx.execute(sql`create temporary table analytics_adjudication_facts on commit drop as
      select rc.id as rc_id, c.patient_id, ${sql.raw(claimKeys)}, rc.status_code = '4' as denied, rc.paid_cents > 0 as paid,
        coalesce(r.payment_date, (r.posted_at at time zone l.time_zone)::date) as d,
        (select (fh.changed_at at time zone l.time_zone)::date from claim_status_history fh where fh.claim_id = c.id and fh.to_status = 'SUBMITTED' order by fh.seq limit 1) as submitted_on
      from remittance_claims rc join remittances r on r.id = rc.remittance_id join claims c on c.id = rc.claim_id
        join superbills s on s.id = c.superbill_id join locations l on l.id = c.location_id
      where rc.practice_id = ${practiceId} and rc.outcome = 'POSTED' and rc.reversed_by_id is null and r.status = 'POSTED'
        and ${inMonths('coalesce(r.payment_date, (r.posted_at at time zone l.time_zone)::date)', months)}
        and r.practice_id = ${practiceId} and (${inMonths('r.payment_date', months)} or (r.payment_date is null and ${nearMonths('r.posted_at', months)}))`);
}

const population = (name: FactPopulation) =>
  sql.raw(`count(distinct patient_id) filter (where pop = '${name}') as ${name}_patients,
    case when count(distinct patient_id) filter (where pop = '${name}') <= ${SAMPLE_LIMIT}
         then array_agg(distinct patient_id) filter (where pop = '${name}') end as ${name}_sample`);

/**
 * Recomputes one practice's revenue-cycle rollup cells, for all months or only `months`, in the caller's
 * transaction (which holds the refresh row): analytics_finance_cells and, from the same facts in the same
 * statement, their pre-summed months (analytics_finance_months: no week, group or reason). The two
 * grouping sets share one sort (the months' keys are a prefix of the cells'); the insert into the cells
 * is a data-modifying CTE of the insert into the months.
 */
export async function rebuildFinanceRollups(tx: Db, practiceId: string, months: Months = null): Promise<void> {
  await tx.execute(sql`delete from analytics_finance_cells where practice_id = ${practiceId} and ${inMonths('month', months)}`);
  await tx.execute(sql`delete from analytics_finance_months where practice_id = ${practiceId} and ${inMonths('month', months)}`);
  await prepareFacts(tx, practiceId, months);
  const sums = SUM_COLUMNS.map((c) => `sum(${c})::bigint as ${c}`).join(', ');
  const sumNames = SUM_COLUMNS.join(', ');
  const populations = 'ledger_patients, ledger_sample, submitted_patients, submitted_sample, adjudicated_patients, adjudicated_sample';
  await tx.execute(sql`with g as (
      select month, week, provider, location, payer, grp, rsn, grouping(week) as summed, ${sql.raw(sums)},
        ${population('ledger')}, ${population('submitted')}, ${population('adjudicated')}
      from (select date_trunc('month', d::timestamp)::date as month, date_trunc('week', d::timestamp)::date as week, f.*
            from (${facts(practiceId, months)}) f where ${inMonths('d', months)}) f
      group by grouping sets ((month, provider, location, payer, week, grp, rsn), (month, provider, location, payer))
    ), cells as (
      insert into analytics_finance_cells (practice_id, month, week, provider_id, location_id, payer_id, adjustment_group, reason_code, ${sql.raw(sumNames)}, ${sql.raw(populations)})
      select ${practiceId}::uuid, month, week, provider, location, payer, grp, rsn, ${sql.raw(sumNames)}, ${sql.raw(populations)} from g where summed = 0
    )
    insert into analytics_finance_months (practice_id, month, provider_id, location_id, payer_id, ${sql.raw(sumNames)}, ${sql.raw(populations)})
    select ${practiceId}::uuid, month, provider, location, payer, ${sql.raw(sumNames)}, ${sql.raw(populations)} from g where summed = 1`);
}
