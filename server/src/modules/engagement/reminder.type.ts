import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

export enum ReminderChannel {
  SMS = 'SMS',
  EMAIL = 'EMAIL',
}
export enum ReminderStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  CANCELLED = 'CANCELLED',
  FAILED = 'FAILED',
}
registerEnumType(ReminderChannel, { name: 'ReminderChannel' });
registerEnumType(ReminderStatus, { name: 'ReminderStatus', description: 'PENDING until sent once (SENT), cancelled with its visit (CANCELLED) or given up (FAILED).' });

@ObjectType({ description: 'A reminder in the outbox. Ids only: the sender looks up what it needs to render the message.' })
export class ReminderMessage {
  @Field(() => ID) id!: string;
  @Field(() => ID) appointmentId!: string;
  @Field(() => ReminderChannel) channel!: ReminderChannel;
  @Field(() => Int, { description: 'Minutes before the visit.' }) offsetMinutes!: number;
  @Field(() => DateTimeScalar) dueAt!: Date;
  @Field(() => ReminderStatus) status!: ReminderStatus;
  @Field(() => DateTimeScalar, { nullable: true }) sentAt!: Date | null;
  @Field(() => Int) attemptCount!: number;
  @Field(() => String, { description: 'Pass to the delivery provider so a retried send is not delivered twice.' }) idempotencyKey!: string;
}

export const ReminderMessageConnection = Connection('ReminderMessage', ReminderMessage);
