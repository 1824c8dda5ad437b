import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { InstallmentStatus } from './payment-plan.rules.js';
import { StatementCategory } from './statement.rules.js';

registerEnumType(StatementCategory, {
  name: 'StatementCategory',
  description: 'NEW_CHARGE, INSURANCE_PAYMENT, ADJUSTMENT (contractual, other, write-off), PATIENT_PAYMENT (payments and refunds), PATIENT_RESPONSIBILITY (insurance moved this part to the patient; the account total is unchanged). A reversal reads as what it undoes, with the opposite sign.',
});

@ObjectType({ description: 'One ledger entry as printed on a statement.' })
export class StatementLine {
  @Field(() => Int) position!: number;
  @Field(() => ID) ledgerEntryId!: string;
  @Field(() => StatementCategory) category!: StatementCategory;
  @Field(() => String) description!: string;
  @Field(() => LocalDateScalar) effectiveDate!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: "The visit's date of service, when the entry belongs to one." }) dateOfService!: string | null;
  @Field(() => MoneyScalar, { description: 'Change of the account balance (insurance + patient part), cents.' }) amount!: number;
  @Field(() => MoneyScalar, { description: "Change of the patient's part, cents." }) patientAmount!: number;
}

@ObjectType({ description: "The patient's part by the age of each visit on the statement date (date of service, else the entry's date). The buckets add up to balanceDue." })
export class StatementAging {
  @Field(() => MoneyScalar) days0To30!: number;
  @Field(() => MoneyScalar) days31To60!: number;
  @Field(() => MoneyScalar) days61To90!: number;
  @Field(() => MoneyScalar) days91To120!: number;
  @Field(() => MoneyScalar) over120!: number;
}

@ObjectType({ description: 'A payment plan installment as printed on a statement: missed by the statement date, or falling due by its due date.' })
export class StatementInstallment {
  @Field(() => Int) number!: number;
  @Field(() => LocalDateScalar) dueDate!: string;
  @Field(() => MoneyScalar) amount!: number;
  @Field(() => MoneyScalar, { description: "What the plan's payments covered of it by the statement date." }) paid!: number;
  @Field(() => InstallmentStatus, { description: 'MISSED (past due on the statement date) or UPCOMING (due by the statement\'s due date).' }) status!: InstallmentStatus;
}

@ObjectType({ description: "The patient's active payment plan as of a statement (part of its snapshot)." })
export class StatementPaymentPlan {
  @Field(() => ID) paymentPlanId!: string;
  @Field(() => MoneyScalar) total!: number;
  @Field(() => MoneyScalar, { description: 'Paid toward the plan by the statement date (less refunds).' }) paid!: number;
  @Field(() => MoneyScalar) remaining!: number;
  @Field(() => MoneyScalar, { description: 'What the installments listed still ask for: the missed ones and those due by the due date.' }) amountDue!: number;
  @Field(() => [StatementInstallment], { description: 'Missed installments first (oldest first), then those falling due by the due date.' }) installments!: StatementInstallment[];
}

@ObjectType({
  description:
    'A patient statement: an immutable snapshot of the account for one monthly cycle. previousBalance + newCharges + insurancePayments + adjustments + patientPayments − insurancePending = balanceDue (cents, signed as in the ledger: payments and adjustments are negative). Its lines are the ledger entries since the previous statement; each entry is on exactly one statement.',
})
export class PatientStatement {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => String, { description: 'The cycle, YYYY-MM (the month of asOf); a patient has at most one statement per cycle.' }) cycle!: string;
  @Field(() => LocalDateScalar, { description: 'The statement date: entries effective on or before it (and not on an earlier statement) are on it.' }) asOf!: string;
  @Field(() => LocalDateScalar) dueDate!: string;
  @Field(() => DateTimeScalar) generatedAt!: Date;
  @Field(() => ID, { nullable: true }) previousStatementId!: string | null;
  @Field(() => MoneyScalar, { description: 'The account balance (insurance + patient part) on the previous statement; 0 on the first.' }) previousBalance!: number;
  @Field(() => MoneyScalar) newCharges!: number;
  @Field(() => MoneyScalar, { description: 'Insurance payments since the previous statement (negative).' }) insurancePayments!: number;
  @Field(() => MoneyScalar, { description: 'Contractual and other adjustments and write-offs since the previous statement.' }) adjustments!: number;
  @Field(() => MoneyScalar, { description: 'Patient payments less refunds since the previous statement (negative).' }) patientPayments!: number;
  @Field(() => MoneyScalar, { description: 'What insurance still owes on the account (not due from the patient).' }) insurancePending!: number;
  @Field(() => MoneyScalar, { description: "The patient's part: what the patient owes (negative: a credit)." }) balanceDue!: number;
  @Field(() => StatementAging) aging!: StatementAging;
  @Field(() => StatementPaymentPlan, { nullable: true, description: 'The payment plan the patient had on the statement date, with its missed and due installments; null without an active plan.' }) paymentPlan!: StatementPaymentPlan | null;
}

@ObjectType({ description: 'What a statement run did.' })
export class GenerateStatementsPayload {
  @Field(() => String) cycle!: string;
  @Field(() => Int, { description: 'Statements made by this run (a rerun for the same cycle makes none for patients who have one).' }) generated!: number;
  @Field(() => MoneyScalar, { description: 'Σ balanceDue of the statements made by this run.' }) balanceDue!: number;
}

@ObjectType({ description: 'A statement as a PDF document.' })
export class StatementPdf {
  @Field(() => String, { description: 'File name to save it under.' }) fileName!: string;
  @Field(() => String, { description: 'Always application/pdf.' }) contentType!: string;
  @Field(() => String, { description: 'The PDF bytes, base64-encoded.' }) base64!: string;
  @Field(() => Int, { description: 'Size of the PDF in bytes.' }) byteLength!: number;
}
