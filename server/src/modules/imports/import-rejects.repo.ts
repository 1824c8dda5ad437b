import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importRejectedRows } from '../../db/schema/imports.js';

/** Stores rejected records of a GOOD_ROWS commit (one statement). */
export async function insertRejectedRows(tx: Db, practiceId: string, importId: string, rows: readonly { line: number; record: string }[]): Promise<void> {
  if (rows.length) await tx.insert(importRejectedRows).values(rows.map((r) => ({ practiceId, importId, line: r.line, record: r.record })));
}

/** One page of an import's rejected records after a line, in file order (the header record is line 1). */
export function pageRejectedRows(db: Db, practiceId: string, importId: string, afterLine: number, limit: number): Promise<{ line: number; record: string }[]> {
  const t = importRejectedRows;
  return db
    .select({ line: t.line, record: t.record })
    .from(t)
    .where(and(eq(t.practiceId, practiceId), eq(t.importId, importId), gt(t.line, afterLine)))
    .orderBy(asc(t.line))
    .limit(limit);
}
