import { isValidLocalDate } from '../../lib/dates.js';
import { csvField, parseCsvLine, splitLines } from '../../lib/csv.js';
import { isModifierFormat, modifierKey, procedureSystem } from '../codes/code.rules.js';

/**
 * The fee-schedule CSV: a header line with exactly these columns, then one price a line.
 * - code: CPT (5 characters) or HCPCS Level II (letter + 4 digits)
 * - modifiers: up to 4 two-character modifiers separated by spaces (empty for none)
 * - amount: decimal dollars with at most 2 decimals ("125", "125.5", "125.00"), converted to cents exactly
 * - effective_from: YYYY-MM-DD; effective_to: YYYY-MM-DD or empty (open-ended), inclusive
 * - label: the practice's own text for the code (optional, ≤ 200 characters)
 */
export const FEE_CSV_COLUMNS = ['code', 'modifiers', 'amount', 'effective_from', 'effective_to', 'label'] as const;

export interface FeeCsvRow {
  line: number;
  code: string;
  modifiers: string;
  amountCents: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  label: string | null;
}

/** A bad cell or line: 1-based line (the header is line 1), column name (or null for the whole line), why. */
export interface FeeCsvError {
  line: number;
  column: string | null;
  message: string;
}

const MAX_ROWS = 20_000;
// The CSV document may carry line breaks; a label may not carry any control or bidirectional override.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const LABEL_CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** "125.50" → 12550 without floating point; null when not a non-negative amount with ≤ 2 decimals. */
export function dollarsToCents(text: string): number | null {
  const m = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/^\$/, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 12550 → "125.50". */
export function centsToDollars(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function parseRow(line: number, f: string[], errors: FeeCsvError[]): FeeCsvRow | null {
  const before = errors.length;
  const err = (column: string, message: string) => errors.push({ line, column, message });
  const [rawCode = '', rawMods = '', rawAmount = '', from = '', to = '', rawLabel = ''] = f.map((v) => v.trim());
  const code = rawCode.toUpperCase();
  if (!procedureSystem(code)) err('code', 'must be a CPT (5 characters) or HCPCS Level II (letter + 4 digits) code');
  const mods = rawMods ? rawMods.toUpperCase().split(/\s+/) : [];
  if (mods.length > 4 || !mods.every(isModifierFormat)) err('modifiers', 'must be up to 4 two-character modifiers separated by spaces');
  const amountCents = dollarsToCents(rawAmount);
  if (amountCents === null) err('amount', 'must be a non-negative amount in dollars with at most 2 decimals, e.g. 125.00');
  if (!isValidLocalDate(from)) err('effective_from', 'must be a date YYYY-MM-DD');
  if (to && !isValidLocalDate(to)) err('effective_to', 'must be a date YYYY-MM-DD or empty');
  else if (to && isValidLocalDate(from) && to < from) err('effective_to', 'must not be before effective_from');
  if (rawLabel.length > 200) err('label', 'must be at most 200 characters');
  else if (LABEL_CONTROL.test(rawLabel)) err('label', 'must not contain control characters');
  if (errors.length > before) return null;
  return { line, code, modifiers: modifierKey(mods), amountCents: amountCents!, effectiveFrom: from, effectiveTo: to || null, label: rawLabel || null };
}

/** Reports rows whose code, modifiers and dates overlap an earlier row of the file. */
function findOverlaps(rows: FeeCsvRow[], errors: FeeCsvError[]): void {
  const byKey = new Map<string, FeeCsvRow[]>();
  for (const r of rows) {
    const key = `${r.code}|${r.modifiers}`;
    const earlier = byKey.get(key) ?? [];
    const clash = earlier.find((e) => e.effectiveFrom <= (r.effectiveTo ?? '9999-12-31') && r.effectiveFrom <= (e.effectiveTo ?? '9999-12-31'));
    if (clash) errors.push({ line: r.line, column: 'effective_from', message: `overlaps line ${clash.line} (same code and modifiers)` });
    byKey.set(key, [...earlier, r]);
  }
}

/**
 * Parses a whole fee-schedule CSV. Every problem is reported; rows are usable only when errors is empty.
 * @returns the parsed rows and the errors (line, column, message — values are never echoed)
 */
export function parseFeeCsv(text: string): { rows: FeeCsvRow[]; errors: FeeCsvError[] } {
  const lines = splitLines(text.replace(/^\uFEFF/, ''));
  const errors: FeeCsvError[] = [];
  const header = parseCsvLine(lines[0] ?? '')?.map((h) => h.trim().toLowerCase());
  if (!header || header.join(',') !== FEE_CSV_COLUMNS.join(',')) return { rows: [], errors: [{ line: 1, column: null, message: `the header must be ${FEE_CSV_COLUMNS.join(',')}` }] };
  if (lines.length - 1 > MAX_ROWS) return { rows: [], errors: [{ line: MAX_ROWS + 2, column: null, message: `at most ${MAX_ROWS} rows` }] };
  const rows: FeeCsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const f = parseCsvLine(lines[i]!);
    if (!f) errors.push({ line: i + 1, column: null, message: 'has an unclosed quote' });
    else if (f.length !== FEE_CSV_COLUMNS.length) errors.push({ line: i + 1, column: null, message: `must have ${FEE_CSV_COLUMNS.length} columns, not ${f.length}` });
    else {
      const row = parseRow(i + 1, f, errors);
      if (row) rows.push(row);
    }
  }
  findOverlaps(rows, errors);
  if (rows.length === 0 && errors.length === 0) errors.push({ line: 2, column: null, message: 'the file has no rows' });
  return { rows, errors: errors.sort((a, b) => a.line - b.line) };
}

/** Writes entries as the same CSV (header included), amounts in dollars. */
export function formatFeeCsv(entries: readonly { code: string; modifiers: string; amountCents: number; effectiveFrom: string; effectiveTo: string | null; label: string | null }[]): string {
  const lines = [FEE_CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push([e.code, e.modifiers.split(',').join(' '), centsToDollars(e.amountCents), e.effectiveFrom, e.effectiveTo ?? '', e.label ?? ''].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}
