import { isValidLocalDate } from '../../lib/dates.js';
import { csvField } from '../../lib/csv.js';
import { isModifierFormat, modifierKey, procedureSystem } from '../codes/code.rules.js';

/**
 * The fee-schedule columns (read by the FEE_SCHEDULES import, written by the export):
 * - code: CPT (5 characters) or HCPCS Level II (letter + 4 digits)
 * - modifiers: up to 4 two-character modifiers separated by spaces (empty for none)
 * - amount: decimal dollars with at most 2 decimals ("125", "125.5", "125.00"), converted to cents exactly
 * - effective_from: YYYY-MM-DD; effective_to: YYYY-MM-DD or empty (open-ended), inclusive
 * - label: the practice's own text for the code (optional, ≤ 200 characters)
 */
export const FEE_CSV_COLUMNS = ['code', 'modifiers', 'amount', 'effective_from', 'effective_to', 'label'] as const;

/** One price of a fee-schedule row. */
export interface FeePrice {
  code: string;
  /** The stored modifier key (sorted, comma-separated; '' for none). */
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

/**
 * Parses the price cells of one row (cells by column name, '' when absent).
 * @returns the price, or null with its problems (never echoing a value)
 */
export function parseFeeCells(line: number, c: Record<string, string>): { price: FeePrice | null; problems: FeeCsvError[] } {
  const problems: FeeCsvError[] = [];
  const err = (column: string, message: string) => problems.push({ line, column, message });
  const cell = (column: string) => (c[column] ?? '').trim();
  const code = cell('code').toUpperCase();
  if (!procedureSystem(code)) err('code', 'must be a CPT (5 characters) or HCPCS Level II (letter + 4 digits) code');
  const mods = cell('modifiers') ? cell('modifiers').toUpperCase().split(/\s+/) : [];
  if (mods.length > 4 || !mods.every(isModifierFormat)) err('modifiers', 'must be up to 4 two-character modifiers separated by spaces');
  const amountCents = dollarsToCents(cell('amount'));
  if (amountCents === null) err('amount', 'must be a non-negative amount in dollars with at most 2 decimals, e.g. 125.00');
  const from = cell('effective_from');
  const to = cell('effective_to');
  if (!isValidLocalDate(from)) err('effective_from', 'must be a date YYYY-MM-DD');
  if (to && !isValidLocalDate(to)) err('effective_to', 'must be a date YYYY-MM-DD or empty');
  else if (to && isValidLocalDate(from) && to < from) err('effective_to', 'must not be before effective_from');
  const label = cell('label');
  if (label.length > 200) err('label', 'must be at most 200 characters');
  else if (LABEL_CONTROL.test(label)) err('label', 'must not contain control characters');
  if (problems.length) return { price: null, problems };
  return { price: { code, modifiers: modifierKey(mods), amountCents: amountCents!, effectiveFrom: from, effectiveTo: to || null, label: label || null }, problems };
}

/** Writes entries as CSV (header included), amounts in dollars: what the FEE_SCHEDULES import reads back. */
export function formatFeeCsv(entries: readonly { code: string; modifiers: string; amountCents: number; effectiveFrom: string; effectiveTo: string | null; label: string | null }[]): string {
  const lines = [FEE_CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push([e.code, e.modifiers.split(',').join(' '), centsToDollars(e.amountCents), e.effectiveFrom, e.effectiveTo ?? '', e.label ?? ''].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}
