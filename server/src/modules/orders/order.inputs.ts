import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { IsNotBlank } from '../../lib/validation.js';
import { OrderKind, OrderPriority, OrderStatus, OrderWorkList } from './order.type.js';

const ID_MESSAGE = { message: 'must be an id' };

@InputType({ description: 'A new order (ORDERED).' })
export class PlaceOrderInput {
  @Field(() => ID) @IsUUID('all', ID_MESSAGE) patientId!: string;
  @Field(() => ID, { description: 'The ordering provider of your practice.' }) @IsUUID('all', ID_MESSAGE) orderingProviderId!: string;
  @Field(() => OrderKind) kind!: OrderKind;
  @Field(() => [String], { defaultValue: [], description: 'ICD-10-CM codes in force today (dots allowed).' }) @ArrayMaxSize(12) diagnosisCodes!: string[];
  @Field(() => [String], { description: 'CPT (99213), HCPCS (G0439) or LOINC (2345-7) codes.' }) @ArrayMinSize(1) @ArrayMaxSize(20) codes!: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 4000) instructions?: string | null;
  @Field(() => OrderPriority, { defaultValue: OrderPriority.ROUTINE }) priority!: OrderPriority;
  @Field(() => LocalDateScalar, { nullable: true, description: 'When it should be done (resulted) by.' }) dueDate?: string | null;
  @Field(() => String, { nullable: true, description: 'The lab, imaging center or supplier.' }) @IsOptional() @IsNotBlank() @Length(1, 200) performingOrganization?: string | null;
}

@InputType({ description: 'Moves an order. SCHEDULED needs scheduledFor or an appointmentId (the visit\'s start is used); RESULTED may carry the result reference; CANCELLED needs a note (the reason); REVIEWED takes a CLINICIAN. `at` dates COLLECTED/PERFORMED/RESULTED (default now).' })
export class MoveOrderInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => OrderStatus) to!: OrderStatus;
  @Field(() => DateTimeScalar, { nullable: true }) at?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) scheduledFor?: Date | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', ID_MESSAGE) appointmentId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 500) resultReference?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 2000) note?: string | null;
}

@InputType({ description: 'Which open orders to list.' })
export class OrderFilter {
  @Field(() => OrderWorkList, { defaultValue: OrderWorkList.OPEN }) list!: OrderWorkList;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', ID_MESSAGE) patientId?: string | null;
}
