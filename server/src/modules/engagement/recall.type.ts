import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { accessText, CLINICAL_TEXT_READERS } from '../../graphql/access.js';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

export enum RecallStatus {
  OPEN = 'OPEN',
  SCHEDULED = 'SCHEDULED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RecallStatus, {
  name: 'RecallStatus',
  description: 'OPEN (to be booked), SCHEDULED (a visit is booked), DONE, CANCELLED. DONE and CANCELLED are final.',
});

@ObjectType({ description: 'A recall: the patient should be seen again by a due date ("see in 6 weeks"). PHI: reachable by PHI roles only.' })
export class Recall {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID, { nullable: true, description: 'The provider to see; null means any.' }) providerId!: string | null;
  @Field(() => ID) locationId!: string;
  @Field(() => LocalDateScalar) dueDate!: string;
  @Authorized(CLINICAL_TEXT_READERS)
  @Field(() => String, { description: `Why the patient should come back (free text). ${accessText(CLINICAL_TEXT_READERS)}` }) reason!: string;
  @Field(() => RecallStatus) status!: RecallStatus;
  @Field(() => ID, { nullable: true, description: 'The visit that asked for the recall.' }) originatingAppointmentId!: string | null;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it as expectedVersion when updating.' }) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

export const RecallConnection = Connection('Recall', Recall);

/** Allowed status changes; DONE and CANCELLED are final. */
export const RECALL_TRANSITIONS: Record<RecallStatus, RecallStatus[]> = {
  OPEN: [RecallStatus.SCHEDULED, RecallStatus.DONE, RecallStatus.CANCELLED],
  SCHEDULED: [RecallStatus.OPEN, RecallStatus.DONE, RecallStatus.CANCELLED],
  DONE: [],
  CANCELLED: [],
};
