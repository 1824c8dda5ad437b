import { type SQL, sql, type Table } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { type Db, rowsOf } from '../client.js';
import { executeText } from '../execute-text.js';
import { type CompiledNode, type PageRowSql, pageRowSql, pageRows } from './node-sql.js';
import { type Rendered, renderInto } from './render-sql.js';
import { argumentAt, type TreeSelection } from './tree-selection.js';

/** A sort key of a page: a column of the page's rows, and its direction in page order. */
export interface PageKey {
  column: string;
  descending: boolean;
}

/** What a module gives to read one page as a tree. */
export interface PageSource {
  /** The page's rows of the root table (every column), filtered, ordered and limited: a subquery. */
  rows: SQL;
  /** The keyset of the page, most significant first; each row's cursor values are these columns. */
  keys: readonly PageKey[];
  /** A scalar subquery counting every matching row (totalCount), or null when not selected. */
  count: SQL | null;
  /**
   * A boolean scalar subquery saying whether the page's owner (a location, a patient…) is the caller's,
   * so "not found" and "an empty page" are told apart in the same statement; omitted when nothing owns the list.
   */
  exists?: SQL;
}

/**
 * The rows of a page as `PageSource.rows`: every column of `table`, filtered, ordered and limited. Plain
 * `select *` rather than drizzle's select builder, which lists and renders every column on each request.
 */
export function tableRows(table: Table, where: SQL | undefined, orderBy: readonly SQL[], limit: number): SQL {
  return sql`select * from ${table}${where ? sql` where ${where}` : sql``} order by ${sql.join([...orderBy], sql`, `)} limit ${limit}`;
}

/** One row of a tree page: its cursor key values and its object, shaped like the GraphQL type. */
export type TreeRow = [key: unknown[], node: Record<string, unknown>];

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** The page statement's text before the rows subquery, for one compiled node and keyset (cached). */
interface Head {
  /** Ends with `from (`; the node's arguments are `$1`… in the order of `args`. */
  text: string;
  args: readonly (readonly string[])[];
  /** How each row is written (keys the node already holds are not written twice). */
  row: PageRowSql;
}

const heads = new WeakMap<CompiledNode, Map<string, Head>>();

function headOf(node: CompiledNode, keys: readonly PageKey[]): Head {
  let byKeys = heads.get(node);
  if (!byKeys) {
    byKeys = new Map();
    heads.set(node, byKeys);
  }
  let sig = '';
  for (const k of keys) sig += `${k.column}${k.descending ? '-' : '+'}`;
  let head = byKeys.get(sig);
  if (!head) {
    for (const k of keys) if (!IDENT.test(k.column)) throw new Error(`not a plain column name: ${k.column}`);
    const row = pageRowSql(node, keys.map((k) => k.column));
    const order = keys.map((k) => `t0.${k.column}${k.descending ? ' desc' : ''}`).join(', ');
    let text = `select (select coalesce(json_agg(${row.open}`;
    const args: (readonly string[])[] = [];
    for (const part of node.parts) {
      if (typeof part === 'string') {
        text += part;
      } else {
        args.push(part.arg);
        text += `$${args.length}`;
      }
    }
    head = { text: `${text}${row.close} order by ${order}), '[]'::json) from (`, args, row };
    byKeys.set(sig, head);
  }
  return head;
}

/**
 * The statement for a page: one row holding the page as a JSON array of its rows in page order (each
 * the node, or [keys the node lacks, node]: `pageRowSql`), and the count. The head (keys and node) is
 * built once per selection shape and keyset; the sources are rendered by `renderInto`, so the text
 * depends only on the shape and on which filters the source holds, and every value is a parameter.
 * @returns null when a source holds SQL the fast renderer does not know (then drizzle renders `pageStatement`)
 */
export function pageQuery(dialect: PgDialect, source: PageSource, node: CompiledNode, sel: TreeSelection): Rendered | null {
  const head = headOf(node, source.keys);
  const params: unknown[] = [];
  for (const path of head.args) {
    const value = argumentAt(sel, path);
    // drizzle renders a list or SQL value as SQL of its own: leave those to it
    if (value !== null && typeof value === 'object' && (Array.isArray(value) || 'getSQL' in value)) return null;
    params.push(value);
  }
  const rows = renderInto(source.rows, dialect, params);
  if (rows === null) return null;
  let text = `${head.text}${rows}) t0) as rows, `;
  if (source.count) {
    const count = renderInto(source.count, dialect, params);
    if (count === null) return null;
    text += `(${count}) as total`;
  } else {
    text += 'null::int as total';
  }
  if (source.exists) {
    const exists = renderInto(source.exists, dialect, params);
    if (exists === null) return null;
    text += `, (${exists}) as found`;
  }
  return { text, params };
}

/**
 * The same statement as drizzle SQL (drizzle renders it on each call): for sources `pageQuery` cannot
 * render, and as the reference its output is tested against.
 */
export function pageStatement(source: PageSource, node: CompiledNode, sel: TreeSelection): SQL {
  for (const k of source.keys) if (!IDENT.test(k.column)) throw new Error(`not a plain column name: ${k.column}`);
  const row = pageRowSql(node, source.keys.map((k) => k.column));
  const order = source.keys.map((k) => `t0.${k.column}${k.descending ? ' desc' : ''}`).join(', ');
  const chunks: SQL[] = [sql.raw(`select (select coalesce(json_agg(${row.open}`)];
  for (const part of node.parts) chunks.push(typeof part === 'string' ? sql.raw(part) : sql`${argumentAt(sel, part.arg)}`);
  chunks.push(sql.raw(`${row.close} order by ${order}), '[]'::json) from (`), source.rows, sql.raw(') t0) as rows, '));
  chunks.push(source.count ? sql`(${source.count})` : sql.raw('null::int'), sql.raw(' as total'));
  if (source.exists) chunks.push(sql`, (${source.exists}) as found`);
  return sql.join(chunks);
}

/** What drizzle keeps internal but every PgDatabase has: the dialect that renders its SQL. */
const dialectOf = (db: Db) => (db as unknown as { dialect: PgDialect }).dialect;

/** Runs a page statement: prebuilt text and values straight to the session (counted like any statement), else through drizzle. */
function runPage(db: Db, source: PageSource, node: CompiledNode, sel: TreeSelection): Promise<unknown> {
  const query = pageQuery(dialectOf(db), source, node, sel);
  if (query === null) return db.execute(pageStatement(source, node, sel));
  return executeText(db, query.text, query.params);
}

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * Reads a page as a tree in ONE statement (the count included): PostgreSQL builds every object, so
 * Node only parses JSON.
 * @returns the rows in page order, the count (null when not asked) and whether the owner exists (true
 *   when the source names none)
 */
export async function readTreePage(db: Db, source: PageSource, node: CompiledNode, sel: TreeSelection): Promise<{ rows: TreeRow[]; total: number | null; found: boolean }> {
  const [row] = rowsOf<{ rows: unknown; total: unknown; found?: unknown }>(await runPage(db, source, node, sel));
  const found = source.exists ? row?.found === true : true;
  const rows = pageRows(parsed<unknown[]>(row?.rows ?? '[]'), headOf(node, source.keys).row);
  return { rows, total: row?.total == null ? null : Number(row.total), found };
}

/** Stands in an edge's SQL for its cursor, which `readSplicedPage` makes from the page's key columns. */
export const EDGE_CURSOR = '\u0000cursor\u0000';

/**
 * A cursor as `encodeCursor` makes it (base64url of the key values' JSON, no padding), written by
 * PostgreSQL from key columns whose JSON is the same in both (dates, integers, uuids).
 */
function cursorSql(columns: readonly string[]): string {
  const json = `'[' || concat_ws(',', ${columns.map((c) => `to_json(${c})::text`).join(', ')}) || ']'`;
  return `translate(encode(convert_to(${json}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/** Runs text and SQL pieces as one statement: rendered by `renderInto` when it can, else by drizzle. */
function runPieces(db: Db, pieces: readonly (string | SQL)[]): Promise<unknown> {
  const params: unknown[] = [];
  let text = '';
  for (const piece of pieces) {
    const rendered = typeof piece === 'string' ? piece : renderInto(piece, dialectOf(db), params);
    if (rendered === null) return db.execute(sql.join(pieces.map((p) => (typeof p === 'string' ? sql.raw(p) : p))));
    text += rendered;
  }
  return executeText(db, text, params);
}

/**
 * Reads a page whose edges PostgreSQL writes as the response holds them, in ONE statement (the count
 * included): the first `limit` rows' edges in response order (reversed when going backward) as JSON
 * text Node never parses, and per row (all `limit`+1, in read order) its key and what it `carries`.
 * @param edge - the SQL of one edge over the row `t0`, with EDGE_CURSOR where its cursor goes
 * @param carries - SQL over `t0` of the values each row carries back (the audit's ids)
 */
export async function readSplicedPage(db: Db, source: PageSource, edge: string, carries: readonly string[], limit: number, forward: boolean): Promise<{ rows: [key: unknown[], carried: unknown[]][]; edges: string; total: number | null; found: boolean }> {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`not a page size: ${limit}`);
  for (const k of source.keys) if (!IDENT.test(k.column)) throw new Error(`not a plain column name: ${k.column}`);
  const keys = source.keys.map((k) => `t0.${k.column}`);
  const edges = edge.split(EDGE_CURSOR).join(cursorSql(keys));
  // Each value written once (a key column is often also carried); rows come back with their number and are
  // put in order here: an ordered aggregate would sort them in PostgreSQL for nothing.
  const values: string[] = [];
  const at = (sqlText: string) => (values.includes(sqlText) ? values.indexOf(sqlText) : values.push(sqlText) - 1) + 1;
  const keyAt = keys.map(at);
  const carriedAt = carries.map(at);
  const pieces: (string | SQL)[] = [
    `select coalesce(json_agg(json_build_array(t0.n, ${values.join(', ')})), '[]'::json) as rows, `,
    `coalesce(json_agg(${edges} order by t0.n${forward ? '' : ' desc'}) filter (where t0.n <= ${limit}), '[]'::json)::text as edges, `,
  ];
  if (source.count) pieces.push('(', source.count, ') as total');
  else pieces.push('null::int as total');
  if (source.exists) pieces.push(', (', source.exists, ') as found');
  // The rows subquery is ordered and limited, so its rows are numbered in page read order.
  pieces.push(' from (select r.*, row_number() over () as n from (', source.rows, ') r) t0');
  const [row] = rowsOf<{ rows: unknown; edges: string; total: unknown; found?: unknown }>(await runPieces(db, pieces));
  const read = parsed<unknown[][]>(row?.rows ?? '[]').sort((a, b) => (a[0] as number) - (b[0] as number));
  const rows = read.map((r): [unknown[], unknown[]] => [keyAt.map((i) => r[i]), carriedAt.map((i) => r[i])]);
  return { rows, edges: row?.edges ?? '[]', total: row?.total == null ? null : Number(row.total), found: source.exists ? row?.found === true : true };
}
