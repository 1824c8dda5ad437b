import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { IsNotBlank } from '../../lib/validation.js';

export enum PaymentMethod {
  CASH = 'CASH',
  CHECK = 'CHECK',
  CARD = 'CARD',
}
registerEnumType(PaymentMethod, { name: 'PaymentMethod', description: 'How the patient paid: CASH, CHECK, or CARD (charged through the card processor).' });

@InputType({ description: 'Part of a payment to put on one visit (superbill) of the patient.' })
export class PaymentAllocationInput {
  @Field(() => ID, { description: 'A superbill of this patient with an open patient balance.' }) superbillId!: string;
  @Field(() => MoneyScalar, { description: 'Positive cents, at most the open patient balance of the superbill.' }) amount!: number;
}

@InputType({ description: 'A payment from a patient. Without allocations it goes to the oldest open balances first; what is left stays on the account as a credit.' })
export class RecordPatientPaymentInput {
  @Field(() => String, { description: 'Client-chosen key (8–100 chars): a retry with the same key and input returns the same payment (a card is charged once); other input gets IDEMPOTENCY_KEY_REUSED.' })
  @Length(8, 100) idempotencyKey!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => MoneyScalar, { description: 'Positive cents.' }) amount!: number;
  @Field(() => PaymentMethod) method!: PaymentMethod;
  @Field(() => String, { nullable: true, description: 'CARD only, and required for it: the single-use token from the card reader or payment page. Card numbers are never sent or stored.' })
  @IsOptional() @Length(1, 200) cardToken?: string | null;
  @Field(() => String, { nullable: true, description: 'CHECK only: the check number.' }) @IsOptional() @Matches(/^[0-9A-Za-z-]{1,30}$/) checkNumber?: string | null;
  @Field(() => [PaymentAllocationInput], { nullable: true, description: 'Where the money goes; by default the oldest open balances first.' }) allocations?: PaymentAllocationInput[] | null;
  @Field(() => ID, { nullable: true, description: 'An ACTIVE payment plan of this patient the payment counts toward (it completes once paid in full).' }) paymentPlanId?: string | null;
}

@InputType({ description: 'Give back part or all of a patient payment (at most what is not refunded yet); a card refund goes back to the card.' })
export class RefundPatientPaymentInput {
  @Field(() => String, { description: 'Client-chosen key (8–100 chars): a retry with the same key and input returns the same refund.' }) @Length(8, 100) idempotencyKey!: string;
  @Field(() => ID) paymentId!: string;
  @Field(() => MoneyScalar, { description: 'Positive cents, at most the unrefunded part of the payment.' }) amount!: number;
  @Field(() => String, { description: 'Why.' }) @IsNotBlank() @Length(1, 500) reason!: string;
}
