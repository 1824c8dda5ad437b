import { Column, Name, Param, SQL, sql, StringChunk, Table } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';

/** A statement ready for the driver: its text (`$1`… for values) and the values, in order. */
export interface Rendered {
  text: string;
  params: unknown[];
}

// Tables and columns print the same way every time: drizzle renders each once (its casing, quoting,
// aliases), then the text is reused. Keyed by the object, so an alias proxy gets its own entry.
const names = new WeakMap<object, string>();

function nameOf(chunk: Table | Column, dialect: PgDialect): string {
  let text = names.get(chunk);
  if (text === undefined) {
    text = dialect.sqlToQuery(sql`${chunk}`).sql;
    names.set(chunk, text);
  }
  return text;
}

/** `sql.inlineParams()` was called on it (drizzle keeps the flag private): values go into the text. */
const inlines = (q: SQL) => (q as unknown as { shouldInlineParams: boolean }).shouldInlineParams;

const escapeName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Appends the text of `chunks` to `out.text` and their values to `params`, exactly as drizzle's
 * `sqlToQuery` would, for the chunk kinds page sources are made of (text, nested SQL, tables, columns,
 * bound values, lists). Returns false on anything else (the caller then lets drizzle render the whole).
 */
function walk(chunks: readonly unknown[], dialect: PgDialect, out: { text: string }, params: unknown[]): boolean {
  for (const chunk of chunks) {
    if (chunk instanceof StringChunk) {
      out.text += chunk.value.length === 1 ? chunk.value[0] : chunk.value.join('');
    } else if (chunk instanceof SQL) {
      if (inlines(chunk) || !walk(chunk.queryChunks, dialect, out, params)) return false;
    } else if (chunk instanceof Param) {
      const value = chunk.value === null ? null : chunk.encoder.mapToDriverValue(chunk.value);
      if (value instanceof SQL || (chunk.value !== null && typeof chunk.value === 'object' && 'getSQL' in chunk.value)) return false;
      params.push(value);
      out.text += `$${params.length}`;
    } else if (chunk instanceof Column || chunk instanceof Table) {
      out.text += nameOf(chunk, dialect);
    } else if (chunk === undefined) {
      // drizzle renders nothing for it
    } else if (Array.isArray(chunk)) {
      out.text += '(';
      for (let i = 0; i < chunk.length; i++) {
        if (i > 0) out.text += ', ';
        if (!walk([chunk[i]], dialect, out, params)) return false;
      }
      out.text += ')';
    } else if (chunk instanceof Name) {
      out.text += escapeName(chunk.value);
    } else if (chunk === null || typeof chunk !== 'object') {
      if (typeof chunk === 'function') return false;
      params.push(chunk);
      out.text += `$${params.length}`;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * Renders drizzle SQL to text and values without drizzle's general renderer (its entity checks and
 * per-chunk objects cost a few percent of a page request), numbering values after `params`' own.
 * The text depends only on the statement's structure, never on a value, so equal shapes give equal
 * texts (the database prepares each once).
 * @returns the text, or null when the SQL holds a chunk kind this renderer does not know (use drizzle's)
 */
export function renderInto(query: SQL, dialect: PgDialect, params: unknown[]): string | null {
  const out = { text: '' };
  const before = params.length;
  if (inlines(query) || !walk(query.queryChunks, dialect, out, params)) {
    params.length = before;
    return null;
  }
  return out.text;
}
