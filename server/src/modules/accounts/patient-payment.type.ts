import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { PaymentMethod } from './patient-payment.inputs.js';

@ObjectType({ description: 'Where part of a payment went: a visit (superbill), or the account as a credit (superbillId null).' })
export class PaymentAllocation {
  @Field(() => ID, { nullable: true }) superbillId!: string | null;
  @Field(() => MoneyScalar) amount!: number;
  @Field(() => ID, { description: 'The PATIENT_PAYMENT ledger entry.' }) ledgerEntryId!: string;
}

@ObjectType({ description: 'A payment from a patient; its money is in the ledger as PATIENT_PAYMENT entries.' })
export class PatientPayment {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => PaymentMethod) method!: PaymentMethod;
  @Field(() => MoneyScalar) amount!: number;
  @Field(() => MoneyScalar, { description: 'How much of it was given back.' }) refunded!: number;
  @Field(() => String, { nullable: true }) checkNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'The card processor\'s reference of the charge (CARD).' }) processorReference!: string | null;
  @Field(() => String, { nullable: true, description: 'Card brand, if the processor returned it.' }) cardBrand!: string | null;
  @Field(() => String, { nullable: true, description: 'Last four digits of the card, if the processor returned them.' }) cardLast4!: string | null;
  @Field(() => LocalDateScalar, { description: 'The date it counts on (the practice\'s today when received).' }) effectiveDate!: string;
  @Field(() => [PaymentAllocation]) allocations!: PaymentAllocation[];
  @Field(() => DateTimeScalar) receivedAt!: Date;
}

@ObjectType()
export class PatientPaymentPayload {
  @Field(() => PatientPayment) payment!: PatientPayment;
  @Field(() => Boolean, { description: 'True when the idempotency key was recorded before: nothing new was recorded or charged.' }) replayed!: boolean;
}

@ObjectType({ description: 'Money given back from a payment: a REFUND ledger entry per part it came from.' })
export class PatientPaymentRefund {
  @Field(() => ID) id!: string;
  @Field(() => ID) paymentId!: string;
  @Field(() => MoneyScalar) amount!: number;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true, description: 'The card processor\'s reference of the refund (CARD).' }) processorReference!: string | null;
  @Field(() => [ID]) ledgerEntryIds!: string[];
  @Field(() => DateTimeScalar) refundedAt!: Date;
}

@ObjectType()
export class RefundPatientPaymentPayload {
  @Field(() => PatientPaymentRefund) refund!: PatientPaymentRefund;
  @Field(() => PatientPayment) payment!: PatientPayment;
  @Field(() => Boolean) replayed!: boolean;
}

@ObjectType({ description: 'A receipt as a PDF document.' })
export class PaymentReceiptPdf {
  @Field(() => String, { description: 'File name to save it under.' }) fileName!: string;
  @Field(() => String, { description: 'Always application/pdf.' }) contentType!: string;
  @Field(() => String, { description: 'The PDF bytes, base64-encoded.' }) base64!: string;
  @Field(() => Int, { description: 'Size of the PDF in bytes.' }) byteLength!: number;
}
