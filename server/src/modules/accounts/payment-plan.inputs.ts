import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { IsLocalDate, IsNotBlank } from '../../lib/validation.js';

@InputType({ description: 'A payment plan over part of the patient\'s balance: monthly installments from firstDueDate.' })
export class CreatePaymentPlanInput {
  @Field(() => String, { description: 'Client-chosen key (8–100 chars): a retry with the same key and input returns the same plan; other input gets IDEMPOTENCY_KEY_REUSED.' })
  @Length(8, 100) idempotencyKey!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => MoneyScalar, { description: 'Positive cents, at most the patient\'s balance (patient part) now, at least one cent per installment.' }) total!: number;
  @Field(() => Int, { description: '2 to 60 monthly installments.' }) @IsInt() @Min(2) @Max(60) installments!: number;
  @Field(() => LocalDateScalar, { description: 'Due date of the first installment: today or later on the practice calendar.' }) @IsLocalDate() firstDueDate!: string;
}

@InputType({ description: 'Cancel an active plan; what was not paid is an ordinary balance again.' })
export class CancelPaymentPlanInput {
  @Field(() => ID) id!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 500) reason!: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() expectedVersion?: number | null;
}
