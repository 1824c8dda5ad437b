import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { imports } from '../../db/schema/imports.js';
import { isUuid } from '../../lib/uuid.js';

export type ImportRow = typeof imports.$inferSelect;

/** Records an import run. */
export async function insertImport(tx: Db, values: typeof imports.$inferInsert): Promise<ImportRow> {
  const [row] = await tx.insert(imports).values(values).returning();
  return row!;
}

/** The committed import of this file for this target and scope, if any. */
export async function findCommitted(db: Db, practiceId: string, target: string, scope: string, fileSha256: string): Promise<ImportRow | null> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.practiceId, practiceId), eq(imports.target, target), eq(imports.scope, scope), eq(imports.fileSha256, fileSha256), eq(imports.status, 'COMMITTED')));
  return row ?? null;
}

/** An import of the practice by id. */
export async function findImport(db: Db, practiceId: string, id: string): Promise<ImportRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(imports).where(and(eq(imports.practiceId, practiceId), eq(imports.id, id)));
  return row ?? null;
}

/** Imports of some targets newest first, keyset on `number`; `limit + 1` rows. */
export function listImports(db: Db, practiceId: string, targets: readonly string[], before: number | null, limit: number): Promise<ImportRow[]> {
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.practiceId, practiceId), inArray(imports.target, [...targets]), before !== null ? lt(imports.number, before) : undefined))
    .orderBy(desc(imports.number))
    .limit(limit + 1);
}
