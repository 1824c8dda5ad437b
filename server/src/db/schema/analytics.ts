import { bigint, bigserial, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { practices } from './practices.js';

/**
 * Analytics rollup cells (one per practice, ISO week ∩ calendar month of the location's local date,
 * provider, location, appointment type and modality), rebuilt per practice by the analytics refresh from
 * appointments and their status history. Counts are additive; `*_patients` is the exact number of distinct
 * patients of the cell's population and `*_sample` lists them only while that number is at most 50 (so a
 * group of small cells can be tested for "at least N distinct patients" exactly). Never exposed as such:
 * the analytics service returns aggregates, suppressed below the small-cell threshold.
 */
export const analyticsCells = pgTable(
  'analytics_cells',
  {
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    /** First day of the calendar month (local date). */
    month: date({ mode: 'string' }).notNull(),
    /** Monday of the ISO week (local date). */
    week: date({ mode: 'string' }).notNull(),
    providerId: uuid().notNull(),
    locationId: uuid().notNull(),
    appointmentTypeId: uuid().notNull(),
    modality: text().notNull(),
    /** The patient's age at the visit's local date, banded (AGE_BANDS; 90+ collapsed). */
    ageBand: text().notNull().default(''),
    scheduled: integer().notNull(),
    kept: integer().notNull(),
    noShows: integer().notNull(),
    lateCancels: integer().notNull(),
    visits: integer().notNull(),
    newVisits: integer().notNull(),
    telehealthVisits: integer().notNull(),
    roomed: integer().notNull(),
    scheduledPatients: integer().notNull(),
    scheduledSample: uuid().array(),
    duePatients: integer().notNull(),
    dueSample: uuid().array(),
    visitPatients: integer().notNull(),
    visitSample: uuid().array(),
    roomedPatients: integer().notNull(),
    roomedSample: uuid().array(),
  },
  (t) => [index().on(t.practiceId, t.month), index().on(t.practiceId, t.week)],
);

/** Distributions for percentile measures, per rollup cell: how many appointments had each whole-number value. */
export const analyticsDistributions = pgTable(
  'analytics_distributions',
  {
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    month: date({ mode: 'string' }).notNull(),
    week: date({ mode: 'string' }).notNull(),
    providerId: uuid().notNull(),
    locationId: uuid().notNull(),
    appointmentTypeId: uuid().notNull(),
    modality: text().notNull(),
    ageBand: text().notNull().default(''),
    /** LEAD_TIME_DAYS or ROOMING_WAIT_MINUTES. */
    measure: text().notNull(),
    value: integer().notNull(),
    n: integer().notNull(),
  },
  (t) => [index().on(t.practiceId, t.measure, t.month), index().on(t.practiceId, t.measure, t.week)],
);

/** When each practice's rollups were last rebuilt (the `asOf` of every analytics answer). */
export const analyticsRefreshes = pgTable('analytics_refreshes', {
  practiceId: uuid()
    .primaryKey()
    .references(() => practices.id),
  refreshedAt: timestamp({ withTimezone: true }).notNull(),
  cells: integer().notNull(),
});

/**
 * Revenue-cycle rollup cells (one row per practice, calendar month ∩ ISO week of the event date, rendering
 * provider, location, payer, CAS adjustment group and reason), rebuilt with the other rollups from
 * ledger_entries, claims, their status history and posted remittances. Dimension values are text: '' means
 * none (no visit, self-pay, not an adjustment). Cents are additive sums; `ar_*_change_cents` are changes of
 * the open balance (and of its part older than 90 days from the date of service) whose running total is the
 * balance at a bucket's end. Populations as in analytics_cells: exact distinct patients, listed while ≤ 50.
 */
export const analyticsFinanceCells = pgTable(
  'analytics_finance_cells',
  {
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    month: date({ mode: 'string' }).notNull(),
    week: date({ mode: 'string' }).notNull(),
    providerId: text().notNull(),
    locationId: text().notNull(),
    payerId: text().notNull(),
    adjustmentGroup: text().notNull(),
    reasonCode: text().notNull(),
    entries: integer().notNull(),
    chargesCents: bigint({ mode: 'number' }).notNull(),
    insurancePaymentsCents: bigint({ mode: 'number' }).notNull(),
    patientPaymentsCents: bigint({ mode: 'number' }).notNull(),
    refundsCents: bigint({ mode: 'number' }).notNull(),
    contractualCents: bigint({ mode: 'number' }).notNull(),
    patientResponsibilityCents: bigint({ mode: 'number' }).notNull(),
    otherAdjustmentCents: bigint({ mode: 'number' }).notNull(),
    writeOffCents: bigint({ mode: 'number' }).notNull(),
    arChangeCents: bigint({ mode: 'number' }).notNull(),
    arOver90ChangeCents: bigint({ mode: 'number' }).notNull(),
    claimsSubmitted: integer().notNull(),
    claimsAnswered: integer().notNull(),
    claimsClean: integer().notNull(),
    claimsAdjudicated: integer().notNull(),
    claimsDenied: integer().notNull(),
    claimsPaid: integer().notNull(),
    daysToPayment: integer().notNull(),
    deniedWithReason: integer().notNull(),
    ledgerPatients: integer().notNull(),
    ledgerSample: uuid().array(),
    submittedPatients: integer().notNull(),
    submittedSample: uuid().array(),
    adjudicatedPatients: integer().notNull(),
    adjudicatedSample: uuid().array(),
  },
  (t) => [index().on(t.practiceId, t.month), index().on(t.practiceId, t.week)],
);

/**
 * The revenue-cycle cells pre-summed per practice, calendar month, provider, location and payer: the same
 * facts and sums as analytics_finance_cells without the ISO-week split and the adjustment group and reason,
 * so a MONTH or QUARTER query that neither groups nor filters by group or reason (and the balances'
 * running totals) reads about a twenty-fifth of the cells. Rebuilt with analytics_finance_cells from the
 * same facts in the same transaction; populations are exact distinct patients of this coarser cell.
 */
export const analyticsFinanceMonths = pgTable(
  'analytics_finance_months',
  {
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    month: date({ mode: 'string' }).notNull(),
    providerId: text().notNull(),
    locationId: text().notNull(),
    payerId: text().notNull(),
    entries: integer().notNull(),
    chargesCents: bigint({ mode: 'number' }).notNull(),
    insurancePaymentsCents: bigint({ mode: 'number' }).notNull(),
    patientPaymentsCents: bigint({ mode: 'number' }).notNull(),
    refundsCents: bigint({ mode: 'number' }).notNull(),
    contractualCents: bigint({ mode: 'number' }).notNull(),
    patientResponsibilityCents: bigint({ mode: 'number' }).notNull(),
    otherAdjustmentCents: bigint({ mode: 'number' }).notNull(),
    writeOffCents: bigint({ mode: 'number' }).notNull(),
    arChangeCents: bigint({ mode: 'number' }).notNull(),
    arOver90ChangeCents: bigint({ mode: 'number' }).notNull(),
    claimsSubmitted: integer().notNull(),
    claimsAnswered: integer().notNull(),
    claimsClean: integer().notNull(),
    claimsAdjudicated: integer().notNull(),
    claimsDenied: integer().notNull(),
    claimsPaid: integer().notNull(),
    daysToPayment: integer().notNull(),
    deniedWithReason: integer().notNull(),
    ledgerPatients: integer().notNull(),
    ledgerSample: uuid().array(),
    submittedPatients: integer().notNull(),
    submittedSample: uuid().array(),
    adjudicatedPatients: integer().notNull(),
    adjudicatedSample: uuid().array(),
  },
  (t) => [index().on(t.practiceId, t.month)],
);

/**
 * Capacity rollup cells (one row per practice, month ∩ ISO week of the location's local day, provider and
 * location): minutes open for booking (weekly hours + extra hours − time off and blocks), minutes of them
 * booked, the booked appointments and their distinct patients, and the third-next-available snapshots of
 * the days in the cell.
 */
export const analyticsCapacityCells = pgTable(
  'analytics_capacity_cells',
  {
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    month: date({ mode: 'string' }).notNull(),
    week: date({ mode: 'string' }).notNull(),
    providerId: uuid().notNull(),
    locationId: uuid().notNull(),
    availableMinutes: integer().notNull(),
    bookedMinutes: integer().notNull(),
    bookedAppointments: integer().notNull(),
    tnaaDays: integer().notNull(),
    tnaaSnapshots: integer().notNull(),
    bookedPatients: integer().notNull(),
    bookedSample: uuid().array(),
  },
  (t) => [index().on(t.practiceId, t.month), index().on(t.practiceId, t.week)],
);

/**
 * Third-next-available appointment, one snapshot per practice, local day, provider and location: whole
 * days from that day to the third open slot of the practice's reference visit type, found by the slot
 * finder when the rollups are refreshed (the last refresh of a day wins). Kept across rebuilds: the past
 * cannot be re-measured.
 */
export const analyticsTnaaSnapshots = pgTable(
  'analytics_tnaa_snapshots',
  {
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    day: date({ mode: 'string' }).notNull(),
    providerId: uuid().notNull(),
    locationId: uuid().notNull(),
    days: integer().notNull(),
    measuredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.day, t.providerId, t.locationId] })],
);

/**
 * Months whose rollups must be recomputed: written by triggers on every table the rollups read
 * (appointments and their history, patients' dates of birth, working hours, ledger, claims, remittances),
 * one row per statement and month, and consumed by the incremental refresh, which deletes exactly the rows
 * it read (a write committed after that read leaves its row, so the month is recomputed next time).
 * `month` null means every month of that rollup (a change that reaches all of them, e.g. a provider
 * deactivated or a location's time zone).
 */
export const analyticsDirtyMonths = pgTable(
  'analytics_dirty_months',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    practiceId: uuid().notNull(),
    /** visits, finance or capacity. */
    rollup: text().notNull(),
    /** First day of the month; null = all months. */
    month: date({ mode: 'string' }),
    markedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.practiceId, t.rollup)],
);
