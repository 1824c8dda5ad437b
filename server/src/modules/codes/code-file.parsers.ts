import { parseCsvLine } from '../../lib/csv.js';
import type { CodeKind } from './code.rules.js';

/** One code read from an official file. */
export interface ParsedCode {
  kind: CodeKind;
  code: string;
  billable: boolean;
  shortDescription: string | null;
  description: string;
}

/** A line the parser could not read: its 1-based number and why (no content echoed). */
export class CodeFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const ORDER_LINE = /^\d{5} [A-Z0-9 ]{7} [01] /;
const ICD_CODE = /^[A-Z][0-9A][0-9A-Z][0-9A-Z]{0,4}$/;

/**
 * Reads ICD-10-CM lines in either official layout (detected per file from its first line):
 * - the order file (`icd10cm-order-YYYY.txt`): order number (1–5), code (7–13), header flag 0/1 (15),
 *   short description (17–76), long description (78–); flag 0 = a header, not billable;
 * - the code-and-description file (`icd10cm-codes-YYYY.txt`): code (1–7), long description (9–); every
 *   code in it is billable.
 */
export function* parseIcd10cm(lines: Iterable<string>): Generator<ParsedCode> {
  let n = 0;
  let order: boolean | null = null;
  for (const raw of lines) {
    n++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    order ??= ORDER_LINE.test(line);
    const code = (order ? line.slice(6, 13) : line.slice(0, 7)).trim();
    if (!ICD_CODE.test(code) || (order && !ORDER_LINE.test(line))) throw new CodeFileError(n, order ? 'is not an ICD-10-CM order-file record' : 'does not start with an ICD-10-CM code');
    const description = (order ? line.slice(77) : line.slice(8)).trim();
    if (!description) throw new CodeFileError(n, 'has no description');
    yield { kind: 'DIAGNOSIS', code, billable: order ? line[14] === '1' : true, shortDescription: order ? line.slice(16, 76).trim() : null, description };
  }
}

interface AnwebRecord {
  code: string;
  recordId: string;
  longLine: string;
  short: string;
}

/** CMS fixed-width ANWEB record: code 1–5, sequence 6–10, record id 11, long-description line 12–91, short description 92–119. */
function fixedRecord(line: string): AnwebRecord {
  return { code: line.slice(0, 5).trim(), recordId: line[10] ?? '', longLine: line.slice(11, 91).trim(), short: line.slice(91, 119).trim() };
}

// A 79-character first column means the record's 80th character spilled into the next column.
const SPILL = /^([a-z]|[0-9][A-Z]|[)\].,;:])/;

/**
 * The column-split CSV of the ANWEB file (header `Code,Description1,Description2,…`): Code = HCPC code +
 * 5-digit sequence + record id; Description1 = the long-description line cut at 79 characters, whose
 * 80th character, if any, starts Description2; Description2 on a first record also holds the short description.
 */
function csvRecord(fields: string[]): AnwebRecord {
  const [key = '', d1 = '', d2 = ''] = fields;
  const first = key.endsWith('3') || key.endsWith('7');
  const spill = d1.length === 79 && (first ? SPILL.test(d2) : d2.length > 0) ? d2[0]! : '';
  return { code: key.slice(0, -6), recordId: key.slice(-1), longLine: `${d1}${spill}`.trim(), short: first ? d2.slice(spill.length, spill.length + 28).trim() : '' };
}

/**
 * Reads the CMS HCPCS Level II alpha-numeric (ANWEB) file, fixed width (.txt) or its column-split CSV:
 * record id 3 starts a procedure/supply code, 7 a modifier, 4 and 8 continue the long description.
 */
export function* parseHcpcsAnweb(lines: Iterable<string>): Generator<ParsedCode> {
  let n = 0;
  let csv: boolean | null = null;
  let current: ParsedCode | null = null;
  for (const raw of lines) {
    n++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (csv === null) {
      csv = line.startsWith('Code,Description1');
      if (csv) continue;
    }
    const fields = csv ? parseCsvLine(line) : null;
    if (csv && !fields) throw new CodeFileError(n, 'has an unclosed quote');
    const r = csv ? csvRecord(fields!) : fixedRecord(line);
    if (r.recordId === '3' || r.recordId === '7') {
      if (current) yield current;
      const kind = r.recordId === '3' ? 'PROCEDURE' : 'MODIFIER';
      if (kind === 'PROCEDURE' ? !/^[A-V][0-9]{4}$/.test(r.code) : !/^[0-9A-Z]{2}$/.test(r.code)) throw new CodeFileError(n, `has a malformed ${kind === 'PROCEDURE' ? 'HCPCS code' : 'modifier'}`);
      current = { kind, code: r.code, billable: true, shortDescription: r.short || null, description: r.longLine.replace(/\s+/g, ' ') };
    } else if (r.recordId === '4' || r.recordId === '8') {
      if (!current || current.code !== r.code) throw new CodeFileError(n, 'continues a code that did not start on an earlier line');
      current.description = `${current.description} ${r.longLine}`.replace(/\s+/g, ' ').trim();
    } else {
      throw new CodeFileError(n, 'has an unknown record id (expected 3, 4, 7 or 8)');
    }
  }
  if (current) yield current;
}

/** The CMS place-of-service list as CSV `code,description[,assigned]` (unassigned codes are skipped). */
export function* parsePlaceOfService(lines: Iterable<string>): Generator<ParsedCode> {
  let n = 0;
  for (const raw of lines) {
    n++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || (n === 1 && line.toLowerCase().startsWith('code,'))) continue;
    const f = parseCsvLine(line);
    if (f?.[2] === 'N') continue;
    if (!f || !/^[0-9]{2}$/.test(f[0] ?? '') || !f[1]) throw new CodeFileError(n, 'is not "code,description[,assigned]" with a 2-digit code');
    yield { kind: 'POS', code: f[0]!, billable: true, shortDescription: null, description: f[1] };
  }
}

/** A practice's licensed CPT file as `code<TAB>description` or `code,description` lines (header optional). */
export function* parseCptFile(lines: Iterable<string>): Generator<ParsedCode> {
  let n = 0;
  for (const raw of lines) {
    n++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || (n === 1 && /^code[\t,]/i.test(line))) continue;
    const f = line.includes('\t') ? line.split('\t') : parseCsvLine(line);
    const code = f?.[0]?.trim().toUpperCase() ?? '';
    if (!/^[0-9]{4}[0-9FTU]$/.test(code) && !/^[0-9]{2}$/.test(code)) throw new CodeFileError(n, 'does not start with a CPT code or a 2-digit modifier');
    const description = f!.slice(1).join(' ').trim();
    if (!description) throw new CodeFileError(n, 'has no description');
    yield { kind: code.length === 2 ? 'MODIFIER' : 'PROCEDURE', code, billable: true, shortDescription: null, description };
  }
}
