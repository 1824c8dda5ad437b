import { and, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { codeSetVersions, codes } from '../../db/schema/billing.js';
import type { CodeKind, CodeSystem } from './code.rules.js';

export type CodeRow = typeof codes.$inferSelect;
export type CodeSetVersionRow = typeof codeSetVersions.$inferSelect;

/** A code row with the version it belongs to. */
export interface VersionedCodeRow extends CodeRow {
  system: CodeSystem;
  label: string;
  effectiveFrom: string;
}

/** Versions visible to a practice: reference data plus its own licensed CPT imports. */
const visibleTo = (practiceId: string | null) => (practiceId ? or(isNull(codeSetVersions.practiceId), eq(codeSetVersions.practiceId, practiceId)) : isNull(codeSetVersions.practiceId));

/**
 * The version of each code system in force on a date: the latest with effective_from ≤ date.
 * @param practiceId - adds the practice's own CPT import; null for reference data only
 * @returns at most one row per system
 */
export function findVersionsInForce(db: Db, date: string, practiceId: string | null): Promise<CodeSetVersionRow[]> {
  return db
    .selectDistinctOn([codeSetVersions.system])
    .from(codeSetVersions)
    .where(and(lte(codeSetVersions.effectiveFrom, date), visibleTo(practiceId)))
    .orderBy(codeSetVersions.system, desc(codeSetVersions.effectiveFrom));
}

/**
 * Every version's rows for the given codes (any date), with their version, for one statement lookups.
 * @param codeList - normalised codes (ICD-10-CM without dot)
 */
export async function findCodesInAnyVersion(db: Db, practiceId: string | null, codeList: readonly string[]): Promise<VersionedCodeRow[]> {
  if (codeList.length === 0) return [];
  const rows = await db
    .select({ versionId: codes.versionId, kind: codes.kind, code: codes.code, billable: codes.billable, shortDescription: codes.shortDescription, description: codes.description, system: codeSetVersions.system, label: codeSetVersions.label, effectiveFrom: codeSetVersions.effectiveFrom })
    .from(codes)
    .innerJoin(codeSetVersions, eq(codeSetVersions.id, codes.versionId))
    .where(and(inArray(codes.code, [...new Set(codeList)]), visibleTo(practiceId)));
  return rows as VersionedCodeRow[];
}

/** Number of code set versions stored (any system). */
export async function countVersions(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(codeSetVersions);
  return row?.n ?? 0;
}

/**
 * Creates a version row.
 * @returns the stored row
 * @throws the driver's unique violation (23505) when the label or effective date is taken
 */
export async function insertVersion(db: Db, v: { system: CodeSystem; label: string; effectiveFrom: string; practiceId?: string | null }): Promise<CodeSetVersionRow> {
  const [row] = await db.insert(codeSetVersions).values({ ...v, practiceId: v.practiceId ?? null }).returning();
  return row!;
}

/** Records how many codes a version holds once its rows are loaded. */
export async function setVersionCount(db: Db, versionId: string): Promise<number> {
  const [row] = await db
    .update(codeSetVersions)
    .set({ codeCount: sql`(select count(*)::int from ${codes} where ${codes.versionId} = ${versionId})` })
    .where(eq(codeSetVersions.id, versionId))
    .returning({ n: codeSetVersions.codeCount });
  return row?.n ?? 0;
}

/** Inserts code rows in statements of 1,000 (for fixtures; big files go through COPY). */
export async function insertCodes(db: Db, rows: { versionId: string; kind: CodeKind; code: string; billable: boolean; shortDescription: string | null; description: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(codes).values(rows.slice(i, i + 1000));
}
