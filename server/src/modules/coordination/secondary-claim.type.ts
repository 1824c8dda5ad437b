import { Field, InputType, ID, ObjectType } from 'type-graphql';
import { Claim } from '../claims/claim.type.js';

@InputType()
export class CreateSecondaryClaimInput {
  @Field(() => ID, { description: 'An adjudicated claim (PAID, PARTIALLY_PAID or DENIED) to the primary (or secondary) payer.' }) claimId!: string;
}

@ObjectType({ description: 'The claim to the next payer after createSecondaryClaim.' })
export class SecondaryClaimPayload {
  @Field(() => Claim, { description: 'A DRAFT claim to the secondary (tertiary) payer carrying the earlier adjudication.' }) claim!: Claim;
  @Field(() => Boolean, { description: 'True when the claim already existed (a repeated call or made when the remittance posted).' }) existing!: boolean;
}
