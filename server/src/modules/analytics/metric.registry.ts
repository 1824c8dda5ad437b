/**
 * The metrics dictionary: every analytics metric and measure is defined here once — its population (whose
 * distinct patients decide small-cell suppression), the rollup sums and distributions it reads, and each
 * measure's formula. The GraphQL row types, the `analytics` fields, the export and the documentation pane
 * are all generated from these definitions, so a new metric (the financial ones) is one entry here plus
 * the rollup columns it reads.
 */

import type { Dimension } from './analytics-query.js';

/** Additive counts kept per visit rollup cell (analytics_cells). */
export type VisitSumKey = 'scheduled' | 'kept' | 'noShows' | 'lateCancels' | 'visits' | 'newVisits' | 'telehealthVisits' | 'roomed';
/** Additive sums kept per revenue-cycle rollup cell (analytics_finance_cells); money in cents. */
export type FinanceSumKey =
  | 'entries' | 'charges' | 'insurancePayments' | 'patientPayments' | 'refunds' | 'contractual' | 'patientResponsibility' | 'otherAdjustments' | 'writeOffs'
  | 'arChange' | 'arOver90Change' | 'claimsSubmitted' | 'claimsAnswered' | 'claimsClean' | 'claimsAdjudicated' | 'claimsDenied' | 'claimsPaid' | 'daysToPayment'
  | 'deniedWithReason';
/** Additive sums kept per capacity rollup cell (analytics_capacity_cells). */
export type CapacitySumKey = 'availableMinutes' | 'bookedMinutes' | 'bookedAppointments' | 'tnaaDays' | 'tnaaSnapshots';
export type SumKey = VisitSumKey | FinanceSumKey | CapacitySumKey;

/** Which rollup table a metric reads: visits (appointments) or finance (ledger, claims, remittances). */
export type RollupSource = 'visits' | 'finance' | 'capacity';

/** Whose distinct patients a metric row counts for suppression. */
export type Population = 'scheduled' | 'due' | 'visit' | 'roomed' | 'ledger' | 'submitted' | 'adjudicated' | 'booked' | 'measured';

/** Whole-number distributions kept per rollup cell, for percentiles. */
export type DistributionKey = 'LEAD_TIME_DAYS' | 'ROOMING_WAIT_MINUTES';

export interface MeasureInputs {
  sums: Readonly<Record<SumKey, number>>;
  /** The sums of the row's margin over the metric's `shareOf` dimensions (the row's own sums without them). */
  totals: Readonly<Record<SumKey, number>>;
  /** Open balance (cents) and its part over 90 days at the end of the bucket: every entry up to that day (balance metrics only). */
  balances: { ar: number; arOver90: number };
  /** Calendar days in the bucket (7, 28–31, 90–92). */
  days: number;
  /** Nearest-rank percentile (PostgreSQL's percentile_disc) of a distribution; null when it is empty. */
  percentile(key: DistributionKey, p: number): number | null;
}

export interface MeasureDefinition {
  name: string;
  type: 'Int' | 'Float' | 'Money';
  /** The formula, in words; it is the field's description in the schema. */
  formula: string;
  compute(inputs: MeasureInputs): number | null;
}

export interface MetricDefinition {
  /** The GraphQL field under `analytics` and the export's `metric` parameter. */
  name: string;
  /** Bumped whenever a formula changes; exports name it in their header. */
  version: number;
  /** Prefix of the generated GraphQL type names. */
  typeName: string;
  description: string;
  population: Population;
  source: RollupSource;
  /** The dimensions its rows may be grouped and filtered by. */
  dimensions: readonly Dimension[];
  /** Dimensions a share is taken over: `totals` sums the row's margin across them (payer mix, denial reasons). */
  shareOf?: readonly Dimension[];
  /** Whether measures read `balances` (running totals to each bucket's end). */
  balances?: boolean;
  distributions: readonly DistributionKey[];
  measures: readonly MeasureDefinition[];
}

const VISIT_SOURCE = { source: 'visits', dimensions: ['PROVIDER', 'LOCATION', 'APPOINTMENT_TYPE', 'MODALITY', 'AGE_BAND'] } as const;
const FINANCE_DIMENSIONS: readonly Dimension[] = ['PROVIDER', 'LOCATION', 'PAYER'];
const FINANCE = { source: 'finance', dimensions: FINANCE_DIMENSIONS, distributions: [] } as const;
const CAPACITY = { source: 'capacity', dimensions: ['PROVIDER', 'LOCATION'], distributions: [] } as const;

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);
const positiveRatio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const netPayments = (s: Readonly<Record<SumKey, number>>) => s.insurancePayments + s.patientPayments - s.refunds;

const LEDGER_RULE =
  'Ledger entries count on their effective date; a REVERSAL counts as the negative of the entry it reverses, under that entry’s kind, group, reason and payer. Provider and location are the visit’s (superbill); the payer is the entry’s, else its claim’s, else the visit’s (none: self-pay).';
const ADJUDICATION_RULE =
  'A claim is adjudicated by a posted remittance claim (CLP) not later reversed, in the bucket of the remittance’s payment date; provider and location are the visit’s, the payer the claim’s.';

const SCHEDULED = 'appointments whose start falls in the bucket (local date of the location), excluding HELD waitlist offers and ENTERED_IN_ERROR';
const VISITS = 'COMPLETED appointments';
const POPULATIONS: Record<Population, string> = {
  scheduled: `patients of the scheduled appointments (${SCHEDULED})`,
  due: 'patients of the appointments that were due to be seen (kept or no-show)',
  visit: 'patients with a visit (COMPLETED appointment)',
  roomed: 'patients checked in and roomed',
  ledger: 'patients with ledger entries in the row (or whose balance turned 90 days old in it)',
  submitted: 'patients of the claims first submitted in the row',
  adjudicated: 'patients of the claims adjudicated in the row (posted remittance claims)',
  booked: 'patients of the appointments holding time in the row (not HELD, ENTERED_IN_ERROR or CANCELLED)',
  measured: 'patients of the appointments holding time in the row (the snapshots themselves count no patient)',
};

/** The population sentence every metric's description carries. */
export const populationText = (p: Population) => `Suppression counts distinct ${POPULATIONS[p]}.`;

export const METRICS: readonly MetricDefinition[] = [
  {
    name: 'visits',
    version: 1,
    typeName: 'Visits',
    description: 'Completed visits.',
    population: 'visit',
    ...VISIT_SOURCE,
    distributions: [],
    measures: [{ name: 'visits', type: 'Int', formula: `Number of visits: count of ${VISITS}.`, compute: ({ sums }) => sums.visits }],
  },
  {
    name: 'newVsEstablished',
    version: 1,
    typeName: 'NewVsEstablished',
    description: 'Visits of new and of established patients.',
    population: 'visit',
    ...VISIT_SOURCE,
    distributions: [],
    measures: [
      { name: 'visits', type: 'Int', formula: `Count of ${VISITS}.`, compute: ({ sums }) => sums.visits },
      {
        name: 'newPatientVisits',
        type: 'Int',
        formula: 'Visits whose patient had no earlier COMPLETED visit at the practice in the 3 years before its start (the CPT new-patient rule, practice-wide).',
        compute: ({ sums }) => sums.newVisits,
      },
      { name: 'establishedPatientVisits', type: 'Int', formula: 'visits − newPatientVisits.', compute: ({ sums }) => sums.visits - sums.newVisits },
      { name: 'newPatientShare', type: 'Float', formula: 'newPatientVisits ÷ visits (null when there are no visits).', compute: ({ sums }) => ratio(sums.newVisits, sums.visits) },
    ],
  },
  {
    name: 'noShowRate',
    version: 1,
    typeName: 'NoShowRate',
    description: 'Appointments the patient did not come to.',
    population: 'due',
    ...VISIT_SOURCE,
    distributions: [],
    measures: [
      { name: 'dueAppointments', type: 'Int', formula: 'Appointments due to be seen: kept (ARRIVED, IN_ROOM or COMPLETED) + NO_SHOW.', compute: ({ sums }) => sums.kept + sums.noShows },
      { name: 'noShows', type: 'Int', formula: 'Appointments marked NO_SHOW.', compute: ({ sums }) => sums.noShows },
      { name: 'noShowRate', type: 'Float', formula: 'noShows ÷ dueAppointments (null when none were due).', compute: ({ sums }) => ratio(sums.noShows, sums.kept + sums.noShows) },
    ],
  },
  {
    name: 'lateCancellationRate',
    version: 1,
    typeName: 'LateCancellationRate',
    description: 'Appointments cancelled less than 24 hours before their start.',
    population: 'scheduled',
    ...VISIT_SOURCE,
    distributions: [],
    measures: [
      { name: 'scheduledAppointments', type: 'Int', formula: `Scheduled appointments: ${SCHEDULED}.`, compute: ({ sums }) => sums.scheduled },
      { name: 'lateCancellations', type: 'Int', formula: 'CANCELLED appointments whose cancellation was recorded less than 24 hours before the start (or after it).', compute: ({ sums }) => sums.lateCancels },
      { name: 'lateCancellationRate', type: 'Float', formula: 'lateCancellations ÷ scheduledAppointments (null when none).', compute: ({ sums }) => ratio(sums.lateCancels, sums.scheduled) },
    ],
  },
  {
    name: 'bookingLeadTime',
    version: 1,
    typeName: 'BookingLeadTime',
    description: 'Days from booking to visit.',
    population: 'scheduled',
    ...VISIT_SOURCE,
    distributions: ['LEAD_TIME_DAYS'],
    measures: [
      { name: 'appointments', type: 'Int', formula: `Scheduled appointments measured: ${SCHEDULED}.`, compute: ({ sums }) => sums.scheduled },
      {
        name: 'medianDays',
        type: 'Int',
        formula: 'Median lead time: nearest-rank 50th percentile of whole days (floor, at least 0) from the booking being made (the appointment record created) to its start.',
        compute: ({ percentile }) => percentile('LEAD_TIME_DAYS', 0.5),
      },
      { name: 'p90Days', type: 'Int', formula: 'Nearest-rank 90th percentile of the same lead times in whole days.', compute: ({ percentile }) => percentile('LEAD_TIME_DAYS', 0.9) },
    ],
  },
  {
    name: 'roomingWait',
    version: 1,
    typeName: 'RoomingWait',
    description: 'Minutes patients wait between check-in and being roomed.',
    population: 'roomed',
    ...VISIT_SOURCE,
    distributions: ['ROOMING_WAIT_MINUTES'],
    measures: [
      { name: 'roomedVisits', type: 'Int', formula: 'Appointments with a check-in time and a move to IN_ROOM.', compute: ({ sums }) => sums.roomed },
      {
        name: 'medianMinutes',
        type: 'Int',
        formula: 'Nearest-rank 50th percentile of whole minutes (floor, at least 0) from check-in (arrival) to the first move to IN_ROOM.',
        compute: ({ percentile }) => percentile('ROOMING_WAIT_MINUTES', 0.5),
      },
      { name: 'p90Minutes', type: 'Int', formula: 'Nearest-rank 90th percentile of the same waits in whole minutes.', compute: ({ percentile }) => percentile('ROOMING_WAIT_MINUTES', 0.9) },
    ],
  },
  {
    name: 'telehealthShare',
    version: 1,
    typeName: 'TelehealthShare',
    description: 'Share of visits held by telehealth.',
    population: 'visit',
    ...VISIT_SOURCE,
    distributions: [],
    measures: [
      { name: 'visits', type: 'Int', formula: `Count of ${VISITS}.`, compute: ({ sums }) => sums.visits },
      { name: 'telehealthVisits', type: 'Int', formula: 'Visits with modality TELEHEALTH.', compute: ({ sums }) => sums.telehealthVisits },
      { name: 'telehealthShare', type: 'Float', formula: 'telehealthVisits ÷ visits (null when there are no visits).', compute: ({ sums }) => ratio(sums.telehealthVisits, sums.visits) },
    ],
  },
  {
    name: 'thirdNextAvailable',
    version: 1,
    typeName: 'ThirdNextAvailable',
    description:
      'Third-next-available appointment: each refresh records, per provider and location, the whole local days from that day to the third open slot the slot finder offers for the practice’s reference visit type (its most booked active type of the last 90 days), without minimum notice, looking 60 days ahead (fewer than three open slots: no snapshot). The last refresh of a day is that day’s snapshot; days before the first refresh have none.',
    population: 'measured',
    ...CAPACITY,
    measures: [
      { name: 'snapshots', type: 'Int', formula: 'Daily snapshots in the row (provider-location-days measured).', compute: ({ sums }) => sums.tnaaSnapshots },
      { name: 'averageDays', type: 'Float', formula: 'Mean of the snapshots’ days to the third next available slot (null when none).', compute: ({ sums }) => ratio(sums.tnaaDays, sums.tnaaSnapshots) },
    ],
  },
  {
    name: 'slotUtilization',
    version: 1,
    typeName: 'SlotUtilization',
    description:
      'Booked minutes over available minutes, per provider, location and local day of the days with appointments: available is what the slot finder offers (weekly hours of the location in force that day, for an active provider working there, plus EXTRA_HOURS, minus TIME_OFF and BLOCKED); booked is the union of the appointments holding time (not HELD, ENTERED_IN_ERROR or CANCELLED) within it.',
    population: 'booked',
    ...CAPACITY,
    measures: [
      { name: 'availableMinutes', type: 'Int', formula: 'Minutes open for booking.', compute: ({ sums }) => sums.availableMinutes },
      { name: 'bookedMinutes', type: 'Int', formula: 'Minutes of the open time covered by appointments (overlaps counted once).', compute: ({ sums }) => sums.bookedMinutes },
      { name: 'bookedAppointments', type: 'Int', formula: 'Appointments holding time, inside open time or not.', compute: ({ sums }) => sums.bookedAppointments },
      { name: 'utilization', type: 'Float', formula: 'bookedMinutes ÷ availableMinutes (null when nothing was open).', compute: ({ sums }) => positiveRatio(sums.bookedMinutes, sums.availableMinutes) },
    ],
  },
  {
    name: 'charges',
    version: 1,
    typeName: 'Charges',
    description: `Charges posted to the ledger. ${LEDGER_RULE}`,
    population: 'ledger',
    ...FINANCE,
    measures: [{ name: 'chargesCents', type: 'Money', formula: 'Sum of CHARGE entries, net of their reversals (a charge moved from the visit onto its claim counts once).', compute: ({ sums }) => sums.charges }],
  },
  {
    name: 'payments',
    version: 1,
    typeName: 'Payments',
    description: `Payments received, from payers and from patients. ${LEDGER_RULE}`,
    population: 'ledger',
    ...FINANCE,
    measures: [
      { name: 'insurancePaymentsCents', type: 'Money', formula: 'Sum of INSURANCE_PAYMENT entries (as positive cents), net of reversals.', compute: ({ sums }) => sums.insurancePayments },
      { name: 'patientPaymentsCents', type: 'Money', formula: 'Sum of PATIENT_PAYMENT entries (as positive cents), net of reversals.', compute: ({ sums }) => sums.patientPayments },
      { name: 'refundsCents', type: 'Money', formula: 'Sum of REFUND entries, net of reversals.', compute: ({ sums }) => sums.refunds },
      { name: 'netPaymentsCents', type: 'Money', formula: 'insurancePaymentsCents + patientPaymentsCents − refundsCents.', compute: ({ sums }) => netPayments(sums) },
    ],
  },
  {
    name: 'adjustments',
    version: 1,
    typeName: 'Adjustments',
    description: `Adjustments by CAS group (CO contractual, PR patient responsibility, OA/PI other) and reason, and write-offs. ${LEDGER_RULE} Grouped by ADJUSTMENT_GROUP or REASON_CODE, rows are those of adjustments only (write-offs carry no group).`,
    population: 'ledger',
    ...FINANCE,
    dimensions: [...FINANCE_DIMENSIONS, 'ADJUSTMENT_GROUP', 'REASON_CODE'],
    measures: [
      { name: 'contractualCents', type: 'Money', formula: 'CONTRACTUAL_ADJUSTMENT entries (group CO), as positive cents.', compute: ({ sums }) => sums.contractual },
      { name: 'patientResponsibilityCents', type: 'Money', formula: 'PATIENT_RESPONSIBILITY transfers (group PR): moved from the payer’s part to the patient’s.', compute: ({ sums }) => sums.patientResponsibility },
      { name: 'otherAdjustmentCents', type: 'Money', formula: 'OTHER_ADJUSTMENT entries (groups OA, PI), as positive cents (negative when they raised the balance).', compute: ({ sums }) => sums.otherAdjustments },
      { name: 'writeOffCents', type: 'Money', formula: 'WRITE_OFF entries, as positive cents.', compute: ({ sums }) => sums.writeOffs },
      { name: 'totalAdjustmentCents', type: 'Money', formula: 'contractualCents + otherAdjustmentCents + writeOffCents: what adjustments took off the balance (PR transfers only move it).', compute: ({ sums }) => sums.contractual + sums.otherAdjustments + sums.writeOffs },
    ],
  },
  {
    name: 'netCollectionRate',
    version: 1,
    typeName: 'NetCollectionRate',
    description: `Share of collectible charges collected. ${LEDGER_RULE}`,
    population: 'ledger',
    ...FINANCE,
    measures: [
      { name: 'netPaymentsCents', type: 'Money', formula: 'Insurance + patient payments − refunds.', compute: ({ sums }) => netPayments(sums) },
      { name: 'chargesCents', type: 'Money', formula: 'CHARGE entries.', compute: ({ sums }) => sums.charges },
      { name: 'contractualCents', type: 'Money', formula: 'CONTRACTUAL_ADJUSTMENT entries (CO), as positive cents.', compute: ({ sums }) => sums.contractual },
      { name: 'netCollectionRate', type: 'Float', formula: 'netPaymentsCents ÷ (chargesCents − contractualCents), both of the same bucket (null when that is not positive).', compute: ({ sums }) => positiveRatio(netPayments(sums), sums.charges - sums.contractual) },
    ],
  },
  {
    name: 'daysInAR',
    version: 1,
    typeName: 'DaysInAR',
    description: `Days in accounts receivable. ${LEDGER_RULE}`,
    population: 'ledger',
    ...FINANCE,
    balances: true,
    measures: [
      { name: 'arCents', type: 'Money', formula: 'Open balance at the end of the bucket: every ledger entry effective on or before its last day (insurance and patient parts, credits negative).', compute: ({ balances }) => balances.ar },
      { name: 'chargesCents', type: 'Money', formula: 'CHARGE entries of the bucket.', compute: ({ sums }) => sums.charges },
      { name: 'days', type: 'Int', formula: 'Calendar days in the bucket.', compute: ({ days }) => days },
      { name: 'daysInAR', type: 'Float', formula: 'arCents ÷ (chargesCents ÷ days): the balance in days of the bucket’s average daily charges (null when charges are not positive).', compute: ({ balances, sums, days }) => positiveRatio(balances.ar, sums.charges / days) },
    ],
  },
  {
    name: 'arOver90',
    version: 1,
    typeName: 'ArOver90',
    description: `Share of accounts receivable older than 90 days. ${LEDGER_RULE}`,
    population: 'ledger',
    ...FINANCE,
    balances: true,
    measures: [
      { name: 'arCents', type: 'Money', formula: 'Open balance at the end of the bucket (every entry effective on or before its last day).', compute: ({ balances }) => balances.ar },
      { name: 'arOver90Cents', type: 'Money', formula: 'The part of arCents on visits whose date of service is more than 90 days before the bucket’s last day.', compute: ({ balances }) => balances.arOver90 },
      { name: 'arOver90Share', type: 'Float', formula: 'arOver90Cents ÷ arCents (null when arCents is not positive).', compute: ({ balances }) => positiveRatio(balances.arOver90, balances.ar) },
    ],
  },
  {
    name: 'cleanClaimRate',
    version: 1,
    typeName: 'CleanClaimRate',
    description: 'Claims accepted on their first submission. A claim counts in the bucket of its first submission (local date of its location).',
    population: 'submitted',
    ...FINANCE,
    measures: [
      { name: 'submittedClaims', type: 'Int', formula: 'Claims first submitted in the bucket.', compute: ({ sums }) => sums.claimsSubmitted },
      { name: 'answeredClaims', type: 'Int', formula: 'Of those, claims with an answer since: a later move to ACCEPTED, REJECTED, PAID, PARTIALLY_PAID or DENIED.', compute: ({ sums }) => sums.claimsAnswered },
      { name: 'cleanClaims', type: 'Int', formula: 'Answered claims whose first answer was not REJECTED (accepted on first submission).', compute: ({ sums }) => sums.claimsClean },
      { name: 'cleanClaimRate', type: 'Float', formula: 'cleanClaims ÷ answeredClaims (null when none was answered).', compute: ({ sums }) => ratio(sums.claimsClean, sums.claimsAnswered) },
    ],
  },
  {
    name: 'denialRate',
    version: 1,
    typeName: 'DenialRate',
    description: `Claims the payer denied. ${ADJUDICATION_RULE}`,
    population: 'adjudicated',
    ...FINANCE,
    measures: [
      { name: 'adjudicatedClaims', type: 'Int', formula: 'Remittance claims posted in the bucket.', compute: ({ sums }) => sums.claimsAdjudicated },
      { name: 'deniedClaims', type: 'Int', formula: 'Of those, claims denied (CLP02 = 4).', compute: ({ sums }) => sums.claimsDenied },
      { name: 'denialRate', type: 'Float', formula: 'deniedClaims ÷ adjudicatedClaims (null when none).', compute: ({ sums }) => ratio(sums.claimsDenied, sums.claimsAdjudicated) },
    ],
  },
  {
    name: 'denialReasons',
    version: 1,
    typeName: 'DenialReasons',
    description: `Denials by CARC group and reason (group by ADJUSTMENT_GROUP and REASON_CODE), as a share of all adjudicated claims. ${ADJUDICATION_RULE}`,
    population: 'adjudicated',
    ...FINANCE,
    dimensions: [...FINANCE_DIMENSIONS, 'ADJUSTMENT_GROUP', 'REASON_CODE'],
    shareOf: ['ADJUSTMENT_GROUP', 'REASON_CODE'],
    measures: [
      { name: 'deniedClaims', type: 'Int', formula: 'Denied claims (CLP02 = 4) carrying the row’s CAS group and reason (claim or line level); a claim denied for two reasons counts under each, so ungrouped rows count claim–reason pairs.', compute: ({ sums }) => sums.deniedWithReason },
      { name: 'adjudicatedClaims', type: 'Int', formula: 'All claims adjudicated in the row’s bucket and other dimensions, whatever their reasons.', compute: ({ totals }) => totals.claimsAdjudicated },
      { name: 'denialRate', type: 'Float', formula: 'deniedClaims ÷ adjudicatedClaims (null when none).', compute: ({ sums, totals }) => ratio(sums.deniedWithReason, totals.claimsAdjudicated) },
    ],
  },
  {
    name: 'daysToPayment',
    version: 1,
    typeName: 'DaysToPayment',
    description: `Days from a claim’s first submission to its payment; group by PAYER for days to payment by payer. ${ADJUDICATION_RULE}`,
    population: 'adjudicated',
    ...FINANCE,
    measures: [
      { name: 'paidClaims', type: 'Int', formula: 'Adjudicated claims with a payment (CLP04 > 0) and a submission.', compute: ({ sums }) => sums.claimsPaid },
      { name: 'averageDays', type: 'Float', formula: 'Mean of the whole days from the first submission (local date) to the payment date, at least 0 (null when no claim was paid).', compute: ({ sums }) => ratio(sums.daysToPayment, sums.claimsPaid) },
    ],
  },
  {
    name: 'patientResponsibilityShare',
    version: 1,
    typeName: 'PatientResponsibilityShare',
    description: `Share of the allowed amount that payers left to patients. ${LEDGER_RULE}`,
    population: 'ledger',
    ...FINANCE,
    measures: [
      { name: 'patientResponsibilityCents', type: 'Money', formula: 'PATIENT_RESPONSIBILITY transfers (PR: deductible, coinsurance, copay…).', compute: ({ sums }) => sums.patientResponsibility },
      { name: 'insurancePaymentsCents', type: 'Money', formula: 'INSURANCE_PAYMENT entries, as positive cents.', compute: ({ sums }) => sums.insurancePayments },
      { name: 'patientResponsibilityShare', type: 'Float', formula: 'patientResponsibilityCents ÷ (insurancePaymentsCents + patientResponsibilityCents) (null when that is not positive).', compute: ({ sums }) => positiveRatio(sums.patientResponsibility, sums.insurancePayments + sums.patientResponsibility) },
    ],
  },
  {
    name: 'payerMix',
    version: 1,
    typeName: 'PayerMix',
    description: `Charges by payer as a share of all charges (group by PAYER). ${LEDGER_RULE}`,
    population: 'ledger',
    ...FINANCE,
    shareOf: ['PAYER'],
    measures: [
      { name: 'chargesCents', type: 'Money', formula: 'CHARGE entries of the row.', compute: ({ sums }) => sums.charges },
      { name: 'allPayersChargesCents', type: 'Money', formula: 'CHARGE entries of the row’s bucket and other dimensions, all payers and self-pay together.', compute: ({ totals }) => totals.charges },
      { name: 'chargeShare', type: 'Float', formula: 'chargesCents ÷ allPayersChargesCents (null when that is not positive).', compute: ({ sums, totals }) => positiveRatio(sums.charges, totals.charges) },
    ],
  },
];

/** A metric by name, or undefined. */
export const metricNamed = (name: string): MetricDefinition | undefined => METRICS.find((m) => m.name === name);
