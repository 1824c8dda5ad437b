import { createHash } from 'node:crypto';
import { AppError, badInput } from '../../graphql/errors.js';
import type { SlotRules } from './slot-finder.js';
import { refusalFor } from './slot-finder.js';
import type { SlotInputs } from './slot.repo.js';

export const LATE_GRACE_MINUTES = 10;

/** SHA-256 of the canonical JSON of a booking request (keys sorted), stored beside the idempotency key. */
export function requestHash(input: Record<string, unknown>): string {
  const canonical = Object.keys(input)
    .sort()
    .map((k) => [k, input[k] instanceof Date ? (input[k] as Date).toISOString() : (input[k] ?? null)]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export const slotConflict = (providerId: string, startsAt: Date) =>
  new AppError('SLOT_CONFLICT', `The time ${startsAt.toISOString()} is no longer free for provider ${providerId} or the patient; pick another slot`, { providerId, startsAt: startsAt.toISOString() });

/** Telehealth uses 10 (patient at home) or 02 (elsewhere); in person uses the location's code. */
export const placeOfService = (modality: string, patientAtHome: boolean, locationCode: string) =>
  modality === 'TELEHEALTH' ? (patientAtHome ? '10' : '02') : locationCode;

/** What bookability is judged on: the time, the type's rules, the location's zone, the override. */
export interface BookableRequest {
  providerId: string;
  startsAt: Date;
  zone: string;
  type: SlotRules;
  override: boolean;
  path: string;
}

/** The longest visit a type may have (the appointment_types check): bounds a window read before the type is known. */
export const MAX_VISIT_MINUTES = 480;

/**
 * The window of slot inputs that judgeBookable needs for a visit starting at `startsAt` of any type
 * (a day either side of the longest visit), for callers that read them before knowing the type.
 */
export function bookableWindow(startsAt: Date): { from: Date; to: Date } {
  return { from: new Date(startsAt.getTime() - 86_400_000), to: new Date(startsAt.getTime() + MAX_VISIT_MINUTES * 60_000 + 86_400_000) };
}

/**
 * Checks a requested time against availability, notice, advance and existing bookings (with buffers), on
 * slot inputs already read (slotInputsQuery inside the caller's read, or loadSlotInputs) over at least
 * `bookableWindow(startsAt)`. Outside working hours, too soon or too far ahead → BAD_USER_INPUT on `path`
 * (unless overridden); overlapping another booking or its buffers → SLOT_CONFLICT (never overridable).
 * @returns true when the time was accepted only because of the override
 */
export function judgeBookable(inputs: SlotInputs, a: BookableRequest, now: Date): boolean {
  const start = a.startsAt.getTime();
  const end = start + a.type.durationMinutes * 60_000;
  const refusal = refusalFor({ zone: a.zone, from: start, to: end, now: now.getTime(), type: a.type, ...inputs }, a.providerId, start);
  if (refusal === 'OVERLAPS_BOOKING') throw slotConflict(a.providerId, a.startsAt);
  if (refusal && !a.override) {
    const message = { OUTSIDE_AVAILABILITY: "is outside the provider's availability", TOO_SOON: "is sooner than the type's minimum notice", TOO_FAR_AHEAD: "is further ahead than the type allows" }[refusal];
    throw badInput([{ path: a.path, message }]);
  }
  return refusal !== null;
}
