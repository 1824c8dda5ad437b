import type { Remittance } from './x12-835-types.js';

/** One claim adjustment reason code (X12 external code source 139). */
export interface CarcCode {
  code: string;
  description: string;
  /** Marked inactive by the source (it stays valid for remittances of past dates). */
  inactive: boolean;
  /** `YYYY-MM-DD` when the source gives one (X12's own list does; the CMS copy we ship does not). */
  startDate: string | null;
  stopDate: string | null;
}

/** A claim adjustment group code (CO, CR, OA, PI, PR) and its meaning. */
export interface AdjustmentGroupCode {
  code: string;
  description: string;
}

export interface CodeListProblem {
  /** 1-based line of the CSV file (1 = header). */
  line: number;
  message: string;
}

/** Splits CSV text (RFC 4180: quoted fields, "" escapes, CRLF or LF) into rows with their line numbers. */
function csvRows(text: string, problems: CodeListProblem[]): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) problems.push({ line: rowLine, message: 'a quoted field is not closed' });
  cells.push(cell);
  if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

const CODE = /^[A-Z0-9]{1,5}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function table(text: string, required: readonly string[]): { rows: { line: number; get: (col: string) => string | undefined }[]; problems: CodeListProblem[] } {
  const problems: CodeListProblem[] = [];
  const [header, ...body] = csvRows(text, problems);
  const columns = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length > 0) return { rows: [], problems: [...problems, { line: 1, message: `the header lacks the column(s) ${missing.join(', ')}` }] };
  const rows = body.map((r) => {
    if (r.cells.length !== columns.length) problems.push({ line: r.line, message: `has ${r.cells.length} fields; the header has ${columns.length}` });
    return { line: r.line, get: (col: string) => (columns.includes(col) ? r.cells[columns.indexOf(col)]?.trim() : undefined) };
  });
  return { rows, problems };
}

function codeAndDescription(r: { line: number; get: (col: string) => string | undefined }, seen: Set<string>, problems: CodeListProblem[]): { code: string; description: string } | null {
  const code = (r.get('code') ?? '').toUpperCase();
  const description = r.get('description') ?? '';
  if (!CODE.test(code)) problems.push({ line: r.line, message: `"${code.slice(0, 10)}" is not a code (1–5 letters or digits)` });
  else if (seen.has(code)) problems.push({ line: r.line, message: `code ${code} occurs twice` });
  if (!description) problems.push({ line: r.line, message: `code ${code.slice(0, 10)} has no description` });
  if (!CODE.test(code) || seen.has(code) || !description) return null;
  seen.add(code);
  return { code, description };
}

/**
 * Parses the CARC list (CSV with a header: `code`, `description`, optional `inactive` = Y/N/empty,
 * optional `start_date` / `stop_date` as YYYY-MM-DD). Rows with a problem are left out and listed.
 * @returns the codes in file order and every problem with its line
 */
export function parseCarcCsv(text: string): { codes: CarcCode[]; problems: CodeListProblem[] } {
  const { rows, problems } = table(text, ['code', 'description']);
  const seen = new Set<string>();
  const codes: CarcCode[] = [];
  for (const r of rows) {
    const base = codeAndDescription(r, seen, problems);
    const inactive = (r.get('inactive') ?? '').toUpperCase();
    if (!['', 'Y', 'N'].includes(inactive)) problems.push({ line: r.line, message: `inactive must be Y, N or empty, not "${inactive.slice(0, 5)}"` });
    const dates = (['start_date', 'stop_date'] as const).map((col) => {
      const v = r.get(col) ?? '';
      if (v && !DATE.test(v)) problems.push({ line: r.line, message: `${col} "${v.slice(0, 12)}" is not YYYY-MM-DD` });
      return v && DATE.test(v) ? v : null;
    });
    if (dates[0] && dates[1] && dates[1] < dates[0]) problems.push({ line: r.line, message: 'stop_date is before start_date' });
    if (base && !problems.some((p) => p.line === r.line)) codes.push({ ...base, inactive: inactive === 'Y', startDate: dates[0] ?? null, stopDate: dates[1] ?? null });
  }
  return { codes, problems: problems.sort((a, b) => a.line - b.line) };
}

/** Parses the claim adjustment group code list (CSV: `code`, `description`). */
export function parseAdjustmentGroupCsv(text: string): { codes: AdjustmentGroupCode[]; problems: CodeListProblem[] } {
  const { rows, problems } = table(text, ['code', 'description']);
  const seen = new Set<string>();
  const codes = rows.map((r) => codeAndDescription(r, seen, problems)).filter((c, i): c is AdjustmentGroupCode => c !== null && !problems.some((p) => p.line === rows[i]!.line));
  return { codes, problems: problems.sort((a, b) => a.line - b.line) };
}

/**
 * The CAS reason codes of a remittance that are not in the imported CARC list, with where they are:
 * the posting step lists them (an unknown code is kept as received, never dropped).
 */
export function unknownReasonCodes(r: Remittance, known: ReadonlySet<string>): { reason: string; claimIndex: number; lineNumber: number | null }[] {
  const out: { reason: string; claimIndex: number; lineNumber: number | null }[] = [];
  for (const c of r.claims) {
    for (const a of c.adjustments) if (!known.has(a.reason)) out.push({ reason: a.reason, claimIndex: c.index, lineNumber: null });
    for (const l of c.lines) for (const a of l.adjustments) if (!known.has(a.reason)) out.push({ reason: a.reason, claimIndex: c.index, lineNumber: l.lineNumber });
  }
  return out;
}
