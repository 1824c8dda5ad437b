import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText, COVERAGE_READERS } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { Appointment } from '../scheduling/appointment.type.js';
import { presentChecks } from './eligibility.service.js';
import { EligibilityCheck } from './eligibility.type.js';

/**
 * The front desk's view of insurance on an appointment: the latest eligibility answer for its date of
 * service and the copay to collect. Batched per request (one SQL statement for a whole day view).
 */
@Resolver(() => Appointment)
export class AppointmentEligibilityResolver {
  @Authorized(COVERAGE_READERS)
  @FieldResolver(() => EligibilityCheck, {
    nullable: true,
    description: `Latest eligibility check of the patient's primary coverage for this appointment's local date of service; null when never verified (audited read). Same rule as Query.eligibilityChecks: ${accessText(COVERAGE_READERS)}`,
  })
  async eligibility(@Root() a: Appointment, @Ctx() ctx: Context): Promise<EligibilityCheck | null> {
    const row = await ctx.loaders.appointmentEligibility.load(a.id);
    return row ? presentChecks(ctx.audit, [row])[0]! : null;
  }

  @Authorized(COVERAGE_READERS)
  @FieldResolver(() => MoneyScalar, {
    nullable: true,
    description: `Copay to collect at check-in from the latest eligibility answer (else the card); null when unknown. ${accessText(COVERAGE_READERS)}`,
  })
  async expectedCopay(@Root() a: Appointment, @Ctx() ctx: Context): Promise<number | null> {
    const row = await ctx.loaders.appointmentEligibility.load(a.id);
    return row ? (presentChecks(ctx.audit, [row])[0]!.expectedCopay ?? null) : null;
  }
}
