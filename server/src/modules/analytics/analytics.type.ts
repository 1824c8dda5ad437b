import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { type MetricDefinition, METRICS, populationText } from './metric.registry.js';

@ObjectType({ description: 'De-identified practice analytics: every metric answers from rollups (see asOf), with no patient identifiers and small cells suppressed.' })
export class Analytics {
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the rollups were last rebuilt (null before the first build, which the first metric query triggers).' })
  asOf?: Date | null;
}

@ObjectType({ description: 'A rebuild of the practice’s analytics rollups.' })
export class AnalyticsRefresh {
  @Field(() => DateTimeScalar, { description: 'The new asOf of every analytics answer.' }) asOf!: Date;
  @Field(() => Int, { description: 'Rollup cells written.' }) cells!: number;
}

/** Fields every metric row carries; grouped dimensions are set, the others null. */
@ObjectType()
export class MetricRowBase {
  @Field(() => String, { description: 'The time bucket: YYYY-MM, YYYY-Qn or YYYY-Www.' }) bucket!: string;
  @Field(() => ID, { nullable: true, description: 'Set when grouped by PROVIDER.' }) providerId?: string | null;
  @Field(() => String, { nullable: true, description: 'The provider’s name and credentials, when grouped by PROVIDER.' }) providerName?: string | null;
  @Field(() => ID, { nullable: true, description: 'Set when grouped by LOCATION.' }) locationId?: string | null;
  @Field(() => String, { nullable: true }) locationName?: string | null;
  @Field(() => ID, { nullable: true, description: 'Set when grouped by APPOINTMENT_TYPE.' }) appointmentTypeId?: string | null;
  @Field(() => String, { nullable: true }) appointmentTypeName?: string | null;
  @Field(() => String, { nullable: true, description: 'IN_PERSON or TELEHEALTH, when grouped by MODALITY.' }) modality?: string | null;
  @Field(() => String, { nullable: true, description: 'The patient’s age in whole years at the visit’s local date, banded: 0-17, 18-34, 35-49, 50-64, 65-89 or 90+ (ages 90 and over collapsed, as HIPAA Safe Harbor requires), when grouped by AGE_BAND.' })
  ageBand?: string | null;
  @Field(() => ID, { nullable: true, description: 'Set when grouped by PAYER; null for self-pay (no insurance).' }) payerId?: string | null;
  @Field(() => String, { nullable: true, description: 'The payer’s name, or Self-pay, when grouped by PAYER.' }) payerName?: string | null;
  @Field(() => String, { nullable: true, description: 'CAS adjustment group (CO, PR, OA, PI), when grouped by ADJUSTMENT_GROUP.' }) adjustmentGroup?: string | null;
  @Field(() => String, { nullable: true, description: 'Claim adjustment reason code (CARC), when grouped by REASON_CODE.' }) reasonCode?: string | null;
  @Field(() => Boolean, { description: 'True when the row counts too few distinct patients (or withholding it protects another withheld row): every measure is then null.' })
  suppressed!: boolean;
}

/** Fields every metric answer carries. */
@ObjectType()
export class MetricAnswerBase {
  @Field(() => String, { description: 'The metric’s name.' }) metric!: string;
  @Field(() => Int, { description: 'Version of the metric’s definition (bumped when a formula changes).' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the rollups answering this were built: later changes are not counted yet.' }) asOf!: Date;
  @Field(() => Int, { description: 'Rows counting fewer distinct patients than this are suppressed.' }) threshold!: number;
  @Field(() => String) grain!: string;
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
}

/** The generated GraphQL types of one metric. */
export interface MetricTypes {
  row: Function;
  answer: Function;
}

function named<T extends Function>(base: T, name: string): T {
  const cls = class extends (base as unknown as new () => object) {};
  Object.defineProperty(cls, 'name', { value: name });
  return cls as unknown as T;
}

/** Builds `<Type>Row` (base fields + one nullable field per measure, described by its formula) and `<Type>Answer`. */
function typesOf(metric: MetricDefinition): MetricTypes {
  const row = named(MetricRowBase, `${metric.typeName}Row`);
  for (const m of metric.measures) {
    Field(() => (m.type === 'Int' ? Int : m.type === 'Money' ? MoneyScalar : Float), { nullable: true, description: m.formula })(row.prototype, m.name);
  }
  ObjectType(`${metric.typeName}Row`, { description: `One row of ${metric.name} (definition v${metric.version}). ${populationText(metric.population)}` })(row);
  const answer = named(MetricAnswerBase, `${metric.typeName}Answer`);
  Field(() => [row], { description: 'Rows ordered by bucket, then grouped values.' })(answer.prototype, 'rows');
  ObjectType(`${metric.typeName}Answer`, { description: metric.description })(answer);
  return { row, answer };
}

/** The generated types of every metric of the registry, by metric name. */
export const METRIC_TYPES: ReadonlyMap<string, MetricTypes> = new Map(METRICS.map((m) => [m.name, typesOf(m)]));
