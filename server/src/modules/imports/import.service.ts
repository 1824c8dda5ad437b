import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { csvField } from '../../lib/csv.js';
import { readCsv } from '../../lib/csv-stream.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { EXCLUSION_VIOLATION, sqlState, UNIQUE_VIOLATION } from '../scheduling/sql-state.js';
import { mapHeader } from './import-header.js';
import { findMapping } from './import-mapping.repo.js';
import { endProgress, startProgress } from './import-progress.js';
import { insertRejectedRows } from './import-rejects.repo.js';
import { findCommitted, type ImportRow, insertImport } from './import.repo.js';
import type { ImportProblem, ImportTarget, ParsedRow } from './import-target.js';

/** Rows checked and written together: one round of database checks and one insert per batch. */
export const IMPORT_BATCH = 500;
/** Problems kept on the import record and returned (all are counted). */
export const MAX_PROBLEMS = 1000;

/** Thrown inside the transaction to roll back a commit that found problems. */
class Rejected extends Error {}

export type ImportMode = 'ALL_OR_NOTHING' | 'GOOD_ROWS';

export interface ImportOptions {
  dryRun: boolean;
  fileName?: string | null;
  /** ALL_OR_NOTHING (default): any problem rejects the file. GOOD_ROWS: good rows are written, bad ones kept as a rejected-rows CSV. */
  mode?: ImportMode;
  /** The import's id (chosen by the client to poll its progress); a new one otherwise. */
  id?: string;
  /** The file's size when known (Content-Length), for the percent done. */
  totalBytes?: number | null;
  /** What the run is for beyond the target (e.g. one fee schedule): a file is committed once per target and scope. */
  scope?: string;
  /** Called after each batch (a bench measures memory here). */
  onBatch?: (rowsRead: number) => void;
}

/**
 * The in-file duplicate check keeps one entry per row read: a 96-bit digest of the row's key (16 characters)
 * instead of the key itself (names and dates as concatenated strings, ~200 bytes a row), so a 100k-row file
 * holds about 6 MB of keys rather than 20 MB. Two different keys share a digest with probability ~n²/2⁹⁷.
 */
const keyDigest = (key: string) => createHash('sha1').update(key).digest('base64').slice(0, 16);

/** The problem cell of a rejected row: "column: message; …". */
const problemText = (ps: ImportProblem[]) => ps.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join('; ');
const csvRecord = (fields: readonly string[], problem: string) => [...fields, problem].map(csvField).join(',');

/**
 * Runs an import of a CSV byte stream into one target, in one pass with memory bounded by a batch (plus
 * the keys seen, for duplicates within the file): maps the header (by the practice's saved mapping when
 * the header matches it, else by name), reports every problem with its line, column and message (missing
 * or unknown columns, bad cells, duplicates in the file and in the database, bad encoding), and writes the
 * rows in one transaction. ALL_OR_NOTHING commits only when there is no problem; GOOD_ROWS writes the good
 * rows and stores each bad row (its own fields plus a problem field) for the rejected-rows CSV, but still
 * refuses the whole file for a problem of the header or a file committed before. A dry run writes nothing.
 * Each run is recorded (who, when, file SHA-256, counts, problems) and audited; progress (rows, bytes) is
 * kept in the process's progress store while it runs.
 * @returns the import record
 */
export async function runImport<T>(db: Db, principal: Principal, audit: AuditTrail, target: ImportTarget<T>, bytes: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, opts: ImportOptions): Promise<ImportRow> {
  const id = opts.id ?? randomUUID();
  const mode = opts.mode ?? 'ALL_OR_NOTHING';
  const progress = startProgress({ id, practiceId: principal.practiceId, target: target.name, mode, fileName: opts.fileName ?? null, createdBy: principal.userId, totalBytes: opts.totalBytes ?? null });
  const hash = createHash('sha256');
  let sha: string | null = null;
  const digest = () => (sha ??= hash.digest('hex'));
  const hashed = (async function* () {
    for await (const chunk of bytes) {
      hash.update(chunk);
      progress.bytes += chunk.byteLength;
      yield chunk;
    }
  })();
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  let fileProblems = 0; // of the header or the whole file: a GOOD_ROWS commit is refused too
  const report = (p: ImportProblem[]) => {
    problemCount += p.length;
    for (const x of p) {
      if (x.line === 1) fileProblems++;
      if (problems.length < MAX_PROBLEMS) problems.push(x);
    }
  };
  let rows = 0;
  let rejectedRows = 0;
  const record = (tx: Db, status: 'DRY_RUN' | 'COMMITTED' | 'REJECTED') =>
    insertImport(tx, { id, practiceId: principal.practiceId, target: target.name, scope: opts.scope ?? '', fileSha256: digest(), fileName: opts.fileName ?? null, status, mode, rows, problemCount, rejectedRows: status === 'COMMITTED' ? rejectedRows : 0, problems, createdBy: principal.userId });
  const saved = (await findMapping(db, principal.practiceId, target.name))?.columns ?? null;

  const pass = async (tx: Db, write: boolean) => {
    const keepRejects = write && mode === 'GOOD_ROWS';
    let header: string[] | null = null;
    let columns: (string | null)[] | null = null;
    const seen = new Map<string, number>();
    let batch: ParsedRow<T>[] = [];
    const fieldsOf = new Map<number, string[]>();
    let rejects: { line: number; record: string }[] = [];
    const reject = (line: number, fields: readonly string[], ps: ImportProblem[]) => {
      report(ps);
      if (!keepRejects) return;
      if (rejectedRows++ === 0) rejects.push({ line: 1, record: csvRecord(header ?? [], 'problem') });
      rejects.push({ line, record: csvRecord(fields, problemText(ps)) });
    };
    const flush = async () => {
      if (batch.length > 0) {
        const found = await target.check(tx, principal.practiceId, batch);
        const byLine = new Map<number, ImportProblem[]>();
        for (const p of found) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
        for (const [line, ps] of byLine) reject(line, fieldsOf.get(line) ?? [], ps);
        const good = byLine.size ? batch.filter((r) => !byLine.has(r.line)) : batch;
        if (write && good.length && (mode === 'GOOD_ROWS' ? fileProblems === 0 : problemCount === 0)) await target.write(tx, principal, audit, good);
      }
      if (rejects.length) await insertRejectedRows(tx, principal.practiceId, id, rejects.sort((a, b) => a.line - b.line));
      batch = [];
      rejects = [];
      fieldsOf.clear();
      progress.rows = rows;
      opts.onBatch?.(rows);
    };
    for await (const event of readCsv(hashed)) {
      if (event.kind === 'problem') {
        const problem = { line: event.problem.line, column: null, message: event.problem.message };
        if (columns) {
          rows++;
          reject(problem.line, event.problem.fields ?? [], [problem]);
        } else report([problem]);
        continue;
      }
      const { line, fields } = event.record;
      if (!columns) {
        header = fields;
        columns = mapHeader(target, fields, saved, report);
        continue;
      }
      rows++;
      if (fields.length !== columns.length) {
        reject(line, fields, [{ line, column: null, message: `has ${fields.length} fields; the header has ${columns.length}` }]);
        continue;
      }
      const cells: Record<string, string> = {};
      columns.forEach((c, i) => {
        if (c) cells[c] = fields[i]!;
      });
      const parsed = target.parse(cells, line);
      if (!parsed.value) {
        reject(line, fields, parsed.problems);
        continue;
      }
      const key = keyDigest(target.key(parsed.value));
      const first = seen.get(key);
      if (first !== undefined) {
        reject(line, fields, [{ line, column: target.keyColumn, message: `repeats line ${first} of this file` }]);
        continue;
      }
      seen.set(key, line);
      batch.push({ line, value: parsed.value });
      if (keepRejects) fieldsOf.set(line, fields);
      if (batch.length >= IMPORT_BATCH) await flush();
    }
    await flush();
    if (!columns) report([{ line: 1, column: null, message: 'the file is empty: it needs a header line' }]);
  };

  const alreadyImported = async (tx: Db) => {
    const before = await findCommitted(tx, principal.practiceId, target.name, opts.scope ?? '', digest());
    if (before) report([{ line: 1, column: null, message: `this file was already imported (import ${before.id})` }]);
  };
  const refused = () => (mode === 'GOOD_ROWS' ? fileProblems > 0 : problemCount > 0);
  try {
    if (opts.dryRun) {
      await pass(db, false);
      await alreadyImported(db);
      return await audited(db, audit, await record(db, 'DRY_RUN'));
    }
    try {
      return await db.transaction(async (tx) => {
        await pass(tx, true);
        await alreadyImported(tx);
        if (refused()) throw new Rejected();
        const row = await record(tx, 'COMMITTED');
        await audit.write(tx, 'CREATE', 'Import', row.id);
        return row;
      });
    } catch (err) {
      // A concurrent commit of the same file won the unique index, or a row met a record written meanwhile
      // (a unique key, or a deferred exclusion such as one active coverage per order, checked at commit).
      if (sqlState(err) === UNIQUE_VIOLATION || sqlState(err) === EXCLUSION_VIOLATION) {
        const found = problemCount;
        await alreadyImported(db);
        // Otherwise a row met a record created while the file was importing (a SKU added meanwhile).
        if (problemCount === found) report([{ line: 1, column: null, message: 'a row conflicts with a change made while the file was importing; run the import again' }]);
      } else if (!(err instanceof Rejected)) throw err;
      return await audited(db, audit, await record(db, 'REJECTED'));
    }
  } finally {
    endProgress(progress);
  }
}

async function audited(db: Db, audit: AuditTrail, row: ImportRow): Promise<ImportRow> {
  await audit.write(db, 'CREATE', 'Import', row.id);
  return row;
}
