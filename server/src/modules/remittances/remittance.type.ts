import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';

/** What became of one CLP of a posted file. */
export enum RemittanceClaimOutcome {
  POSTED = 'POSTED',
  REVERSAL = 'REVERSAL',
  UNMATCHED = 'UNMATCHED',
}
registerEnumType(RemittanceClaimOutcome, {
  name: 'RemittanceClaimOutcome',
  description: 'POSTED (payments and adjustments posted to our claim), REVERSAL (undid the claim\'s earlier postings, CLP02 22), UNMATCHED (posted nothing: in the unmatched queue with its reason).',
});

@ObjectType({ description: 'A problem or imbalance found in a remittance file (codes, positions and amounts only).' })
export class RemittanceIssue {
  @Field(() => String, { description: 'PROBLEM (reading) or IMBALANCE (balancing).' }) kind!: string;
  @Field(() => String, { description: 'ENVELOPE, NOT_835, STRUCTURE, MISSING, AMOUNT, CODE, DATE, COMPOSITE; or the balancing rule LINE, CLAIM, CLAIM_LINES, PATIENT_RESPONSIBILITY, PAYMENT, REVERSAL_SIGN.' }) code!: string;
  @Field(() => String) message!: string;
  @Field(() => Int, { nullable: true, description: '0-based index of the CLP in the file.' }) claimIndex!: number | null;
  @Field(() => Int, { nullable: true, description: '1-based SVC position in its CLP.' }) lineNumber!: number | null;
}

@ObjectType({ description: 'One CAS adjustment: group, reason (CARC) and amount. A positive amount reduced the payment.' })
export class RemittanceAdjustment {
  @Field(() => String, { description: 'CO contractual, PR patient responsibility, OA other, PI payer initiated, CR correction.' }) group!: string;
  @Field(() => String, { description: 'Claim adjustment reason code (CARC).' }) reasonCode!: string;
  @Field(() => String, { nullable: true, description: 'The CARC\'s description from the imported code list (`pnpm codes:import carc`); null when the code is not in it.' }) reasonDescription!: string | null;
  @Field(() => MoneyScalar) amount!: number;
  @Field(() => Int, { nullable: true }) quantity!: number | null;
}

@ObjectType({ description: 'One service line payment (SVC) of a remittance claim.' })
export class RemittanceLine {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'Position of the SVC in its CLP (from 1).' }) lineNumber!: number;
  @Field(() => Int, { nullable: true, description: 'The line of our claim it paid; null when the CLP matched no claim.' }) claimLinePosition!: number | null;
  @Field(() => String) procedureCode!: string;
  @Field(() => [String]) modifiers!: string[];
  @Field(() => MoneyScalar) charge!: number;
  @Field(() => MoneyScalar) paid!: number;
  @Field(() => MoneyScalar, { nullable: true, description: 'AMT*B6 allowed amount.' }) allowed!: number | null;
  @Field(() => Int) units!: number;
  @Field(() => LocalDateScalar, { nullable: true }) serviceDate!: string | null;
  @Field(() => String, { nullable: true, description: 'REF*6R as returned.' }) lineItemControlNumber!: string | null;
  @Field(() => [String], { description: 'RARC remark codes (LQ*HE) as received.' }) remarkCodes!: string[];
  @Field(() => [RemittanceAdjustment]) adjustments!: RemittanceAdjustment[];
}

@ObjectType({ description: 'One claim payment (CLP) of a remittance: what the payer decided on one claim (PHI: reads are audited).' })
export class RemittanceClaim {
  @Field(() => ID) id!: string;
  @Field(() => ID) remittanceId!: string;
  @Field(() => Int, { description: '0-based position in the file.' }) claimIndex!: number;
  @Field(() => ID, { nullable: true, description: 'Our claim it posted to; null when unmatched.' }) claimId!: string | null;
  @Field(() => ID, { nullable: true, description: 'An unmatched CLP\'s likely claim (same account number), for the person resolving it.' }) candidateClaimId!: string | null;
  @Field(() => RemittanceClaimOutcome) outcome!: RemittanceClaimOutcome;
  @Field(() => String, { nullable: true, description: 'Why it is unmatched: NO_SUCH_CLAIM, PAYER_CLAIM_NUMBER_MISMATCH, CLAIM_NOT_SUBMITTED, ALREADY_ADJUDICATED, NOTHING_TO_REVERSE, REVERSAL_MISMATCH, LINE_NOT_MATCHED, CHARGE_MISMATCH, NEGATIVE_PAYMENT, DUPLICATE_IN_FILE, COORDINATION_MISMATCH (a secondary payer\'s payment and own adjustments do not add up to what the earlier payer left to the patient).' })
  unmatchedReason!: string | null;
  @Field(() => Boolean, { description: 'A later reversal (CLP02 22) undid what this CLP posted.' }) reversed!: boolean;
  @Field(() => String, { description: 'CLP01: our patient account number.' }) patientAccountNumber!: string;
  @Field(() => String, { nullable: true, description: 'CLP07: the payer\'s claim control number.' }) payerClaimNumber!: string | null;
  @Field(() => String, { description: 'CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied, 22 reversal, …' }) statusCode!: string;
  @Field(() => MoneyScalar) charge!: number;
  @Field(() => MoneyScalar) paid!: number;
  @Field(() => MoneyScalar, { nullable: true, description: 'CLP05.' }) patientResponsibility!: number | null;
  @Field(() => String, { nullable: true }) claimFilingIndicator!: string | null;
  @Field(() => [String], { description: 'Claim-level RARC remarks (MOA/MIA) as received.' }) remarkCodes!: string[];
  @Field(() => DateTimeScalar) receivedAt!: Date;
  patientId!: string | null;
}

@ObjectType({ description: 'A provider-level adjustment (PLB): positive reduced the payment.' })
export class ProviderAdjustment {
  @Field(() => String, { description: 'PLB01: the provider\'s NPI or TIN.' }) providerIdentifier!: string;
  @Field(() => LocalDateScalar, { nullable: true }) fiscalPeriodDate!: string | null;
  @Field(() => String, { description: 'WO overpayment recovery, L6 interest, FB forwarding balance, …' }) reasonCode!: string;
  @Field(() => String, { nullable: true }) reference!: string | null;
  @Field(() => MoneyScalar) amount!: number;
}

@ObjectType({ description: 'An 835 electronic remittance the practice received: POSTED to claims and the ledger, or REFUSED (nothing posted).' })
export class Remittance {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'POSTED or REFUSED.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'TRN02: check or EFT trace number.' }) traceNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'TRN03: the payer\'s identifier on the trace.' }) tracePayerId!: string | null;
  @Field(() => String, { nullable: true }) payerName!: string | null;
  @Field(() => String, { nullable: true, description: 'The payer id (REF*2U) when sent.' }) payerIdentifier!: string | null;
  @Field(() => String, { nullable: true }) payeeNpi!: string | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'BPR02 (negative for a debit).' }) total!: number | null;
  @Field(() => String, { nullable: true }) handlingCode!: string | null;
  @Field(() => String, { nullable: true }) paymentMethod!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'BPR16 check or EFT date.' }) paymentDate!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) productionDate!: string | null;
  @Field(() => String, { nullable: true }) interchangeControlNumber!: string | null;
  @Field(() => String, { nullable: true }) transactionControlNumber!: string | null;
  @Field(() => [RemittanceIssue], { description: 'Why a REFUSED file was refused; warnings of a POSTED one.' }) issues!: RemittanceIssue[];
  @Field(() => String, { description: 'User or client id that posted it.' }) postedBy!: string;
  @Field(() => DateTimeScalar) postedAt!: Date;
}

@ObjectType({ description: 'The result of postRemittance.' })
export class PostRemittancePayload {
  @Field(() => Remittance) remittance!: Remittance;
  @Field(() => Boolean, { description: 'True when this file (same key, same content or same payment trace) was posted before; nothing was posted again.' }) replayed!: boolean;
}

@ObjectType({ description: 'A denied claim line (nothing paid, nothing moved to the patient) with its reasons and appeal deadline (PHI: reads are audited).' })
export class Denial {
  @Field(() => ID) claimId!: string;
  @Field(() => ID) remittanceId!: string;
  @Field(() => ID) remittanceClaimId!: string;
  @Field(() => Int, { nullable: true, description: 'The denied line of our claim.' }) claimLinePosition!: number | null;
  @Field(() => String) procedureCode!: string;
  @Field(() => MoneyScalar) charge!: number;
  @Field(() => MoneyScalar, { description: 'What the CO/OA/PI adjustments took off.' }) deniedAmount!: number;
  @Field(() => [RemittanceAdjustment], { description: 'Group + CARC + amount of each adjustment of the line.' }) adjustments!: RemittanceAdjustment[];
  @Field(() => [String], { description: 'RARC remark codes of the line and claim.' }) remarkCodes!: string[];
  @Field(() => String, { nullable: true }) payerClaimNumber!: string | null;
  @Field(() => LocalDateScalar, { description: 'Payment (or production) date of the remittance.' }) remittanceDate!: string;
  @Field(() => LocalDateScalar, { description: 'Last day to appeal: the payer\'s appeal days after the remittance date.' }) appealDeadline!: string;
  patientId!: string | null;
}

@ObjectType({ description: 'One adjustment a remittance made to a claim: group + CARC + amount, on a line or the whole claim.' })
export class ClaimAdjustment {
  @Field(() => ID) remittanceId!: string;
  @Field(() => ID) remittanceClaimId!: string;
  @Field(() => Int, { nullable: true, description: 'The claim line; null for a claim-level adjustment.' }) claimLinePosition!: number | null;
  @Field(() => String) group!: string;
  @Field(() => String) reasonCode!: string;
  @Field(() => String, { nullable: true, description: 'The CARC\'s description from the imported code list (`pnpm codes:import carc`); null when the code is not in it.' }) reasonDescription!: string | null;
  @Field(() => MoneyScalar) amount!: number;
  @Field(() => [String], { description: 'RARC remarks of the line (or claim).' }) remarkCodes!: string[];
  @Field(() => Boolean, { description: 'Undone by a later payer reversal (or is itself part of one).' }) reversed!: boolean;
}
