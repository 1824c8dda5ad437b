import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type IntakeQuestionJson, intakeForms, intakeFormVersions, intakeLinks, intakeSubmissions } from '../../db/schema/intake.js';
import { isUuid } from '../../lib/uuid.js';

export type IntakeFormRow = typeof intakeForms.$inferSelect;
export type IntakeFormVersionRow = typeof intakeFormVersions.$inferSelect;
export type IntakeLinkRow = typeof intakeLinks.$inferSelect;
export type IntakeSubmissionRow = typeof intakeSubmissions.$inferSelect;
export type NewIntakeSubmissionRow = Omit<typeof intakeSubmissions.$inferInsert, 'id' | 'practiceId'>;

/** Inserts a form and its first version. @returns both, or null when the name is taken */
export async function insertForm(tx: Db, practiceId: string, name: string, questions: IntakeQuestionJson[], by: string): Promise<{ form: IntakeFormRow; current: IntakeFormVersionRow } | null> {
  const [form] = await tx.insert(intakeForms).values({ practiceId, name }).onConflictDoNothing().returning();
  if (!form) return null;
  const [current] = await tx.insert(intakeFormVersions).values({ practiceId, formId: form.id, revision: 1, questions, createdBy: by }).returning();
  return { form, current: current! };
}

/** One form locked FOR UPDATE, or null. */
export async function lockForm(tx: Db, practiceId: string, id: string): Promise<IntakeFormRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(intakeForms).where(and(eq(intakeForms.practiceId, practiceId), eq(intakeForms.id, id))).for('update');
  return row ?? null;
}

/** Adds the next version of a locked form. */
export async function insertVersion(tx: Db, practiceId: string, form: IntakeFormRow, questions: IntakeQuestionJson[], by: string): Promise<{ form: IntakeFormRow; current: IntakeFormVersionRow }> {
  const revision = form.currentRevision + 1;
  const [current] = await tx.insert(intakeFormVersions).values({ practiceId, formId: form.id, revision, questions, createdBy: by }).returning();
  const [updated] = await tx.update(intakeForms).set({ currentRevision: revision, version: sql`${intakeForms.version} + 1`, updatedAt: sql`now()` }).where(eq(intakeForms.id, form.id)).returning();
  return { form: updated!, current: current! };
}

/** The practice's forms with their current versions, by name (one statement). */
export async function findForms(db: Db, practiceId: string, ids: readonly string[] | null): Promise<{ form: IntakeFormRow; current: IntakeFormVersionRow }[]> {
  if (ids && ids.filter(isUuid).length === 0) return [];
  const rows = await db
    .select({ form: intakeForms, current: intakeFormVersions })
    .from(intakeForms)
    .innerJoin(intakeFormVersions, and(eq(intakeFormVersions.formId, intakeForms.id), eq(intakeFormVersions.revision, intakeForms.currentRevision)))
    .where(and(eq(intakeForms.practiceId, practiceId), ...(ids ? [inArray(intakeForms.id, ids.filter(isUuid))] : [])))
    .orderBy(intakeForms.name);
  return rows;
}

/** Form versions by id (any practice: a link's version is read with its link). */
export function findVersionsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<IntakeFormVersionRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(intakeFormVersions).where(and(eq(intakeFormVersions.practiceId, practiceId), inArray(intakeFormVersions.id, valid)));
}

/** Inserts a link (only the token's hash). */
export async function insertLink(tx: Db, values: typeof intakeLinks.$inferInsert): Promise<IntakeLinkRow> {
  const [row] = await tx.insert(intakeLinks).values(values).returning();
  return row!;
}

/** The link a token hash names, with its form version (any practice: the token is the credential), or null. */
export async function findLinkByHash(db: Db, hash: string): Promise<{ link: IntakeLinkRow; version: IntakeFormVersionRow; formName: string } | null> {
  const [row] = await db
    .select({ link: intakeLinks, version: intakeFormVersions, formName: intakeForms.name })
    .from(intakeLinks)
    .innerJoin(intakeFormVersions, eq(intakeFormVersions.id, intakeLinks.formVersionId))
    .innerJoin(intakeForms, eq(intakeForms.id, intakeFormVersions.formId))
    .where(eq(intakeLinks.tokenSha256, hash));
  return row ?? null;
}

/** Marks a link used, only if unused and unexpired at `at`. @returns whether it was */
export async function useLink(tx: Db, id: string, at: Date): Promise<boolean> {
  const rows = await tx.update(intakeLinks).set({ usedAt: at, updatedAt: sql`now()`, version: sql`${intakeLinks.version} + 1` }).where(and(eq(intakeLinks.id, id), isNull(intakeLinks.usedAt), gt(intakeLinks.expiresAt, at))).returning({ id: intakeLinks.id });
  return rows.length === 1;
}

export async function insertSubmission(tx: Db, practiceId: string, values: NewIntakeSubmissionRow): Promise<IntakeSubmissionRow> {
  const [row] = await tx.insert(intakeSubmissions).values({ ...values, practiceId }).returning();
  return row!;
}

/** Submissions of one practice by id. */
export function findSubmissionsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<IntakeSubmissionRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(intakeSubmissions).where(and(eq(intakeSubmissions.practiceId, practiceId), inArray(intakeSubmissions.id, valid)));
}

/** One submission locked FOR UPDATE, or null. */
export async function lockSubmission(tx: Db, practiceId: string, id: string): Promise<IntakeSubmissionRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(intakeSubmissions).where(and(eq(intakeSubmissions.practiceId, practiceId), eq(intakeSubmissions.id, id))).for('update');
  return row ?? null;
}

/** Records the review of a locked submission. */
export async function reviewSubmission(tx: Db, practiceId: string, id: string, by: string, note: string | null, applied: string[] | null): Promise<IntakeSubmissionRow> {
  const [row] = await tx.update(intakeSubmissions).set({ reviewedBy: by, reviewedAt: sql`now()`, reviewNote: note, appliedFields: applied, updatedAt: sql`now()`, version: sql`${intakeSubmissions.version} + 1` }).where(and(eq(intakeSubmissions.practiceId, practiceId), eq(intakeSubmissions.id, id))).returning();
  return row!;
}

/** The newest link of each appointment, with its submission if any (one statement). */
export function findLatestLinksOf(db: Db, practiceId: string, appointmentIds: readonly string[]): Promise<{ link: IntakeLinkRow; formId: string; submissionId: string | null; reviewedAt: Date | null }[]> {
  const valid = appointmentIds.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .selectDistinctOn([intakeLinks.appointmentId], { link: intakeLinks, formId: intakeFormVersions.formId, submissionId: intakeSubmissions.id, reviewedAt: intakeSubmissions.reviewedAt })
    .from(intakeLinks)
    .innerJoin(intakeFormVersions, eq(intakeFormVersions.id, intakeLinks.formVersionId))
    .leftJoin(intakeSubmissions, eq(intakeSubmissions.linkId, intakeLinks.id))
    .where(and(eq(intakeLinks.practiceId, practiceId), inArray(intakeLinks.appointmentId, valid)))
    .orderBy(intakeLinks.appointmentId, sql`${intakeSubmissions.submittedAt} desc nulls last`, desc(intakeLinks.createdAt));
}

/** Submissions of an appointment or a patient, newest first. */
export function findSubmissionsOf(db: Db, practiceId: string, by: { appointmentId?: string; patientId?: string }): Promise<IntakeSubmissionRow[]> {
  const where = [eq(intakeSubmissions.practiceId, practiceId)];
  if (by.appointmentId) where.push(eq(intakeSubmissions.appointmentId, by.appointmentId));
  if (by.patientId) where.push(eq(intakeSubmissions.patientId, by.patientId));
  return db.select().from(intakeSubmissions).where(and(...where)).orderBy(desc(intakeSubmissions.submittedAt));
}
