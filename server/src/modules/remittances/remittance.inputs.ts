import { IsOptional, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { IsLocalDate } from '../../lib/validation.js';
import { RelayPageArgs } from '../common/page.args.js';
import { Denial, Remittance, RemittanceClaim } from './remittance.type.js';

/** Largest 835 accepted in one call (characters): ~10,000 claims. */
export const MAX_835_LENGTH = 10_000_000;

@InputType({ description: 'An 835 to post.' })
export class PostRemittanceInput {
  @Field(() => String, { description: 'The 835 (005010X221A1) as received, one interchange.' }) @Length(1, MAX_835_LENGTH) x12!: string;
  @Field(() => String, { description: 'Client-chosen key (8–100 chars): a retry with the same key and file returns the same posting; another file gets IDEMPOTENCY_KEY_REUSED.' })
  @Length(8, 100) idempotencyKey!: string;
}

@InputType({ description: 'Which denied lines to list; every given condition must hold.' })
export class DenialFilter {
  @Field(() => ID, { nullable: true }) claimId?: string | null;
  @Field(() => ID, { nullable: true }) payerId?: string | null;
  @Field(() => String, { nullable: true, description: 'A CARC among the line\'s adjustments.' }) @IsOptional() @Matches(/^[A-Z0-9]{1,3}$/) reasonCode?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Appeal deadline on or before this date.' }) @IsOptional() @IsLocalDate() appealBy?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'First remittance date (inclusive).' }) @IsOptional() @IsLocalDate() from?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last remittance date (inclusive).' }) @IsOptional() @IsLocalDate() to?: string | null;
}

@ArgsType()
export class DenialsArgs extends RelayPageArgs {
  @Field(() => DenialFilter, { nullable: true }) filter?: DenialFilter | null;
}

export const RemittanceConnection = Connection('Remittance', Remittance);
export const UnmatchedRemittanceConnection = Connection('UnmatchedRemittance', RemittanceClaim);
export const DenialConnection = Connection('Denial', Denial);
