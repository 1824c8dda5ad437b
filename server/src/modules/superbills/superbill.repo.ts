import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { superbillDiagnoses, superbillLines, superbills } from '../../db/schema/superbills.js';
import { isUuid } from '../../lib/uuid.js';

export type SuperbillRow = typeof superbills.$inferSelect;
export type DiagnosisRow = typeof superbillDiagnoses.$inferSelect;
export type LineRow = typeof superbillLines.$inferSelect;
export type NewSuperbillRow = Omit<typeof superbills.$inferInsert, 'id' | 'practiceId' | 'number'>;
export type SuperbillPatch = Partial<Omit<NewSuperbillRow, 'version'>>;
export type NewDiagnosis = Pick<DiagnosisRow, 'position' | 'code' | 'description'>;
export type NewLine = Omit<LineRow, 'id' | 'practiceId' | 'superbillId' | 'createdAt' | 'updatedAt' | 'version'>;

/**
 * Superbills of one practice by id, in any order.
 * @returns the rows found; malformed ids and other practices' rows match nothing
 */
export function findSuperbillsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<SuperbillRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(superbills).where(and(eq(superbills.practiceId, practiceId), inArray(superbills.id, valid)));
}

/** The superbill of a practice locked for a change (FOR UPDATE), or null. */
export async function lockSuperbill(tx: Db, practiceId: string, id: string): Promise<SuperbillRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(superbills).where(and(eq(superbills.practiceId, practiceId), eq(superbills.id, id))).for('update');
  return row ?? null;
}

/** The superbill created (`create`) or finalized (`finalize`) with a client's idempotency key, or null. */
export async function findByIdempotencyKey(db: Db, practiceId: string, kind: 'create' | 'finalize', key: string): Promise<SuperbillRow | null> {
  const column = kind === 'create' ? superbills.idempotencyKey : superbills.finalizeIdempotencyKey;
  const [row] = await db.select().from(superbills).where(and(eq(superbills.practiceId, practiceId), eq(column, key)));
  return row ?? null;
}

/** Diagnoses of superbills, ordered by superbill then position (one statement). */
export function findDiagnosesOf(db: Db, practiceId: string, ids: readonly string[]): Promise<DiagnosisRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(superbillDiagnoses).where(and(eq(superbillDiagnoses.practiceId, practiceId), inArray(superbillDiagnoses.superbillId, [...ids]))).orderBy(asc(superbillDiagnoses.position));
}

/** Lines of superbills, ordered by superbill then position (one statement). */
export function findLinesOf(db: Db, practiceId: string, ids: readonly string[]): Promise<LineRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(superbillLines).where(and(eq(superbillLines.practiceId, practiceId), inArray(superbillLines.superbillId, [...ids]))).orderBy(asc(superbillLines.position));
}

/** Inserts a superbill. @returns the stored row */
export async function insertSuperbill(tx: Db, practiceId: string, values: NewSuperbillRow): Promise<SuperbillRow> {
  const [row] = await tx.insert(superbills).values({ ...values, practiceId }).returning();
  return row!;
}

/** Replaces the diagnoses and lines of a DRAFT superbill (the database refuses it for any other status). */
export async function replaceContent(tx: Db, practiceId: string, superbillId: string, diagnoses: NewDiagnosis[], lines: NewLine[]): Promise<void> {
  await tx.delete(superbillDiagnoses).where(and(eq(superbillDiagnoses.practiceId, practiceId), eq(superbillDiagnoses.superbillId, superbillId)));
  await tx.delete(superbillLines).where(and(eq(superbillLines.practiceId, practiceId), eq(superbillLines.superbillId, superbillId)));
  if (diagnoses.length) await tx.insert(superbillDiagnoses).values(diagnoses.map((d) => ({ ...d, practiceId, superbillId })));
  if (lines.length) await tx.insert(superbillLines).values(lines.map((l) => ({ ...l, practiceId, superbillId })));
}

/**
 * Updates a superbill when it is still at `expectedVersion`, bumping the version.
 * @returns the updated row, or null when the version moved
 */
export async function updateSuperbillIfVersion(tx: Db, practiceId: string, id: string, expectedVersion: number, patch: SuperbillPatch): Promise<SuperbillRow | null> {
  const [row] = await tx
    .update(superbills)
    .set({ ...patch, version: sql`${superbills.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(superbills.practiceId, practiceId), eq(superbills.id, id), eq(superbills.version, expectedVersion)))
    .returning();
  return row ?? null;
}

/**
 * Other live superbills (DRAFT or FINALIZED) of the same patient, rendering provider and date of
 * service that bill one of `codes` — possible duplicates.
 * @param excludeIds - the superbill itself and the one it corrects
 * @returns pairs of superbill id and code
 */
export async function findSameDayCodes(db: Db, practiceId: string, key: { patientId: string; renderingProviderId: string; dateOfService: string }, codes: string[], excludeIds: string[]): Promise<{ superbillId: string; code: string }[]> {
  if (codes.length === 0) return [];
  const where: SQL[] = [
    eq(superbills.practiceId, practiceId),
    eq(superbills.patientId, key.patientId),
    eq(superbills.renderingProviderId, key.renderingProviderId),
    eq(superbills.dateOfService, key.dateOfService),
    inArray(superbills.status, ['DRAFT', 'FINALIZED']),
    inArray(superbillLines.code, codes),
  ];
  if (excludeIds.length) where.push(sql`${superbills.id} not in (${sql.join(excludeIds.map((i) => sql`${i}::uuid`), sql`, `)})`);
  return db
    .selectDistinct({ superbillId: superbills.id, code: superbillLines.code })
    .from(superbills)
    .innerJoin(superbillLines, eq(superbillLines.superbillId, superbills.id))
    .where(and(...where));
}

/** The live superbill of each appointment (the newest DRAFT or FINALIZED one), in one statement. */
export function findLiveOfAppointments(db: Db, practiceId: string, appointmentIds: readonly string[]): Promise<SuperbillRow[]> {
  const valid = appointmentIds.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .selectDistinctOn([superbills.appointmentId])
    .from(superbills)
    .where(and(eq(superbills.practiceId, practiceId), inArray(superbills.appointmentId, valid), inArray(superbills.status, ['DRAFT', 'FINALIZED'])))
    .orderBy(superbills.appointmentId, desc(superbills.number));
}
