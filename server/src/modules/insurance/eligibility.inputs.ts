import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

@InputType()
export class VerifyEligibilityInput {
  @Field(() => ID) coverageId!: string;
  @Field(() => LocalDateScalar, { description: 'The date of service asked about (not the policy date); within the coverage dates.' }) dateOfService!: string;
  @Field(() => [String], { defaultValue: ['30'], description: 'X12 service type codes (EQ01); 30 = health benefit plan coverage.' })
  @ArrayMinSize(1) @ArrayMaxSize(10) serviceTypeCodes!: string[];
  @Field(() => ID, { description: 'The rendering provider whose NPI goes in the inquiry.' }) providerId!: string;
  @Field(() => String, { nullable: true, description: 'The visit\'s X12 service type, whose copay and coinsurance the check reports (default 98, office visit; the day batch uses the appointment type\'s).' })
  @IsOptional() visitServiceTypeCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the stored check instead of asking the payer again; reusing it for another inquiry is IDEMPOTENCY_KEY_REUSED.' })
  @IsOptional() @Matches(/^[A-Za-z0-9._:-]{8,100}$/, { message: 'must be 8–100 letters, digits or . _ : -' })
  idempotencyKey?: string | null;
}

@InputType()
export class VerifyEligibilityForDayInput {
  @Field(() => ID) locationId!: string;
  @Field(() => LocalDateScalar, { description: 'Calendar day in the location’s time zone.' }) date!: string;
  @Field(() => Boolean, { defaultValue: false, description: 'Verify even appointments with a fresh answer.' }) @IsBoolean() force!: boolean;
}
