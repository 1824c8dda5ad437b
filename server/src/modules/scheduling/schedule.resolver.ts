import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, ID, Info, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Connection, pageRequest } from '../../graphql/pagination.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { selectionAt, selectionOf } from '../../graphql/selection.js';
import { treeSelectionOf } from '../../graphql/compile/tree-selection-of.js';
import { PageArgs } from '../patients/patient.resolver.js';
import { accessText, STAFF_PHI } from '../../graphql/access.js';
import { APPOINTMENT_READERS } from './appointment.resolver.js';
import { Appointment } from './appointment.type.js';
import * as service from './schedule.service.js';

export const AppointmentConnection = Connection('Appointment', Appointment);

@ObjectType({ description: 'A checked-in patient waiting to be roomed.' })
class WaitingRoomEntry {
  @Field(() => Appointment) appointment!: Appointment;
  @Field(() => Int, { description: 'Whole minutes since arrival.' }) waitingMinutes!: number;
}

@Resolver()
export class ScheduleResolver {
  @Authorized(APPOINTMENT_READERS)
  @Query(() => AppointmentConnection, {
    description: `The front desk's day view: a location's appointments on a date of the location's time zone, by start time, with patient, provider and type in one SQL statement. Default page 200. ${accessText(APPOINTMENT_READERS)}`,
  })
  schedule(
    @Arg('locationId', () => ID) locationId: string,
    @Arg('date', () => LocalDateScalar) date: string,
    @Arg('providerIds', () => [ID], { nullable: true }) providerIds: string[] | null,
    @Arg('includeInactive', () => Boolean, { defaultValue: false, description: 'Also cancelled, no-show and entered-in-error appointments.' }) includeInactive: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const node = selectionAt(selectionOf(info), 'edges', 'node');
    return service.daySchedule(ctx.db, requirePrincipal(ctx), ctx.audit, { locationId, date, providerIds, includeInactive }, node, pageRequest(page, 200), treeSelectionOf(info, 'edges', 'node'));
  }

  @Authorized(STAFF_PHI)
  @Query(() => [WaitingRoomEntry], { description: `Patients checked in at a location and not yet roomed, longest-waiting first (at most 200). ${accessText(STAFF_PHI)}` })
  waitingRoom(@Arg('locationId', () => ID) locationId: string, @Ctx() ctx: Context): Promise<WaitingRoomEntry[]> {
    return service.waitingRoom(ctx.db, requirePrincipal(ctx), ctx.audit, locationId, new Date());
  }
}
