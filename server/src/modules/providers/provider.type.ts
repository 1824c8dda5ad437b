import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

@ObjectType({ description: 'A clinician who renders or bills services. Not PHI: every role may read it.' })
export class Provider {
  @Field(() => ID) id!: string;
  @Field(() => String) givenName!: string;
  @Field(() => String) familyName!: string;
  @Field(() => String, { nullable: true, description: 'Post-nominal credentials, e.g. MD, DO, NP, PA-C.' }) credentials!: string | null;
  @Field(() => String, { description: 'National Provider Identifier: 10 digits, unique within the practice.' }) npi!: string;
  @Field(() => String, { description: 'NUCC health care provider taxonomy code, e.g. 207Q00000X.' }) taxonomyCode!: string;
  @Field(() => String) specialty!: string;
  @Field(() => Boolean, { description: 'False once deactivated; inactive providers are kept for history.' }) active!: boolean;
  @Field(() => Boolean, { description: 'True when claims name the group (billing profile) as billing provider; false when the provider bills individually.' }) billsUnderGroup!: boolean;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it as expectedVersion when updating.' }) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}
