import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { accessText, SCHEDULE_READERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { CreateAppointmentTypeInput, UpdateAppointmentTypeInput } from './appointment-type.inputs.js';
import { listAppointmentTypes } from './appointment-type.repo.js';
import * as service from './appointment-type.service.js';
import { AppointmentType, toAppointmentType } from './appointment-type.type.js';

export { SCHEDULE_READERS };

@ObjectType()
class AppointmentTypePayload {
  @Field(() => AppointmentType) appointmentType!: AppointmentType;
}

@Resolver(() => AppointmentType)
export class AppointmentTypeResolver {
  @Authorized(SCHEDULE_READERS)
  @Query(() => [AppointmentType], { description: `The practice's appointment types by name (a short configuration list, not paged). ${accessText(SCHEDULE_READERS)}` })
  async appointmentTypes(@Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean, @Ctx() ctx: Context): Promise<AppointmentType[]> {
    return (await listAppointmentTypes(ctx.db, requirePrincipal(ctx).practiceId, includeInactive)).map(toAppointmentType);
  }

  @Authorized(SCHEDULE_READERS)
  @Query(() => AppointmentType, { description: `One appointment type. ${accessText(SCHEDULE_READERS)}` })
  async appointmentType(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AppointmentType> {
    const row = await ctx.loaders.appointmentType.load(id);
    if (!row) throw notFound('AppointmentType', id);
    return toAppointmentType(row);
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => AppointmentTypePayload, { description: 'Adds an appointment type. Roles: PRACTICE_ADMIN.' })
  async createAppointmentType(@Arg('input', () => CreateAppointmentTypeInput) input: CreateAppointmentTypeInput, @Ctx() ctx: Context): Promise<AppointmentTypePayload> {
    return { appointmentType: await service.createAppointmentType(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => AppointmentTypePayload, { description: 'Changes or retires (active=false) an appointment type. Roles: PRACTICE_ADMIN.' })
  async updateAppointmentType(@Arg('input', () => UpdateAppointmentTypeInput) input: UpdateAppointmentTypeInput, @Ctx() ctx: Context): Promise<AppointmentTypePayload> {
    return { appointmentType: await service.updateAppointmentType(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }
}
