import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { accessText, SCHEDULE_READERS } from '../../graphql/access.js';
import { Modality } from './appointment-type.type.js';
import { availableSlots } from './slot.service.js';
import { AvailableSlot } from './slot.type.js';

@Resolver()
export class SlotResolver {
  @Authorized(SCHEDULE_READERS)
  @Query(() => [AvailableSlot], {
    description: `Bookable slots in [from, to) (at most 62 days) for one provider or every provider at the location, ordered by start. Slots start every 15 minutes (or every duration, if shorter) from the start of each open window, in the location's time zone. ${accessText(SCHEDULE_READERS)}`,
  })
  async availableSlots(
    @Arg('appointmentTypeId', () => ID) appointmentTypeId: string,
    @Arg('locationId', () => ID) locationId: string,
    @Arg('from', () => DateTimeScalar) from: Date,
    @Arg('to', () => DateTimeScalar) to: Date,
    @Arg('providerId', () => ID, { nullable: true }) providerId: string | null,
    @Arg('modality', () => Modality, { nullable: true }) modality: Modality | null,
    @Ctx() ctx: Context,
  ): Promise<AvailableSlot[]> {
    return availableSlots(ctx.db, requirePrincipal(ctx), { appointmentTypeId, locationId, from, to, providerId, modality }, new Date());
  }
}
