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

/** The names among `names` already used by appointment types of the practice. */
export async function findUsedAppointmentTypeNames(db: Db, practiceId: string, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db.select({ name: appointmentTypes.name }).from(appointmentTypes).where(and(eq(appointmentTypes.practiceId, practiceId), inArray(appointmentTypes.name, [...names])));
  return new Set(rows.map((r) => r.name));
}

/**
 * Inserts many appointment types in one statement.
 * @returns their ids
 */
export async function insertAppointmentTypes(tx: Db, practiceId: string, rows: readonly NewAppointmentTypeRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(appointmentTypes)
    .values(rows.map((r) => ({ ...r, practiceId })))
    .returning({ id: appointmentTypes.id });
  return inserted.map((r) => r.id);
}
