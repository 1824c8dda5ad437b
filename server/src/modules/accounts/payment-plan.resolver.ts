import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { Patient } from '../patients/patient.type.js';
import { practiceToday } from '../ledger/ledger-post.service.js';
import { STATEMENT_READERS, STATEMENT_WRITERS } from './accounts.roles.js';
import { CancelPaymentPlanInput, CreatePaymentPlanInput } from './payment-plan.inputs.js';
import { toPlan } from './payment-plan.mapper.js';
import { findPlans } from './payment-plan.repo.js';
import { cancelPaymentPlan, createPaymentPlan, plansWithMissedInstallments } from './payment-plan.service.js';
import { PaymentPlan, PaymentPlanPayload } from './payment-plan.type.js';

const READERS = accessText(STATEMENT_READERS);
const WRITERS = accessText(STATEMENT_WRITERS);

@Resolver(() => PaymentPlan)
export class PaymentPlanResolver {
  @Authorized(...STATEMENT_READERS)
  @Query(() => PaymentPlan, { description: `One payment plan with its schedule as of today (audited read). ${READERS}` })
  async paymentPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PaymentPlan> {
    const { practiceId } = requirePrincipal(ctx);
    const [[row], today] = await Promise.all([findPlans(ctx.db, practiceId, { ids: [id] }), practiceToday(ctx.db, practiceId)]);
    if (!row) throw notFound('PaymentPlan', id);
    ctx.audit.read('PaymentPlan', row.id, row.patientId);
    return toPlan(row, today);
  }

  @Authorized(...STATEMENT_READERS)
  @Query(() => [PaymentPlan], { description: `Active payment plans with an installment past due and not covered on asOf (today by default), the oldest missed first (audited reads). ${READERS}` })
  paymentPlansWithMissedInstallments(@Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | null, @Ctx() ctx: Context): Promise<PaymentPlan[]> {
    return plansWithMissedInstallments(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, asOf ?? null);
  }

  @Authorized(...STATEMENT_WRITERS)
  @Mutation(() => PaymentPlanPayload, { description: `Set up a payment plan over part of a patient's balance (monthly installments; one active plan per patient); retry-safe with idempotencyKey. Payments recorded with its id count toward it. ${WRITERS}` })
  async createPaymentPlan(@Arg('input', () => CreatePaymentPlanInput) input: CreatePaymentPlanInput, @Ctx() ctx: Context): Promise<PaymentPlanPayload> {
    return createPaymentPlan(ctx.db, requirePrincipal(ctx), ctx.audit, input);
  }

  @Authorized(...STATEMENT_WRITERS)
  @Mutation(() => PaymentPlan, { description: `Cancel an active payment plan: what was not paid toward it is an ordinary balance again. ${WRITERS}` })
  cancelPaymentPlan(@Arg('input', () => CancelPaymentPlanInput) input: CancelPaymentPlanInput, @Ctx() ctx: Context): Promise<PaymentPlan> {
    return cancelPaymentPlan(ctx.db, requirePrincipal(ctx), ctx.audit, input);
  }
}

/** Patient.paymentPlans lives here: the patients module knows nothing of payment plans. */
@Resolver(() => Patient)
export class PatientPaymentPlansResolver {
  @Authorized(...STATEMENT_READERS)
  @FieldResolver(() => [PaymentPlan], { description: `The patient's payment plans, newest first, with schedules as of today (audited reads). ${READERS}` })
  async paymentPlans(@Root() p: Patient, @Ctx() ctx: Context): Promise<PaymentPlan[]> {
    const plans = await ctx.loaders.patientPaymentPlans.load(p.id);
    for (const plan of plans) ctx.audit.read('PaymentPlan', plan.id, plan.patientId);
    return plans;
  }
}
