import { ArrayMaxSize, ArrayMinSize, IsIn, Length } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ALL_SCOPES } from '../../graphql/scopes.js';
import { IsNotBlank } from '../../lib/validation.js';

@InputType({ description: 'A new partner client.' })
export class CreatePartnerClientInput {
  @Field(() => String, { description: 'Who the client is, e.g. "Acme Billing"; unique among the practice\'s active clients, ignoring case.' })
  @IsNotBlank()
  @Length(1, 100)
  name!: string;

  @Field(() => [String], { description: `OAuth scopes to grant, at least one of: ${ALL_SCOPES.join(', ')}.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_SCOPES.length)
  @IsIn(ALL_SCOPES, { each: true, message: `each must be one of ${ALL_SCOPES.join(', ')}` })
  scopes!: string[];
}

@InputType({ description: 'A partner client at a known version.' })
export class PartnerClientRefInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
}
