import type { Db } from '../../../server/src/db/client.js';
import { appointmentStatusHistory, appointments } from '../../../server/src/db/schema/scheduling.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { createAppointmentType, createProvider } from '../../factories/appointment.factory.js';

/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const STATUSES = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_ROOM', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'ENTERED_IN_ERROR', 'HELD'] as const;

/**
 * A practice with random appointment history from `start`: two locations in different time zones, three
 * providers, two types, `patients` patients and `count` appointments at distinct times (so no overlap),
 * with random statuses, booking times, cancellations, check-ins and roomings (some roomed twice).
 */
export async function randomPractice(db: Db, seed: number, opts: { patients: number; count: number; start: string; stepMinutes: number }) {
  const r = rng(seed);
  const practiceId = await createPractice(db);
  const locations = [await createLocation(db, practiceId), await createLocation(db, practiceId, { timeZone: 'America/Los_Angeles' })];
  const providers = await Promise.all([0, 1, 2].map(() => createProvider(db, practiceId)));
  const types = [await createAppointmentType(db, practiceId), await createAppointmentType(db, practiceId)];
  const patients: { id: string }[] = [];
  // Birth years around each age band (ages 10, 30, 45, 70 and 93 in 2026) and one that turns 18 during 2026, any day of the year.
  const years = [2016, 1996, 1981, 1956, 1933, 2008];
  for (let i = 0; i < opts.patients; i++) {
    const dateOfBirth = new Date(Date.UTC(r.pick(years), 0, 1) + r.int(0, 364) * 86_400_000).toISOString().slice(0, 10);
    patients.push(await insertPatient(db, practiceId, { dateOfBirth }));
  }
  const base = Date.parse(opts.start);
  const rows: (typeof appointments.$inferInsert)[] = [];
  for (let i = 0; i < opts.count; i++) {
    const startsAt = new Date(base + i * opts.stepMinutes * 60_000 + r.int(0, 30) * 60_000);
    const status = r.pick(STATUSES);
    const modality = r.next() < 0.3 ? 'TELEHEALTH' : 'IN_PERSON';
    const checkedIn = status === 'ARRIVED' || status === 'IN_ROOM' || status === 'COMPLETED';
    rows.push({
      practiceId, patientId: r.pick(patients).id, providerId: r.pick(providers).id, locationId: r.pick(locations).id, appointmentTypeId: r.pick(types).id,
      startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), status, modality, placeOfServiceCode: modality === 'TELEHEALTH' ? '10' : '11',
      createdAt: new Date(startsAt.getTime() - r.int(0, 90 * 24 * 60) * 60_000),
      cancelledAt: status === 'CANCELLED' ? new Date(startsAt.getTime() - r.int(-60, 72 * 60) * 60_000) : null,
      arrivedAt: checkedIn && r.next() < 0.9 ? new Date(startsAt.getTime() + r.int(-20, 25) * 60_000) : null,
      holdExpiresAt: status === 'HELD' ? new Date(startsAt.getTime() - 3_600_000) : null,
    });
  }
  const stored = await db.insert(appointments).values(rows).returning();
  const history: (typeof appointmentStatusHistory.$inferInsert)[] = [];
  for (const a of stored) {
    if (a.status !== 'IN_ROOM' && a.status !== 'COMPLETED') continue;
    const at = (a.arrivedAt ?? a.startsAt).getTime() + r.int(0, 45) * 60_000 + r.int(0, 59) * 1000;
    history.push({ practiceId, appointmentId: a.id, fromStatus: 'ARRIVED', toStatus: 'IN_ROOM', changedBy: 'test', changedAt: new Date(at) });
    if (r.next() < 0.1) history.push({ practiceId, appointmentId: a.id, fromStatus: 'ARRIVED', toStatus: 'IN_ROOM', changedBy: 'test', changedAt: new Date(at + 600_000) });
  }
  if (history.length) await db.insert(appointmentStatusHistory).values(history);
  return { practiceId, locations, providers, types, patients };
}
