import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { pageRequest } from '../../graphql/pagination.js';
import { accessText, STAFF_PHI } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { publishAppointmentChanged } from './appointment-change.publisher.js';
import * as offers from './waitlist-offer.service.js';
import { AddToWaitlistInput, CancelWaitlistEntryInput, OfferResponseInput, OfferSlotInput, SlotInput } from './waitlist.inputs.js';
import * as service from './waitlist.service.js';
import { WaitlistEntry, WaitlistMatchConnection, WaitlistOffer } from './waitlist.type.js';

@ObjectType()
class WaitlistEntryPayload {
  @Field(() => WaitlistEntry) entry!: WaitlistEntry;
}

@ObjectType()
class WaitlistOfferPayload {
  @Field(() => WaitlistOffer) offer!: WaitlistOffer;
  @Field(() => WaitlistEntry) entry!: WaitlistEntry;
}

const STAFF = [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN];

async function publishAll(ctx: Context, events: offers.OfferResult['events']) {
  for (const e of events) await publishAppointmentChanged(ctx, e);
}

@Resolver(() => WaitlistEntry)
export class WaitlistResolver {
  @Authorized(...STAFF)
  @Mutation(() => WaitlistEntryPayload, { description: 'Put a patient on the waitlist for an earlier slot. Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.' })
  async addToWaitlist(@Arg('input', () => AddToWaitlistInput) input: AddToWaitlistInput, @Ctx() ctx: Context): Promise<WaitlistEntryPayload> {
    return { entry: await service.addToWaitlist(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(...STAFF)
  @Mutation(() => WaitlistEntryPayload, { description: 'Take a waiting patient off the waitlist (decline a pending offer first). Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.' })
  async cancelWaitlistEntry(@Arg('input', () => CancelWaitlistEntryInput) input: CancelWaitlistEntryInput, @Ctx() ctx: Context): Promise<WaitlistEntryPayload> {
    return { entry: await service.cancelWaitlistEntry(ctx.db, requirePrincipal(ctx), ctx.audit, input.id, input.expectedVersion) };
  }

  @Authorized(STAFF_PHI)
  @Query(() => WaitlistMatchConnection, {
    description: `Waiting patients who could take a freed slot, in offer order (longest waiting first, then preference fit). ${accessText(STAFF_PHI)}`,
  })
  async waitlistMatches(
    @Arg('slot', () => SlotInput) slot: SlotInput,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (1–200, default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return service.waitlistMatches(ctx.db, requirePrincipal(ctx), ctx.audit, slot, pageRequest({ first, after }, 20));
  }

  @Authorized(...STAFF)
  @Mutation(() => WaitlistOfferPayload, {
    description: 'Offer a slot to a waiting patient and hold it (a HELD appointment blocks other bookings until the hold expires or is answered). SLOT_CONFLICT when taken. Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.',
  })
  async offerSlot(@Arg('input', () => OfferSlotInput) input: OfferSlotInput, @Ctx() ctx: Context): Promise<WaitlistOfferPayload> {
    const result = await offers.offerSlot(ctx.db, requirePrincipal(ctx), ctx.audit, input);
    await publishAll(ctx, result.events);
    return result;
  }

  @Authorized(...STAFF)
  @Mutation(() => WaitlistOfferPayload, { description: 'The patient takes the offered slot: the hold becomes a BOOKED appointment. Repeats are no-ops. Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.' })
  acceptOffer(@Arg('input', () => OfferResponseInput) input: OfferResponseInput, @Ctx() ctx: Context): Promise<WaitlistOfferPayload> {
    return answer(ctx, input.offerId, 'ACCEPTED');
  }

  @Authorized(...STAFF)
  @Mutation(() => WaitlistOfferPayload, { description: 'The patient passes: the slot is freed and the patient keeps waiting. Repeats are no-ops. Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.' })
  declineOffer(@Arg('input', () => OfferResponseInput) input: OfferResponseInput, @Ctx() ctx: Context): Promise<WaitlistOfferPayload> {
    return answer(ctx, input.offerId, 'DECLINED');
  }
}

async function answer(ctx: Context, offerId: string, to: 'ACCEPTED' | 'DECLINED'): Promise<WaitlistOfferPayload> {
  try {
    const result = await offers.answerOffer(ctx.db, requirePrincipal(ctx), ctx.audit, offerId, to);
    await publishAll(ctx, result.events);
    return result;
  } catch (err) {
    if (err instanceof offers.OfferRefused) await publishAll(ctx, err.events);
    throw err;
  }
}
