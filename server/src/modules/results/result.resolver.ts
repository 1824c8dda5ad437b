import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accessText, PATIENT_READERS } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { pageRequest } from '../../graphql/pagination.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { presentPatient } from '../patients/patient.service.js';
import { Patient } from '../patients/patient.type.js';
import { receiveLabMessage } from './lab-message.receive.js';
import { findResult, listPatientResults, listUnmatched } from './result-read.service.js';
import { MatchResultInput, ReceiveLabMessageInput, ResultVersionInput } from './result.inputs.js';
import { toLabObservation, toLabResult, toResultNotice } from './result.mapper.js';
import { RESULT_NOTICE_READERS, RESULT_READERS, RESULT_REVIEWERS } from './result.roles.js';
import { matchResult, releaseResult, reviewResult } from './result.service.js';
import { LabObservation, LabResult, LabResultConnection, ReceiveLabMessagePayload, ResultNoticeConnection } from './result.type.js';

@Resolver(() => LabResult)
export class LabResultResolver {
  @Authorized(RESULT_READERS)
  @Query(() => LabResult, { description: `One lab result version with its values. Another practice's is NOT_FOUND. Audited. ${accessText(RESULT_READERS)}` })
  async labResult(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<LabResult> {
    return toLabResult(await findResult(ctx.db, requirePrincipal(ctx), ctx.audit, id));
  }

  @Authorized(RESULT_READERS)
  @Query(() => LabResultConnection, { description: `A patient's lab results, newest first (received, then revision): current versions, or every version with includeHistory. Relay keyset paging; totalCount costs one more statement. Audited. ${accessText(RESULT_READERS)}` })
  labResults(
    @Arg('patientId', () => ID) patientId: string,
    @Arg('includeHistory', () => Boolean, { defaultValue: false }) includeHistory: boolean,
    @Args(() => RelayPageArgs) page: RelayPageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listPatientResults(ctx.db, requirePrincipal(ctx), ctx.audit, patientId, includeHistory, pageRequest(page), selects(info, 'totalCount'), toLabResult);
  }

  @Authorized(RESULT_READERS)
  @Query(() => LabResultConnection, { description: `The work queue of results no patient matched (never dropped), oldest first; match them with matchResult. Relay keyset paging. Audited. ${accessText(RESULT_READERS)}` })
  unmatchedResults(@Args(() => RelayPageArgs) page: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listUnmatched(ctx.db, requirePrincipal(ctx), ctx.audit, pageRequest(page), selects(info, 'totalCount'), toLabResult);
  }

  @Authorized(RESULT_NOTICE_READERS)
  @Query(() => ResultNoticeConnection, { description: `That results arrived for a patient (no values), newest first; current versions. Relay keyset paging. Audited. ${accessText(RESULT_NOTICE_READERS)}` })
  resultNotices(@Arg('patientId', () => ID) patientId: string, @Args(() => RelayPageArgs) page: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listPatientResults(ctx.db, requirePrincipal(ctx), ctx.audit, patientId, false, pageRequest(page), selects(info, 'totalCount'), toResultNotice);
  }

  @Authorized(RESULT_READERS)
  @Mutation(() => ReceiveLabMessagePayload, { description: `Upload a lab message (HL7 v2 ORU^R01 or a FHIR R4 Bundle) by hand; the lab interface posts to /results/hl7 or /results/fhir. A message whose sender and control id were seen before is stored once (duplicate: true). Malformed → BAD_USER_INPUT naming the segment and field, nothing stored. ${accessText(RESULT_READERS)}` })
  async receiveLabMessage(@Arg('input', () => ReceiveLabMessageInput) input: ReceiveLabMessageInput, @Ctx() ctx: Context): Promise<ReceiveLabMessagePayload> {
    const out = await receiveLabMessage(ctx.db, requirePrincipal(ctx), ctx.audit, input.format, input.labMessage);
    if (!out.ok) throw out.error.toAppError();
    return { messageId: out.messageId, duplicate: out.duplicate, ack: out.ack, results: out.results.map(toLabResult) };
  }

  @Authorized(RESULT_REVIEWERS)
  @Mutation(() => LabResult, { description: `Record that you reviewed a result (who, when): closes its review task and moves its order to REVIEWED. ${accessText(RESULT_REVIEWERS)}` })
  async reviewResult(@Arg('input', () => ResultVersionInput) input: ResultVersionInput, @Ctx() ctx: Context): Promise<LabResult> {
    return toLabResult(await reviewResult(ctx.db, requirePrincipal(ctx), ctx.audit, input.id, input.expectedVersion));
  }

  @Authorized(RESULT_READERS)
  @Mutation(() => LabResult, { description: `Release a reviewed result to the patient (who, when). ${accessText(RESULT_READERS)}` })
  async releaseResult(@Arg('input', () => ResultVersionInput) input: ResultVersionInput, @Ctx() ctx: Context): Promise<LabResult> {
    return toLabResult(await releaseResult(ctx.db, requirePrincipal(ctx), ctx.audit, input.id, input.expectedVersion));
  }

  @Authorized(RESULT_READERS)
  @Mutation(() => LabResult, { description: `Match a result from the unmatched queue to a patient; an abnormal one then gets its review task. ${accessText(RESULT_READERS)}` })
  async matchResult(@Arg('input', () => MatchResultInput) input: MatchResultInput, @Ctx() ctx: Context): Promise<LabResult> {
    return toLabResult(await matchResult(ctx.db, requirePrincipal(ctx), ctx.audit, input.id, input.patientId, input.expectedVersion));
  }

  @Authorized(RESULT_READERS)
  @FieldResolver(() => [LabObservation], { description: `The observations, in the lab's order (one batched query per request). ${accessText(RESULT_READERS)}` })
  async observations(@Root() r: LabResult, @Ctx() ctx: Context): Promise<LabObservation[]> {
    return (await ctx.loaders.resultObservations.load(r.id)).map(toLabObservation);
  }

  @Authorized(PATIENT_READERS)
  @FieldResolver(() => Patient, { nullable: true, description: `The matched patient (null while unmatched; one batched query per request). Same rule as Query.patient: ${accessText(PATIENT_READERS)}` })
  async patient(@Root() r: LabResult, @Ctx() ctx: Context): Promise<Patient | null> {
    return r.patientId ? presentPatient(ctx.audit, r.patientId, await ctx.loaders.patient.load(r.patientId)) : null;
  }
}
