import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { todayIn } from '../../lib/dates.js';
import { Appointment } from '../scheduling/appointment.type.js';
import { createIntakeForm, listIntakeForms, reviseIntakeForm } from './intake-form.service.js';
import { sendIntakeForm } from './intake-link.service.js';
import { findIntakeSubmission, intakeStatusOf, listIntakeSubmissions, reviewIntake } from './intake-review.service.js';
import { CreateIntakeFormInput, ReviewIntakeInput, ReviseIntakeFormInput, SendIntakeFormInput } from './intake.inputs.js';
import { INTAKE_AUTHORS, INTAKE_READERS, INTAKE_REVIEWERS, INTAKE_SENDERS } from './intake.roles.js';
import { AppointmentIntake, IntakeForm, IntakeSubmission, SendIntakeFormPayload } from './intake.type.js';

const READ = accessText(INTAKE_READERS);

@Resolver(() => IntakeForm)
export class IntakeResolver {
  @Authorized(INTAKE_READERS)
  @Query(() => [IntakeForm], { description: `The practice's intake forms with their current versions, by name. ${READ}` })
  intakeForms(@Ctx() ctx: Context): Promise<IntakeForm[]> {
    return listIntakeForms(ctx.db, requirePrincipal(ctx));
  }

  @Authorized(INTAKE_AUTHORS)
  @Mutation(() => IntakeForm, { description: `Define an intake form (version 1): questions with types, required flags and sections. ${accessText(INTAKE_AUTHORS)}` })
  createIntakeForm(@Arg('input', () => CreateIntakeFormInput) input: CreateIntakeFormInput, @Ctx() ctx: Context): Promise<IntakeForm> {
    return createIntakeForm(ctx.db, requirePrincipal(ctx), ctx.audit, input);
  }

  @Authorized(INTAKE_AUTHORS)
  @Mutation(() => IntakeForm, { description: `Add a new version of a form; links sent and answers submitted keep theirs. ${accessText(INTAKE_AUTHORS)}` })
  reviseIntakeForm(@Arg('input', () => ReviseIntakeFormInput) input: ReviseIntakeFormInput, @Ctx() ctx: Context): Promise<IntakeForm> {
    return reviseIntakeForm(ctx.db, requirePrincipal(ctx), ctx.audit, input);
  }

  @Authorized(INTAKE_SENDERS)
  @Mutation(() => SendIntakeFormPayload, { description: `Send a form for an appointment: a secret, expiring, single-use link for its patient to answer the form's current version without a staff login (GET/POST /intake/<token>). ${accessText(INTAKE_SENDERS)}` })
  sendIntakeForm(@Arg('input', () => SendIntakeFormInput) input: SendIntakeFormInput, @Ctx() ctx: Context): Promise<SendIntakeFormPayload> {
    return sendIntakeForm(ctx.db, requirePrincipal(ctx), ctx.audit, input);
  }

  @Authorized(INTAKE_READERS)
  @Query(() => IntakeSubmission, { description: `One patient's submitted answers (audited). ${READ}` })
  intakeSubmission(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<IntakeSubmission> {
    return findIntakeSubmission(ctx.db, requirePrincipal(ctx), ctx.audit, id);
  }

  @Authorized(INTAKE_READERS)
  @Query(() => [IntakeSubmission], { description: `An appointment's submitted answers, newest first (audited). ${READ}` })
  intakeSubmissions(@Arg('appointmentId', () => ID) appointmentId: string, @Ctx() ctx: Context): Promise<IntakeSubmission[]> {
    return listIntakeSubmissions(ctx.db, requirePrincipal(ctx), ctx.audit, appointmentId);
  }

  @Authorized(INTAKE_REVIEWERS)
  @Mutation(() => IntakeSubmission, { description: `Review submitted answers (once), optionally updating the patient's demographics (patient service) and primary coverage (coverage service; FRONT_DESK or PRACTICE_ADMIN only) from them, versioned and audited, in one transaction. ${accessText(INTAKE_REVIEWERS)}` })
  async reviewIntake(@Arg('input', () => ReviewIntakeInput) input: ReviewIntakeInput, @Ctx() ctx: Context): Promise<IntakeSubmission> {
    const result = await reviewIntake(ctx.db, requirePrincipal(ctx), ctx.audit, input, todayIn('Pacific/Kiritimati'));
    ctx.loaders.patient.clearAll();
    ctx.loaders.appointmentIntake.clearAll();
    return result;
  }
}

/** Appointment.intake lives here: the scheduling module knows nothing of intake. */
@Resolver(() => Appointment)
export class AppointmentIntakeResolver {
  @Authorized(INTAKE_READERS)
  @FieldResolver(() => AppointmentIntake, { description: `Where the appointment's intake stands, for check-in (one batched query per request). ${READ}` })
  async intake(@Root() a: Appointment, @Ctx() ctx: Context): Promise<AppointmentIntake> {
    return intakeStatusOf(await ctx.loaders.appointmentIntake.load(a.id));
  }
}
