import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { localParts } from '../../lib/local-time.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { assertRefsExist } from './refs.service.js';
import { findLocation } from './refs.repo.js';
import type { AddToWaitlistInput, SlotInput } from './waitlist.inputs.js';
import * as repo from './waitlist.repo.js';
import type { WaitlistEntry, WaitlistMatch, WaitlistStatus } from './waitlist.type.js';

export function toEntry(row: repo.WaitlistEntryRow): WaitlistEntry {
  return { ...row, status: row.status as WaitlistStatus };
}

/**
 * Puts a patient on the waitlist.
 * @throws BAD_USER_INPUT (a window that ends before it starts, latestDate before earliestDate), NOT_FOUND
 */
export async function addToWaitlist(db: Db, principal: Principal, audit: AuditTrail, input: AddToWaitlistInput): Promise<WaitlistEntry> {
  const problems = input.preferredTimes.flatMap((w, i) => (w.start < w.end ? [] : [{ path: `input.preferredTimes.${i}.end`, message: 'must be after start' }]));
  if (input.earliestDate && input.latestDate && input.latestDate < input.earliestDate) problems.push({ path: 'input.latestDate', message: 'must not be before earliestDate' });
  if (problems.length) throw badInput(problems);
  const p = principal.practiceId;
  await assertRefsExist(db, p, { patientId: input.patientId, providerId: input.providerId, appointmentTypeId: input.appointmentTypeId, locationId: input.locationId });
  const row = await db.transaction(async (tx) => {
    const r = await repo.insertEntry(tx, p, {
      patientId: input.patientId,
      providerId: input.providerId ?? null,
      appointmentTypeId: input.appointmentTypeId,
      locationId: input.locationId,
      preferredTimes: input.preferredTimes.map((w) => ({ weekdays: [...new Set(w.weekdays)].sort(), start: w.start, end: w.end })),
      earliestDate: input.earliestDate ?? null,
      latestDate: input.latestDate ?? null,
      notes: input.notes ?? null,
      createdBy: principal.userId,
    });
    await audit.write(tx, 'CREATE', 'WaitlistEntry', r.id, r.patientId);
    return r;
  });
  return toEntry(row);
}

/** Checks a slot's shape. @throws BAD_USER_INPUT when it does not end after it starts */
export function assertSlot(slot: SlotInput, path: string): void {
  if (!(slot.startsAt < slot.endsAt)) throw badInput([{ path: `${path}.endsAt`, message: 'must be after startsAt' }]);
}

/**
 * Waitlist candidates for a freed slot, in offer order: who has waited longest first, then who the
 * slot suits (inside a preferred window). Preferred windows and date limits are read in the
 * location's time zone.
 * @throws BAD_USER_INPUT (bad slot, backward paging), NOT_FOUND (location)
 */
export async function waitlistMatches(db: Db, principal: Principal, audit: AuditTrail, slot: SlotInput, page: PageRequest): Promise<ConnectionShape<WaitlistMatch>> {
  assertSlot(slot, 'slot');
  if (!page.forward) throw badInput([{ path: 'last', message: 'is not supported here; page forward with first/after' }]);
  const location = await findLocation(db, principal.practiceId, slot.locationId);
  if (!location) throw notFound('Location', slot.locationId);
  const start = localParts(slot.startsAt, location.timeZone);
  const end = localParts(slot.endsAt, location.timeZone);
  const rows = await repo.findMatches(
    db,
    principal.practiceId,
    { ...slot, localDate: start.date, weekday: start.weekday, localStart: start.time, localEnd: end.date === start.date ? end.time : '24:00' },
    page.limit,
    page.cursor,
  );
  return toConnection(rows, page, (r) => r.key, (r) => {
    audit.read('WaitlistEntry', r.entry.id, r.entry.patientId);
    return { entry: toEntry(r.entry), fitsPreferredTimes: r.fit };
  });
}


/**
 * Takes a patient off the waitlist. An entry with a pending offer must have the offer declined first.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (not WAITING)
 */
export async function cancelWaitlistEntry(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number): Promise<WaitlistEntry> {
  const p = principal.practiceId;
  const [current] = isUuid(id) ? await repo.findEntriesByIds(db, p, [id]) : [];
  if (!current) throw notFound('WaitlistEntry', id);
  if (current.version !== expectedVersion) throw versionConflict('WaitlistEntry', id, expectedVersion, current.version);
  if (current.status !== 'WAITING') throw badInput([{ path: 'input.id', message: `is ${current.status}, not WAITING` }]);
  const row = await db.transaction(async (tx) => {
    const r = await repo.cancelEntryIf(tx, p, id, expectedVersion);
    if (r) await audit.write(tx, 'UPDATE', 'WaitlistEntry', r.id, r.patientId);
    return r;
  });
  if (!row) throw versionConflict('WaitlistEntry', id, expectedVersion, expectedVersion + 1);
  return toEntry(row);
}
