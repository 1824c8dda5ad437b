import { and, asc, eq, gt, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { availabilityExceptions, availabilityRules } from '../../db/schema/scheduling.js';
import type { AvailabilityExceptionRow, AvailabilityRuleRow } from './availability.type.js';

/** Inserts a weekly availability rule. */
export async function insertRule(tx: Db, practiceId: string, values: Omit<typeof availabilityRules.$inferInsert, 'id' | 'practiceId'>): Promise<AvailabilityRuleRow> {
  const [row] = await tx.insert(availabilityRules).values({ ...values, practiceId }).returning();
  return row!;
}

/** Inserts an availability exception. */
export async function insertException(tx: Db, practiceId: string, values: Omit<typeof availabilityExceptions.$inferInsert, 'id' | 'practiceId'>): Promise<AvailabilityExceptionRow> {
  const [row] = await tx.insert(availabilityExceptions).values({ ...values, practiceId }).returning();
  return row!;
}

/** Marks a rule inactive. @returns the row, or null when it is not the practice's */
export async function deactivateRule(tx: Db, practiceId: string, id: string): Promise<AvailabilityRuleRow | null> {
  const [row] = await tx.update(availabilityRules).set({ active: false, updatedAt: new Date() }).where(and(eq(availabilityRules.practiceId, practiceId), eq(availabilityRules.id, id))).returning();
  return row ?? null;
}

/** Marks an exception inactive. @returns the row, or null when it is not the practice's */
export async function deactivateException(tx: Db, practiceId: string, id: string): Promise<AvailabilityExceptionRow | null> {
  const [row] = await tx.update(availabilityExceptions).set({ active: false, updatedAt: new Date() }).where(and(eq(availabilityExceptions.practiceId, practiceId), eq(availabilityExceptions.id, id))).returning();
  return row ?? null;
}

/** Active rules, optionally for one provider and/or location, ordered for display. */
export function listRules(db: Db, practiceId: string, providerId?: string | null, locationId?: string | null): Promise<AvailabilityRuleRow[]> {
  const where: SQL[] = [eq(availabilityRules.practiceId, practiceId), eq(availabilityRules.active, true)];
  if (providerId) where.push(eq(availabilityRules.providerId, providerId));
  if (locationId) where.push(eq(availabilityRules.locationId, locationId));
  return db.select().from(availabilityRules).where(and(...where)).orderBy(asc(availabilityRules.providerId), asc(availabilityRules.weekday), asc(availabilityRules.startTime));
}

/** Active exceptions of a provider overlapping [from, to). */
export function listExceptions(db: Db, practiceId: string, providerId: string, from: Date, to: Date): Promise<AvailabilityExceptionRow[]> {
  return db
    .select()
    .from(availabilityExceptions)
    .where(and(eq(availabilityExceptions.practiceId, practiceId), eq(availabilityExceptions.providerId, providerId), eq(availabilityExceptions.active, true), lt(availabilityExceptions.startsAt, to), gt(availabilityExceptions.endsAt, from)))
    .orderBy(asc(availabilityExceptions.startsAt));
}
