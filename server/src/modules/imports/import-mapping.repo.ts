import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type ImportMappingColumnJson, importMappings } from '../../db/schema/imports.js';

export type ImportMappingRow = typeof importMappings.$inferSelect;

/** The practice's saved mapping of a target, if any. */
export async function findMapping(db: Db, practiceId: string, target: string): Promise<ImportMappingRow | null> {
  const [row] = await db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.practiceId, practiceId), eq(importMappings.target, target)));
  return row ?? null;
}

/** The practice's saved mappings, by target. */
export function listMappings(db: Db, practiceId: string): Promise<ImportMappingRow[]> {
  return db.select().from(importMappings).where(eq(importMappings.practiceId, practiceId)).orderBy(asc(importMappings.target));
}

/** Saves (inserts or replaces, version + 1) the mapping of a target. */
export async function upsertMapping(db: Db, practiceId: string, target: string, columns: ImportMappingColumnJson[], userId: string): Promise<ImportMappingRow> {
  const [row] = await db
    .insert(importMappings)
    .values({ practiceId, target, columns, createdBy: userId })
    .onConflictDoUpdate({ target: [importMappings.practiceId, importMappings.target], set: { columns, createdBy: userId, updatedAt: new Date(), version: sql`${importMappings.version} + 1` } })
    .returning();
  return row!;
}
