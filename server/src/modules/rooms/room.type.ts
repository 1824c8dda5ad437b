import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

@ObjectType({ description: 'An exam or treatment room of a location, where the front desk puts a patient (status IN_ROOM). Optional: an office without rooms has none. Not PHI.' })
export class Room {
  @Field(() => ID) id!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => String, { description: 'Unique per location among active rooms, ignoring case.' }) name!: string;
  @Field(() => Boolean, { description: 'False once deactivated: no patient can be put in it; kept for history.' }) active!: boolean;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it as expectedVersion when updating.' }) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}
