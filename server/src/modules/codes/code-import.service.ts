import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { codeSetVersions } from '../../db/schema/billing.js';
import { copyValue } from '../../demo/copy-lines.js';
import { isValidLocalDate } from '../../lib/dates.js';
import type { ParsedCode } from './code-file.parsers.js';
import { insertVersion, setVersionCount } from './code.repo.js';
import type { CodeSystem } from './code.rules.js';

/** What a version is: its system, release label, first day in force and (CPT only) owning practice. */
export interface CodeSetMeta {
  system: CodeSystem;
  label: string;
  effectiveFrom: string;
  practiceId?: string | null;
}

export interface CodeImportResult {
  versionId: string;
  codeCount: number;
  /** Milliseconds spent loading rows (COPY) and in total. */
  copyMs: number;
  totalMs: number;
}

const COLUMNS = ['version_id', 'kind', 'code', 'billable', 'short_description', 'description'] as const;
// Staged versions are invisible to every date of service until their rows are complete.
const STAGING_DATE = '9999-12-31';

/**
 * Imports one release of a code system with COPY. The version is created with an unreachable
 * effective date, loaded, counted, then given its real date in one statement, so a date of service never
 * sees a half-loaded release; any failure deletes it (rows cascade). Older releases are kept.
 * @throws Error when the label or effective date is already used for that system, or a row is bad
 */
export async function importCodeSet(database: Database, meta: CodeSetMeta, rows: Iterable<ParsedCode>): Promise<CodeImportResult> {
  if (!isValidLocalDate(meta.effectiveFrom) || meta.effectiveFrom >= STAGING_DATE) throw new Error('the effective date must be a date YYYY-MM-DD');
  const started = Date.now();
  const db = database.db;
  const existing = await db.select().from(codeSetVersions).where(eq(codeSetVersions.system, meta.system));
  const same = existing.find((v) => (v.practiceId ?? null) === (meta.practiceId ?? null) && (v.label === meta.label || v.effectiveFrom === meta.effectiveFrom));
  if (same) throw new Error(`${meta.system} already has version ${same.label} effective ${same.effectiveFrom}`);
  const version = await insertVersion(db, { ...meta, effectiveFrom: STAGING_DATE });
  try {
    const seen = new Set<string>();
    const lines = function* () {
      for (const r of rows) {
        const key = `${r.kind}:${r.code}`;
        if (seen.has(key)) throw new Error(`${r.kind.toLowerCase()} ${r.code} appears twice`);
        seen.add(key);
        yield `${[version.id, r.kind, r.code, r.billable ? 't' : 'f', r.shortDescription, r.description].map(copyValue).join('\t')}\n`;
      }
    };
    const copyStarted = Date.now();
    await database.copyFrom('codes', COLUMNS, lines());
    const copyMs = Date.now() - copyStarted;
    const codeCount = await setVersionCount(db, version.id);
    if (codeCount === 0) throw new Error('the file holds no codes');
    await db.update(codeSetVersions).set({ effectiveFrom: meta.effectiveFrom }).where(eq(codeSetVersions.id, version.id));
    // Fresh statistics (and a flushed trigram pending list) so the first searches use the indexes.
    await db.execute(sql`vacuum analyze codes`);
    return { versionId: version.id, codeCount, copyMs, totalMs: Date.now() - started };
  } catch (err) {
    await db.delete(codeSetVersions).where(eq(codeSetVersions.id, version.id));
    throw err;
  }
}
