import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { appointmentTypes } from '../../db/schema/scheduling.js';
import type { AppointmentTypeRow } from './appointment-type.type.js';

export type NewAppointmentTypeRow = Omit<typeof appointmentTypes.$inferInsert, 'id' | 'practiceId'>;

/** Appointment types of one practice by id, any order. */
export function findAppointmentTypesByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<AppointmentTypeRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(appointmentTypes).where(and(eq(appointmentTypes.practiceId, practiceId), inArray(appointmentTypes.id, [...ids])));
}

/** All appointment types of a practice by name (a short configuration list). */
export function listAppointmentTypes(db: Db, practiceId: string, includeInactive: boolean): Promise<AppointmentTypeRow[]> {
  const where = includeInactive ? eq(appointmentTypes.practiceId, practiceId) : and(eq(appointmentTypes.practiceId, practiceId), eq(appointmentTypes.active, true));
  return db.select().from(appointmentTypes).where(where).orderBy(asc(appointmentTypes.name));
}

/** Inserts an appointment type. */
export async function insertAppointmentType(tx: Db, practiceId: string, values: NewAppointmentTypeRow): Promise<AppointmentTypeRow> {
  const [row] = await tx.insert(appointmentTypes).values({ ...values, practiceId }).returning();
  return row!;
}

/** Applies a patch at an expected version. @returns the row, or null when missing or at another version */
export async function updateAppointmentTypeIfVersion(tx: Db, practiceId: string, id: string, expectedVersion: number, patch: Partial<NewAppointmentTypeRow>): Promise<AppointmentTypeRow | null> {
  const [row] = await tx
    .update(appointmentTypes)
    .set({ ...patch, version: sql`${appointmentTypes.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(appointmentTypes.practiceId, practiceId), eq(appointmentTypes.id, id), eq(appointmentTypes.version, expectedVersion)))
    .returning();
  return row ?? null;
}
