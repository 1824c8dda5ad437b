import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

@ObjectType({
  description:
    'One entry of the append-only audit trail: who read or changed which record, when, and through which operation. Holds ids only, never PHI.',
})
export class AuditEvent {
  @Field(() => ID, {
    description:
      '"<batch>.<n>": the audit row that recorded the event (one row holds all the reads of a request; each write has its own) and the 1-based position of the record in that row. Stable.',
  })
  id!: string;
  @Field(() => DateTimeScalar, { description: 'When it happened (the start of the transaction that recorded it).' }) at!: Date;
  @Field(() => String, { description: 'Subject of the access token.' }) userId!: string;
  @Field(() => [String], { description: 'Roles the user held at the time.' }) roles!: string[];
  @Field(() => String, { description: 'READ, CREATE, UPDATE, DEACTIVATE, DELETE or EXPORT.' }) action!: string;
  @Field(() => String, { description: 'GraphQL type of the record, e.g. Patient.' }) entityType!: string;
  @Field(() => ID) entityId!: string;
  @Field(() => ID, { nullable: true, description: 'The patient whose data it was, if any.' }) patientId!: string | null;
  @Field(() => String, { nullable: true, description: 'Name of the GraphQL operation, when the client named it.' })
  operationName!: string | null;
  @Field(() => String, { description: 'Request id (the X-Request-Id response header), for correlating with logs.' }) requestId!: string;
}
