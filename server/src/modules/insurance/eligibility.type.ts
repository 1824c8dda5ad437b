import { Authorized, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../../graphql/roles.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';

export enum EligibilityOutcome {
  ELIGIBLE = 'ELIGIBLE',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(EligibilityOutcome, { name: 'EligibilityOutcome', description: 'UNKNOWN: the payer or clearinghouse could not answer clearly; verify again later.' });

@ObjectType({ description: 'A deductible or out-of-pocket accumulator, in cents.' })
export class BenefitAccumulator {
  @Field(() => MoneyScalar, { nullable: true, description: 'Total for the period (usually the calendar year).' }) total?: number | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'Still to be met.' }) remaining?: number | null;
}

@ObjectType()
export class AccumulatorLevels {
  @Field(() => BenefitAccumulator) individual!: BenefitAccumulator;
  @Field(() => BenefitAccumulator) family!: BenefitAccumulator;
}

export enum RejectionLevel {
  SOURCE = 'SOURCE',
  RECEIVER = 'RECEIVER',
  SUBSCRIBER = 'SUBSCRIBER',
  DEPENDENT = 'DEPENDENT',
}
registerEnumType(RejectionLevel, {
  name: 'RejectionLevel',
  description: 'Where in the 271 an AAA sat: SOURCE (the payer, HL 20) or RECEIVER (the provider, HL 21) say nothing about the patient (the check is UNKNOWN); SUBSCRIBER (HL 22) and DEPENDENT (HL 23) are about the patient.',
});

@ObjectType({ description: 'The amounts of one network tier, each with the X12 service type (EB03) it was read from.' })
export class NetworkBenefitFigures {
  @Field(() => MoneyScalar, { nullable: true }) copay?: number | null;
  @Field(() => String, { nullable: true, description: 'Service type of the copay (e.g. 98 office visit), null when the payer named none.' }) copayServiceTypeCode?: string | null;
  @Field(() => Float, { nullable: true, description: 'Coinsurance as a fraction (0.2 = 20 %).' }) coinsurance?: number | null;
  @Field(() => String, { nullable: true }) coinsuranceServiceTypeCode?: string | null;
  @Field(() => AccumulatorLevels) deductible!: AccumulatorLevels;
  @Field(() => AccumulatorLevels) outOfPocket!: AccumulatorLevels;
}

@ObjectType({ description: 'An AAA segment of the 271: why the payer rejected the inquiry.' })
export class EligibilityRejection {
  @Field(() => String, { description: 'AAA03 reject reason code, e.g. 72 invalid member id, 75 subscriber not found, 42 unable to respond now.' }) code!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true, description: 'AAA04 follow-up action (C correct and resubmit, R resubmit, N do not resubmit…).' }) followUp?: string | null;
  @Field(() => RejectionLevel, { nullable: true, description: 'Which loop of the 271 the rejection is about.' }) level?: RejectionLevel | null;
}

@ObjectType({ description: 'One EB segment of the 271.' })
export class EligibilityBenefit {
  @Field(() => String, { description: 'EB01: 1 active, 6 inactive, A coinsurance, B copay, C deductible, G out-of-pocket…' }) code!: string;
  @Field(() => String, { nullable: true, description: 'EB02: IND, FAM…' }) coverageLevel?: string | null;
  @Field(() => [String]) serviceTypeCodes!: string[];
  @Field(() => String, { nullable: true }) planDescription?: string | null;
  @Field(() => String, { nullable: true, description: 'EB06: 23 calendar year, 29 remaining, 27 visit…' }) timePeriod?: string | null;
  @Field(() => MoneyScalar, { nullable: true }) amount?: number | null;
  @Field(() => Boolean, { description: 'EB07 held a payer placeholder (e.g. 99999.99), not an amount: `amount` is null.' }) placeholderAmount!: boolean;
  @Field(() => Float, { nullable: true, description: 'EB08 as a fraction (0.2 = 20 %).' }) percent?: number | null;
  @Field(() => String, { nullable: true, description: 'EB11: Y, N or U.' }) authorizationRequired?: string | null;
  @Field(() => String, { nullable: true, description: 'EB12: Y in network, N out of network, W both.' }) inNetwork?: string | null;
}

@ObjectType({ description: 'One eligibility verification (X12 270/271) and its normalised answer. PHI: reads are audited.' })
export class EligibilityCheck {
  @Field(() => ID) id!: string;
  @Field(() => ID) coverageId!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID) providerId!: string;
  @Field(() => LocalDateScalar) dateOfService!: string;
  @Field(() => [String]) serviceTypeCodes!: string[];
  @Field(() => EligibilityOutcome) outcome!: EligibilityOutcome;
  @Field(() => String, { nullable: true, description: 'Why the outcome is not a plain ELIGIBLE (codes, never PHI).' }) reason?: string | null;
  @Field(() => String, { nullable: true }) planName?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) planBeginDate?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) planEndDate?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The provider\'s network status as the 271 states it: true when it reports in-network benefits only, false when out-of-network only; null when it lists both tiers or says nothing.' }) inNetwork?: boolean | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'In-network copay for the visit\'s service type (see copayServiceTypeCode).' }) copay?: number | null;
  @Field(() => String, { nullable: true, description: 'Service type the copay was read from (the visit\'s, else the inquiry\'s, else 30).' }) copayServiceTypeCode?: string | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'Copay to collect at check-in: the payer’s answer, else the card’s.' }) expectedCopay?: number | null;
  @Field(() => Float, { nullable: true, description: 'In-network coinsurance as a fraction (0.2 = 20 %).' }) coinsurance?: number | null;
  @Field(() => String, { nullable: true }) coinsuranceServiceTypeCode?: string | null;
  @Field(() => NetworkBenefitFigures, { nullable: true, description: 'The out-of-network tier\'s figures (EB12 N, and W which applies to both).' }) outOfNetwork?: NetworkBenefitFigures | null;
  @Field(() => [String], { description: 'Envelope problems of the 271 (segment counts, control numbers that do not match): reported, not ignored.' }) envelopeProblems!: string[];
  @Field(() => AccumulatorLevels, { nullable: true }) deductible?: AccumulatorLevels | null;
  @Field(() => AccumulatorLevels, { nullable: true }) outOfPocket?: AccumulatorLevels | null;
  @Field(() => Boolean, { nullable: true }) priorAuthorizationRequired?: boolean | null;
  @Field(() => [EligibilityRejection]) rejections!: EligibilityRejection[];
  @Field(() => [EligibilityBenefit]) benefits!: EligibilityBenefit[];
  @Field(() => DateTimeScalar) requestedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) respondedAt?: Date | null;
  @Authorized(Role.BILLER, Role.PRACTICE_ADMIN)
  @Field(() => String, { description: 'The X12 270 sent. Roles: BILLER, PRACTICE_ADMIN.' }) raw270!: string;
  @Authorized(Role.BILLER, Role.PRACTICE_ADMIN)
  @Field(() => String, { nullable: true, description: 'The X12 271 received (null when none came). Roles: BILLER, PRACTICE_ADMIN.' }) raw271?: string | null;
}
