import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { InstallmentStatus } from './payment-plan.rules.js';

export enum PaymentPlanStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PaymentPlanStatus, { name: 'PaymentPlanStatus', description: 'ACTIVE (being paid), COMPLETED (paid in full), CANCELLED (what was not paid is an ordinary balance again).' });
registerEnumType(InstallmentStatus, { name: 'InstallmentStatus', description: 'PAID, UPCOMING (not due yet, or due today), MISSED (past its due date and not covered by the payments so far).' });

@ObjectType({ description: 'One installment of a payment plan, as of today on the practice calendar.' })
export class PlanInstallment {
  @Field(() => Int) number!: number;
  @Field(() => LocalDateScalar) dueDate!: string;
  @Field(() => MoneyScalar) amount!: number;
  @Field(() => MoneyScalar, { description: 'How much of it the plan\'s payments cover (payments fill installments in order).' }) paid!: number;
  @Field(() => InstallmentStatus) status!: InstallmentStatus;
}

@ObjectType({ description: 'An agreement to pay part of the balance in monthly installments. Payments recorded with its id count toward it.' })
export class PaymentPlan {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => MoneyScalar) total!: number;
  @Field(() => Int) installmentCount!: number;
  @Field(() => LocalDateScalar) firstDueDate!: string;
  @Field(() => PaymentPlanStatus) status!: PaymentPlanStatus;
  @Field(() => MoneyScalar, { description: 'Paid toward the plan so far (payments less their refunds).' }) paid!: number;
  @Field(() => MoneyScalar, { description: 'total − paid while ACTIVE; 0 once completed or cancelled.' }) remaining!: number;
  @Field(() => MoneyScalar, { nullable: true, description: 'What went back to the ordinary balance when the plan was cancelled.' }) released!: number | null;
  @Field(() => [PlanInstallment]) schedule!: PlanInstallment[];
  @Field(() => Int, { description: 'Installments past due and not covered (0 unless ACTIVE).' }) missedInstallments!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => Int, { description: 'Pass it as expectedVersion when cancelling.' }) version!: number;
}

@ObjectType()
export class PaymentPlanPayload {
  @Field(() => PaymentPlan) plan!: PaymentPlan;
  @Field(() => Boolean, { description: 'True when the idempotency key was used before and this is that plan.' }) replayed!: boolean;
}
