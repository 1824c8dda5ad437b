import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { TimeZoneScalar } from '../../graphql/scalars/time-zone.js';
import { Address } from '../common/address.type.js';

@ObjectType({ description: 'A place where the practice sees patients. Not PHI: every role may read it.' })
export class Location {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Address) address!: Address;
  @Field(() => String, { nullable: true, description: 'Main phone, E.164 (+15555550123).' }) phone!: string | null;
  @Field(() => TimeZoneScalar, { description: 'IANA time zone of the location; schedules are in its wall-clock time.' })
  timeZone!: string;
  @Field(() => String, { description: 'Two-digit CMS place-of-service code used on claims (11 = office).' })
  placeOfServiceCode!: string;
  @Field(() => String, { nullable: true, description: 'CMS name of the place-of-service code.' })
  placeOfServiceName!: string | null;
  @Field(() => Boolean, { description: 'False once deactivated; inactive locations are kept for history.' }) active!: boolean;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it as expectedVersion when updating.' }) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}
