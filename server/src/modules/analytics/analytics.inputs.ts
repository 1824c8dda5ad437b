import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { Modality } from '../scheduling/appointment-type.type.js';
import { MAX_PERIOD_MONTHS } from './analytics-query.js';

export enum AnalyticsGrain {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}
registerEnumType(AnalyticsGrain, {
  name: 'AnalyticsGrain',
  description: 'Time buckets of an analytics answer, by the local date of the appointment at its location.',
  valuesConfig: {
    WEEK: { description: 'ISO weeks (Monday to Sunday) whose Monday falls in the period, labelled YYYY-Www; the last week may run past the period.' },
    MONTH: { description: 'Calendar months, labelled YYYY-MM.' },
    QUARTER: { description: 'Calendar quarters, labelled YYYY-Qn; the period must start and end on quarter boundaries.' },
  },
});

export enum AnalyticsDimension {
  PROVIDER = 'PROVIDER',
  LOCATION = 'LOCATION',
  APPOINTMENT_TYPE = 'APPOINTMENT_TYPE',
  MODALITY = 'MODALITY',
  AGE_BAND = 'AGE_BAND',
  PAYER = 'PAYER',
  ADJUSTMENT_GROUP = 'ADJUSTMENT_GROUP',
  REASON_CODE = 'REASON_CODE',
}
registerEnumType(AnalyticsDimension, {
  name: 'AnalyticsDimension',
  description: 'What analytics rows may be grouped by (the practice’s own providers, locations, visit types and payers may be named). Each metric lists the dimensions it accepts; another is BAD_USER_INPUT.',
  valuesConfig: {
    PROVIDER: { description: 'The rendering provider (scheduling: the appointment’s provider).' },
    LOCATION: { description: 'The location of the visit.' },
    APPOINTMENT_TYPE: { description: 'Scheduling metrics only.' },
    MODALITY: { description: 'IN_PERSON or TELEHEALTH; scheduling metrics only.' },
    AGE_BAND: { description: 'The patient’s age at the visit’s local date in bands 0-17, 18-34, 35-49, 50-64, 65-89 and 90+ (90 and over collapsed, Safe Harbor); scheduling (visit) metrics only. Small cells are suppressed as for every dimension.' },
    PAYER: { description: 'Revenue-cycle metrics only: the payer (null payerId: self-pay).' },
    ADJUSTMENT_GROUP: { description: 'adjustments and denialReasons only: the CAS group code.' },
    REASON_CODE: { description: 'adjustments and denialReasons only: the CARC.' },
  },
});

@InputType({ description: 'Restricts an analytics answer to some providers, locations, appointment types, modalities or payers (each list: 1 to 100 values, on the metric’s own dimensions).' })
export class AnalyticsFiltersInput {
  @Field(() => [ID], { nullable: true }) providerIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) locationIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) appointmentTypeIds?: string[] | null;
  @Field(() => [Modality], { nullable: true }) modalities?: Modality[] | null;
  @Field(() => [ID], { nullable: true, description: 'Revenue-cycle metrics only.' }) payerIds?: string[] | null;
}

@InputType({ description: `Which period, buckets, filters and grouping an analytics metric is computed for. The period is at most ${MAX_PERIOD_MONTHS} months.` })
export class MetricQueryInput {
  @Field(() => String, { description: 'First month of the period, YYYY-MM.' }) from!: string;
  @Field(() => String, { description: 'Last month of the period (included), YYYY-MM; not before from.' }) to!: string;
  @Field(() => AnalyticsGrain, { defaultValue: AnalyticsGrain.MONTH }) grain!: AnalyticsGrain;
  @Field(() => [AnalyticsDimension], { defaultValue: [], description: 'Dimensions each row is broken down by (besides the time bucket), each at most once.' }) groupBy!: AnalyticsDimension[];
  @Field(() => AnalyticsFiltersInput, { nullable: true }) filters?: AnalyticsFiltersInput | null;
}
