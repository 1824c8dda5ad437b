import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { pageRequest } from '../../graphql/pagination.js';
import { accessText, PATIENT_READERS, STAFF_PHI } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { presentPatient } from '../patients/patient.service.js';
import { Patient } from '../patients/patient.type.js';
import { CreateRecallInput, UpdateRecallStatusInput } from './recall.inputs.js';
import * as service from './recall.service.js';
import { Recall, RecallConnection, RecallStatus } from './recall.type.js';

@ObjectType()
class RecallPayload {
  @Field(() => Recall) recall!: Recall;
}

const WRITERS = [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN];

@Resolver(() => Recall)
export class RecallResolver {
  @Authorized(...WRITERS)
  @Mutation(() => RecallPayload, { description: 'Create a recall ("see in 6 weeks"). Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.' })
  async createRecall(@Arg('input', () => CreateRecallInput) input: CreateRecallInput, @Ctx() ctx: Context): Promise<RecallPayload> {
    return { recall: await service.createRecall(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(...WRITERS)
  @Mutation(() => RecallPayload, { description: 'Change a recall\'s status. Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.' })
  async updateRecallStatus(@Arg('input', () => UpdateRecallStatusInput) input: UpdateRecallStatusInput, @Ctx() ctx: Context): Promise<RecallPayload> {
    return { recall: await service.updateRecallStatus(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(STAFF_PHI)
  @Query(() => RecallConnection, {
    description: `Recalls of a location due on or before a date, oldest due first (OPEN unless statuses say otherwise). ${accessText(STAFF_PHI)}`,
  })
  async recallsDue(
    @Arg('locationId', () => ID) locationId: string,
    @Arg('before', () => LocalDateScalar, { description: 'Last due date included.' }) before: string,
    @Arg('statuses', () => [RecallStatus], { nullable: true, description: 'Defaults to [OPEN].' }) statuses: RecallStatus[] | null,
    @Args(() => RelayPageArgs) page: RelayPageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return service.recallsDue(ctx.db, requirePrincipal(ctx), ctx.audit, locationId, before, statuses, pageRequest(page), selects(info, 'totalCount'));
  }

  @Authorized(PATIENT_READERS)
  @FieldResolver(() => Patient, { description: `The patient to recall (one batched query per request). Same rule as Query.patient: ${accessText(PATIENT_READERS)}` })
  async patient(@Root() recall: Recall, @Ctx() ctx: Context): Promise<Patient> {
    return presentPatient(ctx.audit, recall.patientId, await ctx.loaders.patient.load(recall.patientId));
  }
}
