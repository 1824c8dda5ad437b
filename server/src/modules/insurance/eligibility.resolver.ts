import { Arg, Args, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Connection, pageRequest } from '../../graphql/pagination.js';
import { accessText, COVERAGE_READERS, ELIGIBILITY_VERIFIERS } from '../../graphql/access.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { PageArgs } from '../patients/patient.resolver.js';
import { verifyEligibilityForDay } from './eligibility-day.service.js';
import { VerifyEligibilityForDayInput, VerifyEligibilityInput } from './eligibility.inputs.js';
import { listEligibilityChecks, verifyEligibility } from './eligibility.service.js';
import { EligibilityCheck } from './eligibility.type.js';

export const EligibilityCheckConnection = Connection('EligibilityCheck', EligibilityCheck);

enum DayEligibilityStatus {
  VERIFIED = 'VERIFIED',
  FRESH = 'FRESH',
  NO_PRIMARY_COVERAGE = 'NO_PRIMARY_COVERAGE',
  FAILED = 'FAILED',
}
registerEnumType(DayEligibilityStatus, { name: 'DayEligibilityStatus', description: 'VERIFIED now; FRESH: a definite answer within the freshness window exists; FAILED: see errorCode.' });

@ObjectType()
class VerifyEligibilityPayload {
  @Field(() => EligibilityCheck, { description: 'The stored check; UNKNOWN with a reason when the payer or clearinghouse did not answer clearly.' }) check!: EligibilityCheck;
}

@ObjectType()
class DayEligibilityResult {
  @Field(() => ID) appointmentId!: string;
  @Field(() => DayEligibilityStatus) status!: DayEligibilityStatus;
  @Field(() => EligibilityCheck, { nullable: true }) check?: EligibilityCheck | null;
  @Field(() => String, { nullable: true, description: 'Error code when FAILED.' }) errorCode?: string | null;
}

@ObjectType()
class VerifyEligibilityForDayPayload {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => [DayEligibilityResult], { description: 'One entry per active appointment of the day, by start time.' }) results!: DayEligibilityResult[];
}

const VERIFIERS = ELIGIBILITY_VERIFIERS;

@Resolver(() => EligibilityCheck)
export class EligibilityResolver {
  @Authorized(VERIFIERS)
  @Mutation(() => VerifyEligibilityPayload, { description: `Verify a coverage for a date of service over X12 270/271. ${accessText(VERIFIERS)}` })
  async verifyEligibility(@Arg('input', () => VerifyEligibilityInput) input: VerifyEligibilityInput, @Ctx() ctx: Context): Promise<VerifyEligibilityPayload> {
    return { check: await verifyEligibility(ctx.db, ctx.eligibility, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(VERIFIERS)
  @Mutation(() => VerifyEligibilityForDayPayload, { description: `Verify the primary coverage of every appointment of a day at a location that has no fresh answer. ${accessText(VERIFIERS)}` })
  async verifyEligibilityForDay(@Arg('input', () => VerifyEligibilityForDayInput) input: VerifyEligibilityForDayInput, @Ctx() ctx: Context): Promise<VerifyEligibilityForDayPayload> {
    const results = await verifyEligibilityForDay(ctx.db, ctx.eligibility, requirePrincipal(ctx), ctx.audit, input);
    return { date: input.date, results: results.map((r) => ({ ...r, status: r.status as DayEligibilityStatus })) };
  }

  @Authorized(COVERAGE_READERS)
  @Query(() => EligibilityCheckConnection, { description: `Eligibility checks of a patient or of a coverage (exactly one), newest first. ${accessText(COVERAGE_READERS)}` })
  eligibilityChecks(@Args(() => PageArgs) page: PageArgs, @Arg('patientId', () => ID, { nullable: true }) patientId: string | null, @Arg('coverageId', () => ID, { nullable: true }) coverageId: string | null, @Ctx() ctx: Context) {
    return listEligibilityChecks(ctx.db, requirePrincipal(ctx), ctx.audit, { patientId, coverageId }, pageRequest(page));
  }
}
