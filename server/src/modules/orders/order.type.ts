import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

export enum OrderKind {
  LAB = 'LAB',
  IMAGING = 'IMAGING',
  PROCEDURE = 'PROCEDURE',
  REFERRAL = 'REFERRAL',
  DME = 'DME',
}
registerEnumType(OrderKind, { name: 'OrderKind', description: 'LAB, IMAGING, PROCEDURE, REFERRAL or DME (durable medical equipment).' });

export enum OrderStatus {
  ORDERED = 'ORDERED',
  SCHEDULED = 'SCHEDULED',
  COLLECTED = 'COLLECTED',
  PERFORMED = 'PERFORMED',
  RESULTED = 'RESULTED',
  REVIEWED = 'REVIEWED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus', description: 'ORDERED → SCHEDULED → COLLECTED (labs) / PERFORMED → RESULTED → REVIEWED (by a CLINICIAN), or CANCELLED before the result.' });

export enum OrderPriority {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
  STAT = 'STAT',
}
registerEnumType(OrderPriority, { name: 'OrderPriority', description: 'How soon it must be done.' });

export enum OrderWorkList {
  OPEN = 'OPEN',
  OVERDUE = 'OVERDUE',
  NOT_SCHEDULED = 'NOT_SCHEDULED',
  AWAITING_RESULTS = 'AWAITING_RESULTS',
  AWAITING_REVIEW = 'AWAITING_REVIEW',
}
registerEnumType(OrderWorkList, {
  name: 'OrderWorkList',
  description: 'OPEN: not reviewed or cancelled. OVERDUE: past its due date and not resulted. NOT_SCHEDULED: still ORDERED. AWAITING_RESULTS: COLLECTED or PERFORMED. AWAITING_REVIEW: RESULTED.',
});

@ObjectType({ description: 'One step of an order: who and when.' })
export class OrderHistoryEntry {
  @Field(() => OrderStatus, { nullable: true }) fromStatus!: OrderStatus | null;
  @Field(() => OrderStatus) toStatus!: OrderStatus;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String) byUserId!: string;
  @Field(() => DateTimeScalar) at!: Date;
}

@ObjectType({ description: 'A clinician\'s order, tracked to its reviewed result. PHI: staff roles only.' })
export class Order {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) orderingProviderId!: string;
  @Field(() => OrderKind) kind!: OrderKind;
  @Field(() => [String], { description: 'ICD-10-CM codes, without the dot.' }) diagnosisCodes!: string[];
  @Field(() => [String], { description: 'What is ordered: CPT, HCPCS or LOINC codes.' }) codes!: string[];
  @Field(() => String, { nullable: true }) instructions!: string | null;
  @Field(() => OrderPriority) priority!: OrderPriority;
  @Field(() => LocalDateScalar, { nullable: true }) dueDate!: string | null;
  @Field(() => Boolean, { description: 'Past its due date (the practice\'s today) and not yet resulted.' }) overdue!: boolean;
  @Field(() => String, { nullable: true }) performingOrganization!: string | null;
  @Field(() => OrderStatus) status!: OrderStatus;
  @Field(() => DateTimeScalar, { nullable: true }) scheduledFor!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The visit it is done at.' }) appointmentId!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) collectedOrPerformedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) resultedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The result it led to (a document or result reference).' }) resultReference!: string | null;
  @Field(() => String, { nullable: true }) reviewedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => String) orderedBy!: string;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

export const OrderConnection = Connection('Order', Order);
