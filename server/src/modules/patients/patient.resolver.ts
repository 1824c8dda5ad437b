import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Info, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requirePrincipal } from '../../graphql/auth.js';
import { Connection, pageRequest } from '../../graphql/pagination.js';
import { accessText, PATIENT_READERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { treeSelectionOf } from '../../graphql/compile/tree-selection-of.js';
import { selects } from '../../graphql/selection.js';
import { todayIn } from '../../lib/dates.js';
import { DeactivatePatientInput, PatientSearchInput, RegisterPatientInput, UpdatePatientInput } from './patient.inputs.js';
import * as service from './patient.service.js';
import { Patient } from './patient.type.js';

export const PatientConnection = Connection('Patient', Patient);

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size going forward (1–200, default 50).' }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => Int, { nullable: true, description: 'Page size going backward (1–200).' }) last?: number | null;
  @Field(() => String, { nullable: true }) before?: string | null;
}

@ObjectType()
class RegisterPatientPayload {
  @Field(() => Patient, { nullable: true, description: 'The new patient; null when likely duplicates need review.' })
  patient!: Patient | null;
  @Field(() => [Patient], {
    description: 'Patients with a similar name and the same date of birth. When non-empty and not confirmed, nothing was registered: review them, then retry with confirmNotDuplicate.',
  })
  likelyDuplicates!: Patient[];
}

@ObjectType()
class PatientPayload {
  @Field(() => Patient) patient!: Patient;
}

// The latest calendar date anywhere on Earth: a DOB entered "today" somewhere is never "in the future".
const today = () => todayIn('Pacific/Kiritimati');

@Resolver(() => Patient)
export class PatientResolver {
  @Authorized(PATIENT_READERS)
  @Query(() => Patient, { description: `One patient of your practice. ${accessText(PATIENT_READERS)}` })
  async patient(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Patient> {
    return service.presentPatient(ctx.audit, id, await ctx.loaders.patient.load(id));
  }

  @Authorized(PATIENT_READERS)
  @Query(() => PatientConnection, { description: `Search patients of your practice. ${accessText(PATIENT_READERS)}` })
  patients(@Args(() => PageArgs) page: PageArgs, @Arg('search', () => PatientSearchInput, { nullable: true }) search: PatientSearchInput | null, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const want = { rows: selects(info, 'edges') || selects(info, 'pageInfo'), count: selects(info, 'totalCount') };
    return service.searchPatients(ctx.db, requirePrincipal(ctx), ctx.audit, search, pageRequest(page), want, treeSelectionOf(info, 'edges', 'node'));
  }

  @Authorized(Role.FRONT_DESK, Role.PRACTICE_ADMIN)
  @Mutation(() => RegisterPatientPayload, { description: 'Register a new patient. Roles: FRONT_DESK, PRACTICE_ADMIN.' })
  registerPatient(@Arg('input', () => RegisterPatientInput) input: RegisterPatientInput, @Ctx() ctx: Context) {
    return service.registerPatient(ctx.db, requirePrincipal(ctx), ctx.audit, input, today());
  }

  @Authorized(Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN)
  @Mutation(() => PatientPayload, { description: 'Update a patient at a known version. Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.' })
  async updatePatient(@Arg('input', () => UpdatePatientInput) input: UpdatePatientInput, @Ctx() ctx: Context) {
    const patient = await service.updatePatient(ctx.db, requirePrincipal(ctx), ctx.audit, input, today());
    ctx.loaders.patient.clear(patient.id);
    return { patient };
  }

  @Authorized(Role.FRONT_DESK, Role.PRACTICE_ADMIN)
  @Mutation(() => PatientPayload, { description: 'Mark a patient inactive; records are never deleted. Roles: FRONT_DESK, PRACTICE_ADMIN.' })
  async deactivatePatient(@Arg('input', () => DeactivatePatientInput) input: DeactivatePatientInput, @Ctx() ctx: Context) {
    const patient = await service.deactivatePatient(ctx.db, requirePrincipal(ctx), ctx.audit, input.id, input.expectedVersion);
    ctx.loaders.patient.clear(patient.id);
    return { patient };
  }
}
