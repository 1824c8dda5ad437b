import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';

export enum ArAgingGroupBy {
  PAYER = 'PAYER',
  PATIENT = 'PATIENT',
  PROVIDER = 'PROVIDER',
  LOCATION = 'LOCATION',
}
registerEnumType(ArAgingGroupBy, { name: 'ArAgingGroupBy', description: 'What A/R aging rows are: per payer, patient, rendering provider or service location.' });

export enum ArAgingBasis {
  DATE_OF_SERVICE = 'DATE_OF_SERVICE',
  SUBMISSION = 'SUBMISSION',
}
registerEnumType(ArAgingBasis, { name: 'ArAgingBasis', description: 'What a balance ages from: the date of service, or the first submission of its claim (balances on no submitted claim: the date of service).' });

@ObjectType({ description: 'Open balance (cents) by age in days; credits count negative where they age.' })
export class AgingBuckets {
  @Field(() => MoneyScalar, { description: '0–30 days.' }) days0To30!: number;
  @Field(() => MoneyScalar, { description: '31–60 days.' }) days31To60!: number;
  @Field(() => MoneyScalar, { description: '61–90 days.' }) days61To90!: number;
  @Field(() => MoneyScalar, { description: '91–120 days.' }) days91To120!: number;
  @Field(() => MoneyScalar, { description: 'Over 120 days.' }) over120!: number;
  @Field(() => MoneyScalar, { description: 'Sum of the buckets.' }) total!: number;
}

@ObjectType({ description: 'One group of the A/R: its insurance part and patient part by age.' })
export class ArAgingRow {
  @Field(() => ID, { nullable: true, description: 'The payer, patient, provider or location; null for balances without one (e.g. self-pay without a payer, entries not on a superbill).' }) groupId!: string | null;
  @Field(() => AgingBuckets) insurance!: AgingBuckets;
  @Field(() => AgingBuckets) patient!: AgingBuckets;
  @Field(() => MoneyScalar, { description: 'insurance.total + patient.total.' }) total!: number;
}

@ObjectType({ description: 'Accounts receivable by age as of a date; the totals equal the ledger\'s balances as of that date.' })
export class ArAgingReport {
  @Field(() => LocalDateScalar) asOf!: string;
  @Field(() => ArAgingGroupBy) groupBy!: ArAgingGroupBy;
  @Field(() => ArAgingBasis, { description: 'What balances age from.' }) basis!: ArAgingBasis;
  @Field(() => MoneyScalar, { nullable: true, description: 'SUBMISSION basis only (null otherwise): the part of `total` aged from the date of service because it is on no claim submitted by `asOf` (self-pay visits, claims not yet submitted, account credits).' }) agedFromDateOfService!: number | null;
  @Field(() => [ArAgingRow]) rows!: ArAgingRow[];
  @Field(() => AgingBuckets) insurance!: AgingBuckets;
  @Field(() => AgingBuckets) patient!: AgingBuckets;
  @Field(() => MoneyScalar) total!: number;
}
