/**
 * The metrics dictionary: every analytics metric and measure is defined here once — its population (whose
 * distinct patients decide small-cell suppression), the rollup sums and distributions it reads, and each
 * measure's formula. The GraphQL row types, the `analytics` fields, the export and the documentation pane
 * are all generated from these definitions, so a new metric (the financial ones) is one entry here plus
 * the rollup columns it reads.
 */

/** Additive counts kept per rollup cell (see db/schema/analytics.ts). */
export type SumKey = 'scheduled' | 'kept' | 'noShows' | 'lateCancels' | 'visits' | 'newVisits' | 'telehealthVisits' | 'roomed';

/** Whose distinct patients a metric row counts for suppression. */
export type Population = 'scheduled' | 'due' | 'visit' | 'roomed';

/** Whole-number distributions kept per rollup cell, for percentiles. */
export type DistributionKey = 'LEAD_TIME_DAYS' | 'ROOMING_WAIT_MINUTES';

export interface MeasureInputs {
  sums: Readonly<Record<SumKey, number>>;
  /** Nearest-rank percentile (PostgreSQL's percentile_disc) of a distribution; null when it is empty. */
  percentile(key: DistributionKey, p: number): number | null;
}

export interface MeasureDefinition {
  name: string;
  type: 'Int' | 'Float';
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
  distributions: readonly DistributionKey[];
  measures: readonly MeasureDefinition[];
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

const SCHEDULED = 'appointments whose start falls in the bucket (local date of the location), excluding HELD waitlist offers and ENTERED_IN_ERROR';
const VISITS = 'COMPLETED appointments';
const POPULATIONS: Record<Population, string> = {
  scheduled: `patients of the scheduled appointments (${SCHEDULED})`,
  due: 'patients of the appointments that were due to be seen (kept or no-show)',
  visit: 'patients with a visit (COMPLETED appointment)',
  roomed: 'patients checked in and roomed',
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
    distributions: [],
    measures: [{ name: 'visits', type: 'Int', formula: `Number of visits: count of ${VISITS}.`, compute: ({ sums }) => sums.visits }],
  },
  {
    name: 'newVsEstablished',
    version: 1,
    typeName: 'NewVsEstablished',
    description: 'Visits of new and of established patients.',
    population: 'visit',
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
    distributions: [],
    measures: [
      { name: 'visits', type: 'Int', formula: `Count of ${VISITS}.`, compute: ({ sums }) => sums.visits },
      { name: 'telehealthVisits', type: 'Int', formula: 'Visits with modality TELEHEALTH.', compute: ({ sums }) => sums.telehealthVisits },
      { name: 'telehealthShare', type: 'Float', formula: 'telehealthVisits ÷ visits (null when there are no visits).', compute: ({ sums }) => ratio(sums.telehealthVisits, sums.visits) },
    ],
  },
];

/** A metric by name, or undefined. */
export const metricNamed = (name: string): MetricDefinition | undefined => METRICS.find((m) => m.name === name);
