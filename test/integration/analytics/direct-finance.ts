import { sql } from 'drizzle-orm';
import type { Db } from '../../../server/src/db/client.js';

export type FinanceDim = 'PROVIDER' | 'LOCATION' | 'PAYER' | 'ADJUSTMENT_GROUP' | 'REASON_CODE';
export interface FinanceShape {
  grain: 'WEEK' | 'MONTH' | 'QUARTER';
  groupBy: FinanceDim[];
  payerIds?: string[];
}

const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, unknown>[];
const str = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** ISO week label (IYYY-Www) of a YYYY-MM-DD date, and its Monday. */
function isoWeek(d: string): { label: string; monday: string } {
  const t = new Date(`${d}T00:00:00Z`);
  const dow = (t.getUTCDay() + 6) % 7;
  const monday = new Date(t.getTime() - dow * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { label: `${year}-W${String(week).padStart(2, '0')}`, monday: monday.toISOString().slice(0, 10) };
}

/** Bucket of a date, its last day and whether it lies in the period (weeks: by their Monday). */
function bucketOf(d: string, grain: FinanceShape['grain'], from: string, to: string): { label: string; end: string; inPeriod: boolean } {
  const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const periodEnd = lastOfMonth(Number(to.slice(0, 4)), Number(to.slice(5, 7)));
  if (grain === 'WEEK') {
    const w = isoWeek(d);
    const end = new Date(Date.parse(`${w.monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    return { label: w.label, end, inPeriod: w.monday >= `${from}-01` && w.monday <= periodEnd };
  }
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const inPeriod = d >= `${from}-01` && d <= periodEnd;
  if (grain === 'MONTH') return { label: d.slice(0, 7), end: lastOfMonth(y, m), inPeriod };
  const q = Math.ceil(m / 3);
  return { label: `${y}-Q${q}`, end: lastOfMonth(y, q * 3), inPeriod };
}

/** The ledger entries (with the kind, group, reason and date of service of the entry they belong to), claims by first submission and posted remittance claims of a practice, read row by row. */
async function rawFinance(db: Db, practiceId: string) {
  const ledger = rowsOf(
    await db.execute(sql`
    select e.patient_id::text as patient_id, e.effective_date::text as d, e.amount_cents as amt, e.insurance_cents + e.patient_cents as ar,
      o.kind, o.group_code, o.reason_code,
      (select s.rendering_provider_id::text from superbills s where s.id = coalesce(o.superbill_id, (select c.superbill_id from claims c where c.id = o.claim_id))) as provider,
      (select s.location_id::text from superbills s where s.id = coalesce(o.superbill_id, (select c.superbill_id from claims c where c.id = o.claim_id))) as location,
      coalesce(o.payer_id, (select c.payer_id from claims c where c.id = o.claim_id),
        (select s.payer_id from superbills s where s.id = coalesce(o.superbill_id, (select c.superbill_id from claims c where c.id = o.claim_id))))::text as payer,
      coalesce((select s.date_of_service from superbills s where s.id = coalesce(o.superbill_id, (select c.superbill_id from claims c where c.id = o.claim_id))),
        (select c.date_of_service from claims c where c.id = o.claim_id), o.effective_date)::text as dos
    from ledger_entries e, ledger_entries o
    where e.practice_id = ${practiceId} and o.id = case when e.kind = 'REVERSAL' then e.reverses_id else e.id end`),
  );
  const claimRows = rowsOf(
    await db.execute(sql`
    with h as (select h.*, row_number() over (partition by h.claim_id, h.to_status order by h.seq) as nth from claim_status_history h where h.practice_id = ${practiceId})
    select c.id, c.patient_id::text as patient_id, (sub.changed_at at time zone l.time_zone)::date::text as submitted_on, s.rendering_provider_id::text as provider, s.location_id::text as location, c.payer_id::text as payer,
      (select h2.to_status from h h2 where h2.claim_id = c.id and h2.seq = (select min(h3.seq) from h h3 where h3.claim_id = c.id and h3.seq > sub.seq
        and h3.to_status in ('ACCEPTED', 'REJECTED', 'PAID', 'PARTIALLY_PAID', 'DENIED'))) as answer
    from claims c join h sub on sub.claim_id = c.id and sub.to_status = 'SUBMITTED' and sub.nth = 1
      join superbills s on s.id = c.superbill_id join locations l on l.id = c.location_id
    where c.practice_id = ${practiceId}`),
  );
  const adjudications = rowsOf(
    await db.execute(sql`
    select rc.claim_id::text as claim_id, c.patient_id::text as patient_id, rc.status_code, rc.paid_cents, coalesce(r.payment_date, (r.posted_at at time zone l.time_zone)::date)::text as d,
      s.rendering_provider_id::text as provider, s.location_id::text as location, c.payer_id::text as payer,
      (select string_agg(distinct a.group_code || ':' || a.reason_code, ',') from remittance_adjustments a where a.remittance_claim_id = rc.id) as reasons
    from remittance_claims rc join remittances r on r.id = rc.remittance_id join claims c on c.id = rc.claim_id
      join superbills s on s.id = c.superbill_id join locations l on l.id = c.location_id
    where rc.practice_id = ${practiceId} and rc.outcome = 'POSTED' and rc.reversed_by_id is null and r.status = 'POSTED'`),
  );
  return { ledger, claimRows, adjudications };
}

/**
 * Every revenue-cycle measure computed from ledger_entries, claims, claim_status_history, remittances and
 * superbills without the rollups (correlated subqueries, sums in JavaScript): per metric, one record per
 * bucket and grouped values, keyed like the API rows, with `_population` (the row's population size).
 */
export async function directFinance(db: Db, practiceId: string, from: string, to: string, shape: FinanceShape): Promise<Map<string, Map<string, Record<string, number | null>>>> {
  const { ledger, claimRows, adjudications } = await rawFinance(db, practiceId);
  const submittedOn = new Map(claimRows.map((c) => [str(c.id), str(c.submitted_on)]));

  const isAdj = (k: string) => ['CONTRACTUAL_ADJUSTMENT', 'PATIENT_RESPONSIBILITY', 'OTHER_ADJUSTMENT'].includes(k);
  const dimsOf = (x: Record<string, unknown>, grp = '', rsn = ''): Record<FinanceDim, string> => ({ PROVIDER: str(x.provider), LOCATION: str(x.location), PAYER: str(x.payer), ADJUSTMENT_GROUP: grp, REASON_CODE: rsn });
  const passes = (dims: Record<FinanceDim, string>) => !shape.payerIds || shape.payerIds.includes(dims.PAYER);
  const keyOf = (label: string, dims: Record<FinanceDim, string>, by = shape.groupBy) => [label, ...by.map((g) => dims[g])].join('|');
  const adjOnly = shape.groupBy.some((g) => g === 'ADJUSTMENT_GROUP' || g === 'REASON_CODE');
  const sums = new Map<string, Record<string, number>>();
  const add = (key: string, values: Record<string, number>) => {
    const s = sums.get(key) ?? {};
    for (const [k, v] of Object.entries(values)) s[k] = (s[k] ?? 0) + v;
    sums.set(key, s);
  };
  const ends = new Map<string, string>();

  for (const e of ledger) {
    const kind = str(e.kind);
    const dims = dimsOf(e, isAdj(kind) ? str(e.group_code) : '', isAdj(kind) ? str(e.reason_code) : '');
    const b = bucketOf(str(e.d), shape.grain, from, to);
    if (!b.inPeriod || !passes(dims) || (adjOnly && dims.ADJUSTMENT_GROUP === '')) continue;
    const amt = Number(e.amt);
    ends.set(b.label, b.end);
    add(keyOf(b.label, dims), {
      ledger: 1,
      charges: kind === 'CHARGE' ? amt : 0,
      ins: kind === 'INSURANCE_PAYMENT' ? -amt : 0,
      pat: kind === 'PATIENT_PAYMENT' ? -amt : 0,
      refunds: kind === 'REFUND' ? amt : 0,
      co: kind === 'CONTRACTUAL_ADJUSTMENT' ? -amt : 0,
      pr: kind === 'PATIENT_RESPONSIBILITY' ? amt : 0,
      other: kind === 'OTHER_ADJUSTMENT' ? -amt : 0,
      wo: kind === 'WRITE_OFF' ? -amt : 0,
    });
  }
  for (const c of claimRows) {
    const dims = dimsOf(c);
    const b = bucketOf(str(c.submitted_on), shape.grain, from, to);
    if (!b.inPeriod || !passes(dims) || adjOnly) continue;
    const answer = str(c.answer);
    add(keyOf(b.label, dims), { submitted: 1, answered: answer ? 1 : 0, clean: answer && answer !== 'REJECTED' ? 1 : 0 });
  }
  const adjudicatedTotals = new Map<string, number>();
  for (const a of adjudications) {
    const b = bucketOf(str(a.d), shape.grain, from, to);
    const base = dimsOf(a);
    if (!b.inPeriod || !passes(base)) continue;
    const denied = str(a.status_code) === '4';
    const sub = submittedOn.get(str(a.claim_id));
    const paid = Number(a.paid_cents) > 0 && sub !== undefined;
    const days = paid ? Math.max(0, Math.round((Date.parse(str(a.d)) - Date.parse(sub!)) / 86_400_000)) : 0;
    const marginKey = keyOf(b.label, base, shape.groupBy.filter((g) => g !== 'ADJUSTMENT_GROUP' && g !== 'REASON_CODE'));
    adjudicatedTotals.set(marginKey, (adjudicatedTotals.get(marginKey) ?? 0) + 1);
    if (!adjOnly) add(keyOf(b.label, base), { adjudicated: 1, denied: denied ? 1 : 0, paidClaims: paid ? 1 : 0, days });
    if (denied) {
      for (const pair of str(a.reasons).split(',').filter(Boolean)) {
        const [g, rsn] = pair.split(':');
        add(keyOf(b.label, dimsOf(a, g, rsn)), { withReason: 1 });
      }
    }
  }
  // Balances at each row's end, from every entry up to that day.
  const balance = (key: string) => {
    const [label, ...vals] = key.split('|');
    const end = ends.get(label!) ?? bucketOf(`${label!.slice(0, 4)}-01-01`, shape.grain, from, to).end;
    let ar = 0;
    let over = 0;
    for (const e of ledger) {
      const dims = dimsOf(e);
      if (!passes(dims) || str(e.d) > end || shape.groupBy.some((g, i) => dims[g] !== vals[i])) continue;
      ar += Number(e.ar);
      if (Date.parse(end) - Date.parse(str(e.dos)) > 90 * 86_400_000) over += Number(e.ar);
    }
    return { ar, over };
  };
  const days = (label: string) => {
    if (shape.grain === 'WEEK') return 7;
    const y = Number(label.slice(0, 4));
    const [a, b] = shape.grain === 'MONTH' ? [Number(label.slice(5)) - 1, Number(label.slice(5))] : [(Number(label.slice(6)) - 1) * 3, Number(label.slice(6)) * 3];
    return (Date.UTC(y, b, 1) - Date.UTC(y, a, 1)) / 86_400_000;
  };
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const pos = (a: number, b: number) => (b > 0 ? a / b : null);
  // Payer mix: charges of all payers (whatever the payer filter) in the row's bucket and other values.
  const totalCharges = new Map<string, number>();
  for (const e of ledger) {
    const b = bucketOf(str(e.d), shape.grain, from, to);
    if (!b.inPeriod || str(e.kind) !== 'CHARGE') continue;
    const marginKey = keyOf(b.label, dimsOf(e), shape.groupBy.filter((g) => g !== 'PAYER'));
    totalCharges.set(marginKey, (totalCharges.get(marginKey) ?? 0) + Number(e.amt));
  }

  const out = new Map<string, Map<string, Record<string, number | null>>>();
  const put = (metric: string, key: string, rec: Record<string, number | null>) => out.set(metric, (out.get(metric) ?? new Map()).set(key, rec));
  for (const [key, s0] of sums) {
    const s = (k: string) => s0[k] ?? 0;
    const [label, ...vals] = key.split('|');
    const net = s('ins') + s('pat') - s('refunds');
    const ledgerPop = s('ledger');
    const adjMargin = [label, ...shape.groupBy.map((g, i) => (g === 'ADJUSTMENT_GROUP' || g === 'REASON_CODE' ? undefined : vals[i])).filter((v) => v !== undefined)].join('|');
    const payerMargin = [label, ...shape.groupBy.map((g, i) => (g === 'PAYER' ? undefined : vals[i])).filter((v) => v !== undefined)].join('|');
    put('charges', key, { _population: ledgerPop, chargesCents: s('charges') });
    put('payments', key, { _population: ledgerPop, insurancePaymentsCents: s('ins'), patientPaymentsCents: s('pat'), refundsCents: s('refunds'), netPaymentsCents: net });
    put('adjustments', key, { _population: ledgerPop, contractualCents: s('co'), patientResponsibilityCents: s('pr'), otherAdjustmentCents: s('other'), writeOffCents: s('wo'), totalAdjustmentCents: s('co') + s('other') + s('wo') });
    put('netCollectionRate', key, { _population: ledgerPop, netPaymentsCents: net, chargesCents: s('charges'), contractualCents: s('co'), netCollectionRate: pos(net, s('charges') - s('co')) });
    if (!adjOnly) {
      const { ar, over } = balance(key);
      put('daysInAR', key, { _population: ledgerPop, arCents: ar, chargesCents: s('charges'), days: days(label!), daysInAR: pos(ar, s('charges') / days(label!)) });
      put('arOver90', key, { _population: ledgerPop, arCents: ar, arOver90Cents: over, arOver90Share: pos(over, ar) });
    }
    put('cleanClaimRate', key, { _population: s('submitted'), submittedClaims: s('submitted'), answeredClaims: s('answered'), cleanClaims: s('clean'), cleanClaimRate: ratio(s('clean'), s('answered')) });
    put('denialRate', key, { _population: s('adjudicated'), adjudicatedClaims: s('adjudicated'), deniedClaims: s('denied'), denialRate: ratio(s('denied'), s('adjudicated')) });
    const total = adjudicatedTotals.get(adjMargin) ?? 0;
    put('denialReasons', key, { _population: s('adjudicated') + s('withReason'), deniedClaims: s('withReason'), adjudicatedClaims: total, denialRate: ratio(s('withReason'), total) });
    put('daysToPayment', key, { _population: s('adjudicated'), paidClaims: s('paidClaims'), averageDays: ratio(s('days'), s('paidClaims')) });
    put('patientResponsibilityShare', key, { _population: ledgerPop, patientResponsibilityCents: s('pr'), insurancePaymentsCents: s('ins'), patientResponsibilityShare: pos(s('pr'), s('ins') + s('pr')) });
    put('payerMix', key, { _population: ledgerPop, chargesCents: s('charges'), allPayersChargesCents: totalCharges.get(payerMargin) ?? 0, chargeShare: pos(s('charges'), totalCharges.get(payerMargin) ?? 0) });
  }
  return out;
}

/** The sums and distinct patients of one pre-summed finance month cell (month, provider, location, payer). */
export interface DirectMonthCell {
  sums: Record<string, number>;
  patients: { ledger: Set<string>; submitted: Set<string>; adjudicated: Set<string> };
}

/**
 * The pre-summed finance months computed row by row from the raw tables: per month of the event date and
 * provider, location, payer ('' for none), the sums (named as analytics_finance_months' columns) and the
 * distinct patients of the three populations. Ledger entries count in their month and their balance effect again
 * in the month their date of service + 91 days falls in (not before the entry); claims in the month of their
 * first submission (local date); posted remittance claims in the month of the payment, denied ones once more per
 * distinct CAS group and reason.
 */
export async function directFinanceMonths(db: Db, practiceId: string): Promise<Map<string, DirectMonthCell>> {
  const { ledger, claimRows, adjudications } = await rawFinance(db, practiceId);
  const submittedOn = new Map(claimRows.map((c) => [str(c.id), str(c.submitted_on)]));
  const out = new Map<string, DirectMonthCell>();
  const cell = (d: string, x: Record<string, unknown>) => {
    const key = [`${d.slice(0, 7)}-01`, str(x.provider), str(x.location), str(x.payer)].join('|');
    const c = out.get(key) ?? { sums: {}, patients: { ledger: new Set<string>(), submitted: new Set<string>(), adjudicated: new Set<string>() } };
    out.set(key, c);
    return c;
  };
  const add = (c: DirectMonthCell, values: Record<string, number>) => {
    for (const [k, v] of Object.entries(values)) c.sums[k] = (c.sums[k] ?? 0) + v;
  };
  const KIND_COLUMN: Record<string, [string, number]> = {
    CHARGE: ['charges_cents', 1], INSURANCE_PAYMENT: ['insurance_payments_cents', -1], PATIENT_PAYMENT: ['patient_payments_cents', -1], REFUND: ['refunds_cents', 1],
    CONTRACTUAL_ADJUSTMENT: ['contractual_cents', -1], PATIENT_RESPONSIBILITY: ['patient_responsibility_cents', 1], OTHER_ADJUSTMENT: ['other_adjustment_cents', -1], WRITE_OFF: ['write_off_cents', -1],
  };
  for (const e of ledger) {
    const d = str(e.d);
    const c = cell(d, e);
    const [column, sign] = KIND_COLUMN[str(e.kind)] ?? ['', 0];
    add(c, { entries: 1, ar_change_cents: Number(e.ar), ...(column ? { [column]: sign * Number(e.amt) } : {}) });
    c.patients.ledger.add(str(e.patient_id));
    if (Number(e.ar) !== 0) {
      const agedOn = new Date(Date.parse(`${str(e.dos)}T00:00:00Z`) + 91 * 86_400_000).toISOString().slice(0, 10);
      const aged = cell([d, agedOn].sort()[1]!, e);
      add(aged, { ar_over90_change_cents: Number(e.ar) });
      aged.patients.ledger.add(str(e.patient_id));
    }
  }
  for (const r of claimRows) {
    const c = cell(str(r.submitted_on), r);
    const answer = str(r.answer);
    add(c, { claims_submitted: 1, claims_answered: answer ? 1 : 0, claims_clean: answer && answer !== 'REJECTED' ? 1 : 0 });
    c.patients.submitted.add(str(r.patient_id));
  }
  for (const a of adjudications) {
    const c = cell(str(a.d), a);
    const denied = str(a.status_code) === '4';
    const sub = submittedOn.get(str(a.claim_id));
    const paid = Number(a.paid_cents) > 0 && sub !== undefined;
    add(c, {
      claims_adjudicated: 1, claims_denied: denied ? 1 : 0, claims_paid: paid ? 1 : 0,
      days_to_payment: paid ? Math.max(0, Math.round((Date.parse(str(a.d)) - Date.parse(sub!)) / 86_400_000)) : 0,
      denied_with_reason: denied ? str(a.reasons).split(',').filter(Boolean).length : 0,
    });
    c.patients.adjudicated.add(str(a.patient_id));
  }
  return out;
}
