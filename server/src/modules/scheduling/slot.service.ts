import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { allowsModality, type Modality } from './appointment-type.type.js';
import { isUuid } from './ids.js';
import { findSlots } from './slot-finder.js';
import { findTypeAndLocation, loadSlotInputs } from './slot.repo.js';
import type { AvailableSlot } from './slot.type.js';

export const MAX_SLOT_SEARCH_DAYS = 62;

export interface SlotSearch {
  providerId?: string | null;
  appointmentTypeId: string;
  locationId: string;
  from: Date;
  to: Date;
  modality?: Modality | null;
}

/**
 * Bookable slots in [from, to) computed on demand from availability minus bookings (with buffers),
 * time off and blocks, minimum notice and maximum advance — two SQL statements, run concurrently.
 * @throws BAD_USER_INPUT (range, modality not allowed by the type), NOT_FOUND (type, location, provider)
 */
export async function availableSlots(db: Db, principal: Principal, q: SlotSearch, now: Date): Promise<AvailableSlot[]> {
  const span = q.to.getTime() - q.from.getTime();
  if (span <= 0 || span > MAX_SLOT_SEARCH_DAYS * 86_400_000) throw badInput([{ path: 'to', message: `must be after from and at most ${MAX_SLOT_SEARCH_DAYS} days later` }]);
  if (!isUuid(q.appointmentTypeId)) throw notFound('AppointmentType', q.appointmentTypeId);
  if (!isUuid(q.locationId)) throw notFound('Location', q.locationId);
  if (q.providerId && !isUuid(q.providerId)) throw notFound('Provider', q.providerId);
  const [{ type, location }, inputs] = await Promise.all([
    findTypeAndLocation(db, principal.practiceId, q.appointmentTypeId, q.locationId),
    loadSlotInputs(db, principal.practiceId, q.locationId, q.providerId ?? null, q.from, q.to),
  ]);
  if (!type?.active) throw notFound('AppointmentType', q.appointmentTypeId);
  if (!location?.active) throw notFound('Location', q.locationId);
  if (q.modality && !allowsModality(type, q.modality)) throw badInput([{ path: 'modality', message: `is not offered for this appointment type (${type.modality})` }]);
  // A provider of another practice simply has no rules here, so the answer is empty, not a leak.
  const slots = findSlots({ zone: location.timeZone, from: q.from.getTime(), to: q.to.getTime(), now: now.getTime(), type, ...inputs }, inputs.providerIds);
  return slots.map((s) => ({ providerId: s.providerId, startsAt: new Date(s.start), endsAt: new Date(s.end) }));
}
