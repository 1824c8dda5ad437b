import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recalls, waitlistEntries } from '../db/schema/engagement.js';
import { patients } from '../db/schema/patients.js';
import { appointmentStatusHistory, appointments } from '../db/schema/scheduling.js';
import { addDays } from '../lib/local-time.js';
import { scheduleRemindersFor } from '../modules/engagement/reminder.outbox.js';
import { localDateOf } from '../modules/scheduling/zoned-time.js';
import type { DemoOffice } from './seed-office.js';
import type { Rng } from './synthetic.js';
import { type PlannedVisit, planVisits } from './visit-plan.js';

const BATCH = 500;
const BY = 'demo-front-desk';
const STEPS: Record<PlannedVisit['status'], PlannedVisit['status'][]> = {
  BOOKED: [],
  CONFIRMED: ['CONFIRMED'],
  ARRIVED: ['ARRIVED'],
  IN_ROOM: ['ARRIVED', 'IN_ROOM'],
  COMPLETED: ['ARRIVED', 'IN_ROOM', 'COMPLETED'],
  NO_SHOW: ['NO_SHOW'],
  CANCELLED: ['CANCELLED'],
};
const CANCEL_REASONS = ['Patient request', 'Scheduling conflict', 'Feeling better', 'Transportation problem'];
const RECALL_REASONS = ['Blood pressure recheck', 'Diabetes follow-up (A1C)', 'Annual wellness visit', 'Lipid panel review', 'Medication review'];

function rowOf(practiceId: string, v: PlannedVisit, pos: string, rng: Rng): typeof appointments.$inferInsert {
  const checkedIn = v.arrivedAt && v.status !== 'NO_SHOW' && v.status !== 'CANCELLED';
  const late = checkedIn ? Math.max(0, Math.floor((v.arrivedAt!.getTime() - v.startsAt.getTime()) / 60_000)) : 0;
  return {
    practiceId, patientId: v.patientId, providerId: v.providerId, locationId: v.locationId, appointmentTypeId: v.type.id,
    startsAt: v.startsAt, endsAt: v.endsAt, status: v.status, modality: v.modality,
    placeOfServiceCode: v.modality === 'TELEHEALTH' ? '10' : pos, reason: v.type.name,
    createdAt: v.bookedAt, updatedAt: v.arrivedAt ?? v.bookedAt, version: 1 + STEPS[v.status].length,
    arrivedAt: checkedIn ? v.arrivedAt : null, roomId: v.roomId ?? null,
    checkIn: checkedIn
      ? { arrivedAt: v.arrivedAt!.toISOString(), demographicsConfirmed: true, insuranceCardConfirmed: true, intakeFormsStatus: 'COMPLETE', copayDue: rng.pick([0, 1500, 2500, 3000]), late: late > 10, minutesLate: late, checkedInBy: BY }
      : null,
    ...(v.status === 'CANCELLED' ? { cancelReason: rng.pick(CANCEL_REASONS), cancelledBy: BY, cancelledAt: new Date(v.startsAt.getTime() - rng.int(2, 72) * 3_600_000) } : {}),
  };
}

function historyOf(practiceId: string, row: typeof appointments.$inferSelect, v: PlannedVisit): (typeof appointmentStatusHistory.$inferInsert)[] {
  const out: (typeof appointmentStatusHistory.$inferInsert)[] = [{ practiceId, appointmentId: row.id, fromStatus: null, toStatus: 'BOOKED', changedBy: BY, changedAt: v.bookedAt }];
  let from = 'BOOKED';
  for (const [i, to] of STEPS[v.status].entries()) {
    const at = to === 'CANCELLED' ? row.cancelledAt! : new Date((v.arrivedAt ?? v.startsAt).getTime() + i * 5 * 60_000);
    out.push({ practiceId, appointmentId: row.id, fromStatus: from, toStatus: to, changedBy: BY, changedAt: to === 'COMPLETED' ? row.endsAt : at });
    from = to;
  }
  return out;
}

/**
 * The demo practice's visits (see planVisits) with their status history and check-ins, pending
 * reminders for every coming visit, a waitlist and open recalls — all relative to `now`.
 * @returns how many appointments were stored
 */
export async function seedDemoVisits(tx: Db, practiceId: string, office: DemoOffice, now: Date, rng: Rng): Promise<number> {
  const ids = await tx.select({ id: patients.id }).from(patients).where(eq(patients.practiceId, practiceId)).orderBy(asc(patients.mrn));
  const locationIds = [...office.locations.keys()];
  const pools = new Map(locationIds.map((l, i) => [l, ids.filter((_, n) => n % locationIds.length === i).map((r) => r.id)]));
  const visits = planVisits(office, pools, now, rng);
  const stored: { row: typeof appointments.$inferSelect; visit: PlannedVisit }[] = [];
  for (let i = 0; i < visits.length; i += BATCH) {
    const chunk = visits.slice(i, i + BATCH);
    const rows = await tx.insert(appointments).values(chunk.map((v) => rowOf(practiceId, v, office.locations.get(v.locationId)!.pos, rng))).returning();
    for (const [j, row] of rows.entries()) stored.push({ row, visit: chunk[j]! });
  }
  const history = stored.flatMap(({ row, visit }) => historyOf(practiceId, row, visit));
  for (let i = 0; i < history.length; i += BATCH * 2) await tx.insert(appointmentStatusHistory).values(history.slice(i, i + BATCH * 2));
  await scheduleRemindersFor(tx, stored.map((s) => s.row).filter((r) => r.status === 'BOOKED' || r.status === 'CONFIRMED'), now);
  await seedWaitlistAndRecalls(tx, practiceId, office, stored.map((s) => s.row), now, rng);
  return stored.length;
}

async function seedWaitlistAndRecalls(tx: Db, practiceId: string, office: DemoOffice, rows: (typeof appointments.$inferSelect)[], now: Date, rng: Rng): Promise<void> {
  const completed = rows.filter((r) => r.status === 'COMPLETED');
  const followUp = office.types.find((t) => t.name === 'Follow-up visit')!;
  const waiting = Array.from({ length: 12 }, () => rng.pick(completed));
  await tx.insert(waitlistEntries).values(
    waiting.map((r, i) => ({
      practiceId, patientId: r.patientId, providerId: i % 3 === 0 ? null : r.providerId, appointmentTypeId: followUp.id, locationId: r.locationId,
      preferredTimes: [{ weekdays: i % 2 ? [1, 3, 5] : [2, 4], start: i % 2 ? '08:00' : '13:00', end: i % 2 ? '12:00' : '17:00' }],
      notes: i % 2 ? 'Prefers mornings' : 'Can come at short notice', createdBy: BY, createdAt: new Date(now.getTime() - rng.int(1, 20) * 86_400_000),
    })),
  );
  const recalled = Array.from({ length: 40 }, () => rng.pick(completed));
  await tx.insert(recalls).values(
    recalled.map((r, i) => {
      const today = localDateOf(office.locations.get(r.locationId)!.zone, now.getTime());
      return {
        practiceId, patientId: r.patientId, providerId: r.providerId, locationId: r.locationId, dueDate: addDays(today, rng.int(-10, 60)),
        reason: rng.pick(RECALL_REASONS), status: i % 8 === 7 ? 'SCHEDULED' : 'OPEN', originatingAppointmentId: r.id, createdBy: BY,
      };
    }),
  );
}
