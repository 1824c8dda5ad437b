import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { readCsv } from '../../lib/csv-stream.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sqlState, UNIQUE_VIOLATION } from '../scheduling/sql-state.js';
import { findCommitted, type ImportRow, insertImport } from './import.repo.js';
import { type ImportProblem, type ImportTarget, normalizeHeader, type ParsedRow } from './import-target.js';

/** Rows checked and written together: one round of database checks and one insert per batch. */
export const IMPORT_BATCH = 500;
/** Problems kept on the import record and returned (all are counted). */
export const MAX_PROBLEMS = 1000;

/** Thrown inside the transaction to roll back a commit that found problems. */
class Rejected extends Error {}

export interface ImportOptions {
  dryRun: boolean;
  fileName?: string | null;
}

/**
 * Runs an import of a CSV byte stream into one target, in one pass with memory bounded by a batch (plus
 * the keys seen, for duplicates within the file): maps the header, reports every problem with its line,
 * column and message (missing or unknown columns, bad cells, duplicates in the file and in the database,
 * bad encoding), and writes the rows in one transaction that commits only when there is no problem
 * (all or nothing). A dry run writes nothing. Each run is recorded (who, when, file SHA-256, counts,
 * problems) and audited; a file already committed for the target is refused.
 * @returns the import record
 */
export async function runImport<T>(db: Db, principal: Principal, audit: AuditTrail, target: ImportTarget<T>, bytes: AsyncIterable<Uint8Array>, opts: ImportOptions): Promise<ImportRow> {
  const hash = createHash('sha256');
  let sha: string | null = null;
  const digest = () => (sha ??= hash.digest('hex'));
  const hashed = (async function* () {
    for await (const chunk of bytes) {
      hash.update(chunk);
      yield chunk;
    }
  })();
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const report = (p: ImportProblem[]) => {
    problemCount += p.length;
    for (const x of p) if (problems.length < MAX_PROBLEMS) problems.push(x);
  };
  let rows = 0;
  const record = (tx: Db, status: 'DRY_RUN' | 'COMMITTED' | 'REJECTED') =>
    insertImport(tx, { practiceId: principal.practiceId, target: target.name, fileSha256: digest(), fileName: opts.fileName ?? null, status, rows, problemCount, problems, createdBy: principal.userId });

  const pass = async (tx: Db, write: boolean) => {
    let columns: (string | null)[] | null = null;
    const seen = new Map<string, number>();
    let batch: ParsedRow<T>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const found = await target.check(tx, principal.practiceId, batch);
      report(found);
      if (write && problemCount === 0) await target.write(tx, principal, audit, batch);
      batch = [];
    };
    for await (const event of readCsv(hashed)) {
      if (event.kind === 'problem') {
        if (columns) rows++;
        report([{ line: event.problem.line, column: null, message: event.problem.message }]);
        continue;
      }
      const { line, fields } = event.record;
      if (!columns) {
        columns = header(target, fields, report);
        continue;
      }
      rows++;
      if (fields.length !== columns.length) {
        report([{ line, column: null, message: `has ${fields.length} fields; the header has ${columns.length}` }]);
        continue;
      }
      const cells: Record<string, string> = {};
      columns.forEach((c, i) => {
        if (c) cells[c] = fields[i]!;
      });
      const parsed = target.parse(cells, line);
      report(parsed.problems);
      if (!parsed.value) continue;
      const key = target.key(parsed.value);
      const first = seen.get(key);
      if (first !== undefined) {
        report([{ line, column: target.keyColumn, message: `repeats line ${first} of this file` }]);
        continue;
      }
      seen.set(key, line);
      batch.push({ line, value: parsed.value });
      if (batch.length >= IMPORT_BATCH) await flush();
    }
    await flush();
    if (!columns) report([{ line: 1, column: null, message: 'the file is empty: it needs a header line' }]);
  };

  const alreadyImported = async (tx: Db) => {
    const before = await findCommitted(tx, principal.practiceId, target.name, digest());
    if (before) report([{ line: 1, column: null, message: `this file was already imported (import ${before.id})` }]);
  };
  if (opts.dryRun) {
    await pass(db, false);
    await alreadyImported(db);
    return audited(db, audit, await record(db, 'DRY_RUN'));
  }
  try {
    return await db.transaction(async (tx) => {
      await pass(tx, true);
      await alreadyImported(tx);
      if (problemCount > 0) throw new Rejected();
      const row = await record(tx, 'COMMITTED');
      await audit.write(tx, 'CREATE', 'Import', row.id);
      return row;
    });
  } catch (err) {
    // A concurrent commit of the same file won the unique index.
    if (sqlState(err) === UNIQUE_VIOLATION) {
      const found = problemCount;
      await alreadyImported(db);
      // Otherwise a row met a record created while the file was importing (a SKU added meanwhile).
      if (problemCount === found) report([{ line: 1, column: null, message: 'a row conflicts with a change made while the file was importing; run the import again' }]);
    } else if (!(err instanceof Rejected)) throw err;
    return audited(db, audit, await record(db, 'REJECTED'));
  }
}

async function audited(db: Db, audit: AuditTrail, row: ImportRow): Promise<ImportRow> {
  await audit.write(db, 'CREATE', 'Import', row.id);
  return row;
}

/** Maps header cells to the target's columns; reports missing required, unknown and repeated columns. */
function header<T>(target: ImportTarget<T>, fields: string[], report: (p: ImportProblem[]) => void): (string | null)[] {
  const byKey = new Map(target.columns.map((c) => [normalizeHeader(c.name), c.name]));
  const used = new Set<string>();
  const columns = fields.map((f) => {
    const name = byKey.get(normalizeHeader(f)) ?? null;
    if (!name) report([{ line: 1, column: f.trim(), message: `is not a column of this import (columns: ${target.columns.map((c) => c.name).join(', ')})` }]);
    else if (used.has(name)) report([{ line: 1, column: name, message: 'appears twice in the header' }]);
    if (name) used.add(name);
    return name;
  });
  for (const c of target.columns) if (c.required && !used.has(c.name)) report([{ line: 1, column: c.name, message: 'is a required column and is missing' }]);
  return columns;
}
