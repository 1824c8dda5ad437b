import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { Address } from '../common/address.type.js';
import { PersonName, SexAtBirth } from '../patients/patient.type.js';

export enum CoverageOrder {
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
  TERTIARY = 'TERTIARY',
}
export enum SubscriberRelationship {
  SELF = 'SELF',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  OTHER = 'OTHER',
}
export enum CoverageStatus {
  ACTIVE = 'ACTIVE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CoverageOrder, { name: 'CoverageOrder', description: 'Coordination-of-benefits order.' });
registerEnumType(SubscriberRelationship, { name: 'SubscriberRelationship', description: 'The patient’s relationship to the subscriber.' });
registerEnumType(CoverageStatus, { name: 'CoverageStatus', description: 'ACTIVE, or CANCELLED when entered in error (an ended coverage stays ACTIVE with an end date).' });

@ObjectType({ description: 'The policy holder when it is not the patient.' })
export class Subscriber {
  @Field(() => PersonName) name!: PersonName;
  @Field(() => LocalDateScalar) dateOfBirth!: string;
  @Field(() => SexAtBirth) sex!: SexAtBirth;
  @Field(() => Address, { nullable: true }) address?: Address | null;
}

@ObjectType({ description: 'A patient’s insurance coverage. PHI: every read is audited.' })
export class Coverage {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) payerId!: string;
  @Field(() => String, { nullable: true }) planName?: string | null;
  @Field(() => String, { description: 'Member id on the card (PHI).' }) memberId!: string;
  @Field(() => String, { nullable: true }) groupNumber?: string | null;
  @Field(() => SubscriberRelationship) subscriberRelationship!: SubscriberRelationship;
  @Field(() => Subscriber, { nullable: true, description: 'Null when the patient is the subscriber.' }) subscriber?: Subscriber | null;
  @Field(() => CoverageOrder) order!: CoverageOrder;
  @Field(() => LocalDateScalar) effectiveDate!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last covered day; null = open-ended.' }) endDate?: string | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'Copay printed on the card, in cents.' }) copayOnCard?: number | null;
  @Field(() => CoverageStatus) status!: CoverageStatus;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it as expectedVersion when updating.' }) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

@ObjectType({ description: 'One recorded version of a coverage: who changed it, when and how.' })
export class CoverageVersion {
  @Field(() => Int) version!: number;
  @Field(() => String, { description: 'CREATE, UPDATE, REORDER or END.' }) action!: string;
  @Field(() => String, { description: 'User id of the author.' }) changedBy!: string;
  @Field(() => DateTimeScalar) changedAt!: Date;
  @Field(() => CoverageOrder) order!: CoverageOrder;
  @Field(() => LocalDateScalar) effectiveDate!: string;
  @Field(() => LocalDateScalar, { nullable: true }) endDate?: string | null;
  @Field(() => String, { description: 'Member id at that version (PHI).' }) memberId!: string;
  @Field(() => CoverageStatus) status!: CoverageStatus;
}
