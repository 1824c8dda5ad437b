import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import { lockProviderAtLocation } from '../providers/provider-location.rules.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { AppointmentChangedEvent } from './appointment-change.publisher.js';
import { releaseHoldsInScope } from './hold.service.js';
import { placeOfServiceFor } from './place-of-service.js';
import { assertRefsExist } from './refs.service.js';
import { findLocation } from './refs.repo.js';
import { scheduleReminders } from './reminder.outbox.js';
import type { OfferSlotInput } from './waitlist.inputs.js';
import * as offers from './waitlist-offer.repo.js';
import * as repo from './waitlist.repo.js';
import { assertSlot, toEntry } from './waitlist.service.js';
import type { WaitlistEntry, WaitlistOffer, WaitlistOfferStatus } from './waitlist.type.js';

export interface OfferResult {
  offer: WaitlistOffer;
  entry: WaitlistEntry;
  /** Changes to publish after commit (the caller publishes: the service has no pub/sub). */
  events: AppointmentChangedEvent[];
}

const toOffer = (r: offers.WaitlistOfferRow): WaitlistOffer => ({ ...r, status: r.status as WaitlistOfferStatus });

const eventOf = (practiceId: string, a: { id: string; providerId: string; locationId: string; startsAt: Date; status: string }, kind: AppointmentChangedEvent['kind']): AppointmentChangedEvent => ({
  practiceId,
  appointmentId: a.id,
  kind,
  status: a.status,
  startsAt: a.startsAt,
  providerId: a.providerId,
  locationId: a.locationId,
});

/** BAD_USER_INPUT for an offer that can no longer be answered; `events` still need publishing (a released hold). */
export class OfferRefused extends AppError {
  constructor(reason: string, readonly events: AppointmentChangedEvent[]) {
    super('BAD_USER_INPUT', `Invalid input: input.offerId ${reason}`, { fields: [{ path: 'input.offerId', message: reason }] });
  }
}

function isExclusionViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23P01' || e?.cause?.code === '23P01';
}

/**
 * Offers a slot to a waiting patient: holds it with a HELD appointment that blocks other bookings
 * until `holdMinutes` pass or the offer is answered. Expired holds in the way are released first.
 * The provider must be active and linked to the slot's location.
 * @throws NOT_FOUND, BAD_USER_INPUT (entry not waiting, slot at another location or provider, an inactive provider
 *   or one who does not work at the location),
 *   SLOT_CONFLICT (the provider or patient is busy then)
 */
export async function offerSlot(db: Db, principal: Principal, audit: AuditTrail, input: OfferSlotInput): Promise<OfferResult> {
  assertSlot(input.slot, 'input.slot');
  const p = principal.practiceId;
  const { slot } = input;
  await assertRefsExist(db, p, { providerId: slot.providerId, locationId: slot.locationId });
  const location = (await findLocation(db, p, slot.locationId))!;
  try {
    return await db.transaction(async (tx) => {
      const locked = await repo.lockEntry(tx, p, input.waitlistEntryId);
      if (!locked) throw notFound('WaitlistEntry', input.waitlistEntryId);
      const { entry, type } = locked;
      if (entry.status !== 'WAITING') throw badInput([{ path: 'input.waitlistEntryId', message: `is ${entry.status}, not WAITING` }]);
      if (entry.locationId !== slot.locationId) throw badInput([{ path: 'input.slot.locationId', message: 'is not the location the patient waits for' }]);
      if (entry.providerId && entry.providerId !== slot.providerId) throw badInput([{ path: 'input.slot.providerId', message: 'is not the provider the patient waits for' }]);
      if (slot.endsAt.getTime() - slot.startsAt.getTime() < type.durationMinutes * 60_000) {
        throw badInput([{ path: 'input.slot.endsAt', message: `leaves less than the visit's ${type.durationMinutes} minutes` }]);
      }
      await lockProviderAtLocation(tx, p, slot.providerId, slot.locationId, { providerId: 'input.slot.providerId', locationId: 'input.slot.locationId' });
      const released = await releaseHoldsInScope(tx, audit, p, { providerId: slot.providerId, patientId: entry.patientId, startsAt: slot.startsAt, endsAt: slot.endsAt });
      const modality = type.modality === 'TELEHEALTH' ? 'TELEHEALTH' : 'IN_PERSON';
      const held = await offers.insertHeldAppointment(
        tx,
        {
          practiceId: p,
          patientId: entry.patientId,
          providerId: slot.providerId,
          locationId: slot.locationId,
          appointmentTypeId: entry.appointmentTypeId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          modality,
          placeOfServiceCode: placeOfServiceFor(modality, location.placeOfServiceCode),
          reason: 'Waitlist offer',
        },
        input.holdMinutes,
      );
      await offers.recordStatusChange(tx, p, held.id, null, 'HELD', principal.userId, 'waitlist offer');
      const offer = await offers.insertOffer(tx, { practiceId: p, waitlistEntryId: entry.id, appointmentId: held.id, expiresAt: held.holdExpiresAt!, offeredBy: principal.userId });
      const updated = await repo.setEntryStatus(tx, entry.id, 'OFFERED');
      await audit.write(tx, 'CREATE', 'Appointment', held.id, entry.patientId);
      await audit.write(tx, 'CREATE', 'WaitlistOffer', offer.id, entry.patientId);
      const events = [...released.map((r) => eventOf(p, { ...r, status: 'CANCELLED' }, 'CANCELLED')), eventOf(p, held, 'BOOKED')];
      return { offer: toOffer(offer), entry: toEntry(updated), events };
    });
  } catch (err) {
    if (isExclusionViolation(err)) throw new AppError('SLOT_CONFLICT', 'The provider or the patient already has an appointment or hold at that time');
    throw err;
  }
}

/**
 * Answers an offer. Accepting turns the hold into a BOOKED appointment (with reminders); declining
 * frees the slot and puts the patient back to WAITING. Repeating the same answer is a no-op that
 * returns the current state. An expired hold is released and the offer reported expired.
 * @throws NOT_FOUND, BAD_USER_INPUT (offer already answered otherwise, or expired)
 */
export async function answerOffer(db: Db, principal: Principal, audit: AuditTrail, offerId: string, answer: 'ACCEPTED' | 'DECLINED'): Promise<OfferResult> {
  if (!isUuid(offerId)) throw notFound('WaitlistOffer', offerId);
  const p = principal.practiceId;
  const outcome = await db.transaction(async (tx) => {
    const found = await offers.lockOffer(tx, p, offerId);
    if (!found) throw notFound('WaitlistOffer', offerId);
    const { offer, appointment } = found;
    const { entry: current } = (await repo.lockEntry(tx, p, offer.waitlistEntryId))!;
    if (offer.status === answer) return { result: { offer: toOffer(offer), entry: toEntry(current), events: [] } };
    if (offer.status !== 'PENDING') return { error: `is ${offer.status}` };
    if (found.expired) {
      const released = await releaseHoldsInScope(tx, audit, p, { providerId: appointment.providerId, startsAt: appointment.startsAt, endsAt: appointment.endsAt });
      return { error: 'has expired', events: released.map((r) => eventOf(p, { ...r, status: 'CANCELLED' }, 'CANCELLED')) };
    }
    const by = principal.userId;
    const appt = await offers.resolveHold(tx, p, appointment.id, answer === 'ACCEPTED' ? 'BOOKED' : 'CANCELLED', by, 'OFFER_DECLINED');
    if (!appt) return { error: `is for an appointment that is ${appointment.status}` };
    const answered = await offers.answerOffer(tx, offer.id, answer);
    const entry = await repo.setEntryStatus(tx, offer.waitlistEntryId, answer === 'ACCEPTED' ? 'BOOKED' : 'WAITING');
    if (answer === 'ACCEPTED') await scheduleReminders(tx, appt);
    await audit.write(tx, 'UPDATE', 'Appointment', appt.id, appt.patientId);
    await audit.write(tx, 'UPDATE', 'WaitlistOffer', offer.id, appt.patientId);
    return { result: { offer: toOffer(answered), entry: toEntry(entry), events: [eventOf(p, appt, answer === 'ACCEPTED' ? 'STATUS_CHANGED' : 'CANCELLED')] } };
  });
  if ('error' in outcome) throw new OfferRefused(outcome.error!, outcome.events ?? []);
  return outcome.result;
}
