import type { Db } from '../../db/client.js';
import type { ImportProblemJson } from '../../db/schema/imports.js';
import type { Principal } from '../../graphql/auth.js';
import type { AuditTrail } from '../audit/audit-trail.js';

export type ImportProblem = ImportProblemJson;

/** A row after parsing: its file line and its typed value. */
export interface ParsedRow<T> {
  line: number;
  value: T;
}

/**
 * What one kind of import brings to the framework (one file per target, e.g. supply-items.import.ts).
 * The framework reads the CSV, maps the header, reports missing and unknown columns, finds duplicate keys
 * within the file, batches rows, and runs everything in one transaction that commits only without problems.
 */
export interface ImportTarget<T> {
  name: string;
  /** Column names as they appear in the header (matched ignoring case and spaces/underscores). */
  columns: readonly { name: string; required: boolean }[];
  /** The column named in a duplicate-key problem. */
  keyColumn: string;
  /** Parses one row (cells by column name, '' when absent): a value, or problems. Pure. */
  parse(cells: Record<string, string>, line: number): { value: T | null; problems: ImportProblem[] };
  /** The key two rows of one file may not share. */
  key(value: T): string;
  /** Checks a batch against the database (existing duplicates, references); may resolve references in place. */
  check(db: Db, practiceId: string, batch: ParsedRow<T>[]): Promise<ImportProblem[]>;
  /** Writes a checked batch on the import's transaction. */
  write(tx: Db, principal: Principal, audit: AuditTrail, batch: ParsedRow<T>[]): Promise<void>;
}

/** Header names compare without case, spaces, dashes or underscores: "Pack Size" = "pack_size". */
export const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/[\s_-]+/g, '');

/** Parses a whole non-negative number; null when the text is not one. */
export function parseCount(text: string, max: number): number | null {
  if (!/^\d{1,9}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n <= max ? n : null;
}

/** yes/no, true/false, y/n, 1/0 (any case); null otherwise. */
export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(t)) return true;
  if (['no', 'n', 'false', '0', ''].includes(t)) return false;
  return null;
}

/** A US number written with or without +1 and punctuation, as E.164; anything else is left for the rule to refuse. */
export const e164 = (text: string) => {
  const digits = text.replace(/[\s().-]/g, '');
  if (/^\d{10}$/.test(digits)) return `+1${digits}`;
  if (/^1\d{10}$/.test(digits)) return `+${digits}`;
  return digits;
};

/** Problems of a row, deduplicated, in the target's column order. */
export function inColumnOrder(problems: ImportProblem[], order: readonly string[]): ImportProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const k = `${p.column}|${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => order.indexOf(a.column ?? '') - order.indexOf(b.column ?? ''));
}
