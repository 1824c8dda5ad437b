import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { toDocument } from '../documents/document.service.js';
import { Document } from '../documents/document.type.js';
import { presentPatient } from '../patients/patient.service.js';
import { Patient } from '../patients/patient.type.js';
import { releaseCoverSheet } from './release-cover-sheet.service.js';
import { ReleaseStatus } from './release-status.js';
import { listDisclosures, listReleaseRequests, presentFoundRelease } from './release-read.service.js';
import { ApproveReleaseRequestInput, CreateReleaseRequestInput, DenyReleaseRequestInput, SendReleaseRequestInput } from './release.inputs.js';
import { toDisclosedDocument, toReleaseChange } from './release.mapper.js';
import { RELEASE_APPROVERS, RELEASE_CLERKS, RELEASE_READERS } from './release.roles.js';
import { approveReleaseRequest, createReleaseRequest, denyReleaseRequest, sendReleaseRequest } from './release.service.js';
import { DisclosedDocument, Disclosure, ReleaseCoverSheet, ReleaseRequest, ReleaseStatusChange } from './release.type.js';

const READ = accessText(RELEASE_READERS);

@ObjectType({ description: 'The request recorded, or the one an earlier call with the same idempotency key recorded.' })
export class CreateReleaseRequestPayload {
  @Field(() => ReleaseRequest) request!: ReleaseRequest;
  @Field(() => Boolean, { description: 'True when this call replayed an earlier one with the same key.' }) replayed!: boolean;
}

@ObjectType({ description: 'A release request after a status change.' })
export class ReleaseRequestPayload {
  @Field(() => ReleaseRequest) request!: ReleaseRequest;
}

@Resolver(() => ReleaseRequest)
export class ReleaseRequestResolver {
  @Authorized(RELEASE_READERS)
  @Query(() => ReleaseRequest, { description: `One release-of-information request of your practice (audited). ${READ}` })
  async releaseRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReleaseRequest> {
    return presentFoundRelease(ctx.audit, id, await ctx.loaders.releaseRequest.load(id));
  }

  @Authorized(RELEASE_READERS)
  @Query(() => ReleaseCoverSheet, { description: `The cover sheet of a SENT release as a PDF (requester, purpose, patient, authorization reference, date, and exactly the released versions); audited as an export. A request not sent yet is BAD_USER_INPUT. ${READ}` })
  releaseCoverSheet(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReleaseCoverSheet> {
    return releaseCoverSheet(ctx.db, requirePrincipal(ctx), ctx.loaders, ctx.audit, id);
  }

  @Authorized(RELEASE_READERS)
  @Query(() => [ReleaseRequest], { description: `A patient's release-of-information requests, newest first, optionally of some statuses (audited). ${READ}` })
  releaseRequests(@Arg('patientId', () => ID) patientId: string, @Arg('statuses', () => [ReleaseStatus], { nullable: true }) statuses: ReleaseStatus[] | null, @Ctx() ctx: Context): Promise<ReleaseRequest[]> {
    return listReleaseRequests(ctx.db, requirePrincipal(ctx), ctx.audit, patientId, statuses ?? null);
  }

  @Authorized(RELEASE_READERS)
  @Query(() => [Disclosure], { description: `A patient's accounting of disclosures (HIPAA §164.528): every release sent — date, recipient, purpose and exactly the document versions released — newest first; since a moment when given (a patient may ask for up to six years). A fixed number of statements; audited. ${READ}` })
  disclosures(@Arg('patientId', () => ID) patientId: string, @Arg('since', () => DateTimeScalar, { nullable: true }) since: Date | null, @Ctx() ctx: Context): Promise<Disclosure[]> {
    return listDisclosures(ctx.db, requirePrincipal(ctx), ctx.audit, patientId, since ?? null);
  }

  @Authorized(RELEASE_CLERKS)
  @Mutation(() => CreateReleaseRequestPayload, { description: `Record a release-of-information request (REQUESTED): requester, purpose, which records, and the patient's signed authorization (a CONSENT document) with its last valid day. ${accessText(RELEASE_CLERKS)}` })
  async createReleaseRequest(@Arg('input', () => CreateReleaseRequestInput) input: CreateReleaseRequestInput, @Ctx() ctx: Context): Promise<CreateReleaseRequestPayload> {
    return this.cleared(ctx, await createReleaseRequest(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(RELEASE_APPROVERS)
  @Mutation(() => ReleaseRequestPayload, { description: `Approve a REQUESTED release. ${accessText(RELEASE_APPROVERS)}` })
  async approveReleaseRequest(@Arg('input', () => ApproveReleaseRequestInput) input: ApproveReleaseRequestInput, @Ctx() ctx: Context): Promise<ReleaseRequestPayload> {
    return this.cleared(ctx, { request: await approveReleaseRequest(ctx.db, requirePrincipal(ctx), ctx.audit, input) });
  }

  @Authorized(RELEASE_APPROVERS)
  @Mutation(() => ReleaseRequestPayload, { description: `Deny a REQUESTED release, with the reason. ${accessText(RELEASE_APPROVERS)}` })
  async denyReleaseRequest(@Arg('input', () => DenyReleaseRequestInput) input: DenyReleaseRequestInput, @Ctx() ctx: Context): Promise<ReleaseRequestPayload> {
    return this.cleared(ctx, { request: await denyReleaseRequest(ctx.db, requirePrincipal(ctx), ctx.audit, input) });
  }

  @Authorized(RELEASE_CLERKS)
  @Mutation(() => ReleaseRequestPayload, { description: `Record that an APPROVED release was sent: the package (exactly which document versions) is fixed and becomes a disclosure. Refused after the authorization's last day or when the authorization or a chosen version is entered in error. ${accessText(RELEASE_CLERKS)}` })
  async sendReleaseRequest(@Arg('input', () => SendReleaseRequestInput) input: SendReleaseRequestInput, @Ctx() ctx: Context): Promise<ReleaseRequestPayload> {
    return this.cleared(ctx, { request: await sendReleaseRequest(ctx.db, requirePrincipal(ctx), ctx.audit, input) });
  }

  @FieldResolver(() => [ReleaseStatusChange], { description: 'Every status change: who, when, why; oldest first.' })
  async history(@Root() r: ReleaseRequest, @Ctx() ctx: Context): Promise<ReleaseStatusChange[]> {
    return (await ctx.loaders.releaseHistory.load(r.id)).map(toReleaseChange);
  }

  @FieldResolver(() => [DisclosedDocument], { description: 'Once SENT: exactly the document versions released (empty before).' })
  async released(@Root() r: ReleaseRequest, @Ctx() ctx: Context): Promise<DisclosedDocument[]> {
    return (await ctx.loaders.releasePackage.load(r.id)).map(toDisclosedDocument);
  }

  @Authorized(RELEASE_READERS)
  @FieldResolver(() => Document, { nullable: true, description: `The signed authorization (one batched query per request; audited). ${READ}` })
  async authorizationDocument(@Root() r: ReleaseRequest, @Ctx() ctx: Context): Promise<Document | null> {
    const row = await ctx.loaders.documentVersion.load(r.authorizationDocumentId);
    if (!row) return null;
    ctx.audit.read('Document', row.id, row.patientId);
    return toDocument(row);
  }

  @Authorized(RELEASE_READERS)
  @FieldResolver(() => Patient, { description: `The patient (one batched query per request). ${READ}` })
  async patient(@Root() r: ReleaseRequest, @Ctx() ctx: Context): Promise<Patient> {
    return presentPatient(ctx.audit, r.patientId, await ctx.loaders.patient.load(r.patientId));
  }

  private cleared<T>(ctx: Context, payload: T): T {
    ctx.loaders.releaseRequest.clearAll();
    ctx.loaders.releaseHistory.clearAll();
    ctx.loaders.releasePackage.clearAll();
    return payload;
  }
}
