import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { accessText, PATIENT_READERS, STAFF_PHI } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { pageRequest } from '../../graphql/pagination.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { presentPatient } from '../patients/patient.service.js';
import { Patient } from '../patients/patient.type.js';
import { toTask } from '../tasks/task.mapper.js';
import { Task } from '../tasks/task.type.js';
import { createOverdueReferralTasks } from './referral-overdue.service.js';
import { receiveReferral } from './referral-incoming.service.js';
import { referralLetter } from './referral-letter.service.js';
import { checkDays, findReferral, listReferrals } from './referral-read.service.js';
import { CreateReferralInput, MoveReferralInput, ReceiveReferralInput, ReferralFilter, UpdateReferralAuthorizationInput } from './referral.inputs.js';
import { toExternalProvider, toReferralHistoryEntry } from './referral.mapper.js';
import { REFERRAL_WRITERS } from './referral.roles.js';
import * as service from './referral.service.js';
import { ExternalProvider, Referral, ReferralConnection, ReferralHistoryEntry, ReferralLetter } from './referral.type.js';

@ObjectType()
class ReferralPayload {
  @Field(() => Referral) referral!: Referral;
}

@ObjectType()
class ReceiveReferralPayload {
  @Field(() => Referral, { nullable: true, description: 'The referral; null when likely duplicates of the new patient need review (nothing was stored).' }) referral!: Referral | null;
  @Field(() => [Patient], { description: 'Patients with a similar name and the same date of birth. Review them, then retry with newPatient.confirmNotDuplicate or with patientId.' }) likelyDuplicates!: Patient[];
}

@ObjectType()
class OverdueTasksPayload {
  @Field(() => Int, { description: 'Tasks created by this run (overdue items that already had their task create none).' }) created!: number;
}

const page = (ctx: Context, args: RelayPageArgs, info: GraphQLResolveInfo) => ({ db: ctx.db, principal: requirePrincipal(ctx), audit: ctx.audit, page: pageRequest(args), count: selects(info, 'totalCount') });

@Resolver(() => Referral)
export class ReferralResolver {
  @Authorized(STAFF_PHI)
  @Query(() => Referral, { description: `One referral. Another practice's is NOT_FOUND. ${accessText(STAFF_PHI)}` })
  referral(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Referral> {
    return findReferral(ctx.db, requirePrincipal(ctx), ctx.audit, id);
  }

  @Authorized(STAFF_PHI)
  @Query(() => ReferralConnection, { description: `Referrals, oldest first. ${accessText(STAFF_PHI)}` })
  referrals(@Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null, @Args(() => RelayPageArgs) args: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const q = page(ctx, args, info);
    return listReferrals(q.db, q.principal, q.audit, (l) => l.all({ patientId: filter?.patientId ?? null, direction: filter?.direction ?? null, statuses: filter?.statuses ?? null }), q.page, q.count);
  }

  @Authorized(STAFF_PHI)
  @Query(() => ReferralConnection, { description: `Outgoing referrals SENT at least olderThanDays days ago and not yet scheduled, longest waiting first. ${accessText(STAFF_PHI)}` })
  referralsAwaitingScheduling(@Arg('olderThanDays', () => Int, { defaultValue: 0 }) days: number, @Args(() => RelayPageArgs) args: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const q = page(ctx, args, info);
    return listReferrals(q.db, q.principal, q.audit, (l) => l.awaitingScheduling(checkDays(days, 'olderThanDays')), q.page, q.count);
  }

  @Authorized(STAFF_PHI)
  @Query(() => ReferralConnection, { description: `Outgoing referrals SEEN at least seenDaysAgo days ago with no report back, longest waiting first. ${accessText(STAFF_PHI)}` })
  referralsAwaitingReport(@Arg('seenDaysAgo', () => Int, { defaultValue: 14 }) days: number, @Args(() => RelayPageArgs) args: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const q = page(ctx, args, info);
    return listReferrals(q.db, q.principal, q.audit, (l) => l.awaitingReport(checkDays(days, 'seenDaysAgo')), q.page, q.count);
  }

  @Authorized(STAFF_PHI)
  @Query(() => ReferralConnection, { description: `Open referrals whose authorization ends within withinDays days (or has ended) or has at most visitsLeftAtMost visits left, soonest ending first. ${accessText(STAFF_PHI)}` })
  referralAuthorizationsExpiring(@Arg('withinDays', () => Int, { defaultValue: 30 }) days: number, @Arg('visitsLeftAtMost', () => Int, { defaultValue: 1 }) visits: number, @Args(() => RelayPageArgs) args: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const q = page(ctx, args, info);
    return listReferrals(q.db, q.principal, q.audit, (l) => l.authorizationsExpiring(checkDays(days, 'withinDays'), checkDays(visits, 'visitsLeftAtMost')), q.page, q.count);
  }

  @Authorized(STAFF_PHI)
  @Query(() => ReferralLetter, { description: `The referral letter of an outgoing referral as a PDF (for faxing); audited as an export. ${accessText(STAFF_PHI)}` })
  referralLetter(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReferralLetter> {
    return referralLetter(ctx.db, requirePrincipal(ctx), ctx.loaders, ctx.audit, id);
  }

  @Authorized(REFERRAL_WRITERS)
  @Mutation(() => ReferralPayload, { description: `Start an outgoing referral (DRAFT). ${accessText(REFERRAL_WRITERS)}` })
  async createReferral(@Arg('input', () => CreateReferralInput) input: CreateReferralInput, @Ctx() ctx: Context): Promise<ReferralPayload> {
    return { referral: await service.createReferral(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(REFERRAL_WRITERS)
  @Mutation(() => ReferralPayload, { description: `Record the payer's authorization (number, visits, validity) of an open referral. ${accessText(REFERRAL_WRITERS)}` })
  async updateReferralAuthorization(@Arg('input', () => UpdateReferralAuthorizationInput) input: UpdateReferralAuthorizationInput, @Ctx() ctx: Context): Promise<ReferralPayload> {
    return { referral: await service.updateReferralAuthorization(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(REFERRAL_WRITERS)
  @Mutation(() => ReferralPayload, { description: `Move a referral to its next status (send, schedule, seen, report received, close, decline, cancel). ${accessText(REFERRAL_WRITERS)}` })
  async moveReferral(@Arg('input', () => MoveReferralInput) input: MoveReferralInput, @Ctx() ctx: Context): Promise<ReferralPayload> {
    return { referral: await service.moveReferral(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(REFERRAL_WRITERS)
  @Mutation(() => ReceiveReferralPayload, { description: `Record a referral received from outside: the patient (matched or registered with the duplicate check), a booking request on the waitlist and a FRONT_DESK task to book it. ${accessText(REFERRAL_WRITERS)}` })
  receiveReferral(@Arg('input', () => ReceiveReferralInput) input: ReceiveReferralInput, @Ctx() ctx: Context): Promise<ReceiveReferralPayload> {
    return receiveReferral({ db: ctx.db, principal: requirePrincipal(ctx), audit: ctx.audit }, input);
  }

  @Authorized(REFERRAL_WRITERS)
  @Mutation(() => OverdueTasksPayload, { description: `Create the FRONT_DESK task of each overdue referral (sent 14 days ago and not scheduled; seen 14 days ago without a report), once per referral and reason; the server also runs this periodically. ${accessText(REFERRAL_WRITERS)}` })
  async createOverdueReferralTasks(@Ctx() ctx: Context): Promise<OverdueTasksPayload> {
    const principal = requirePrincipal(ctx);
    return { created: await createOverdueReferralTasks(ctx.db, principal.practiceId, principal.userId) };
  }

  @Authorized(PATIENT_READERS)
  @FieldResolver(() => Patient, { description: `The patient (one batched query per request). Same rule as Query.patient: ${accessText(PATIENT_READERS)}` })
  async patient(@Root() r: Referral, @Ctx() ctx: Context): Promise<Patient> {
    return presentPatient(ctx.audit, r.patientId, await ctx.loaders.patient.load(r.patientId));
  }

  @FieldResolver(() => ExternalProvider, { description: 'The specialist (OUTGOING) or the referring outside provider (INCOMING).' })
  async externalProvider(@Root() r: Referral, @Ctx() ctx: Context): Promise<ExternalProvider> {
    return toExternalProvider((await ctx.loaders.externalProvider.load(r.externalProviderId))!);
  }

  @FieldResolver(() => [ReferralHistoryEntry], { description: 'Every status change, oldest first: who and when.' })
  async history(@Root() r: Referral, @Ctx() ctx: Context): Promise<ReferralHistoryEntry[]> {
    return (await ctx.loaders.referralHistory.load(r.id)).map(toReferralHistoryEntry);
  }

  @FieldResolver(() => [Task], { description: 'The tasks about this referral (to book it, overdue follow-ups…), oldest first.' })
  async tasks(@Root() r: Referral, @Ctx() ctx: Context): Promise<Task[]> {
    const rows = await ctx.loaders.tasksAboutReferral.load(r.id);
    for (const t of rows) ctx.audit.read('Task', t.id, t.patientId);
    return rows.map(toTask);
  }
}
