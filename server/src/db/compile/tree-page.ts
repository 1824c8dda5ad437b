import { type SQL, sql, type Table } from 'drizzle-orm';
import { type Db, rowsOf } from '../client.js';
import { type AuditFold, foldedKeys, foldedStatement } from './audit-fold.js';
import type { CompiledNode } from './node-sql.js';
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

/**
 * The statement for a page: one row holding the page as a JSON array of [key, node] in page order,
 * and the count. The text depends only on the selection shape and the source's own SQL.
 */
function pageStatement(source: PageSource, node: CompiledNode, sel: TreeSelection): SQL {
  for (const k of source.keys) if (!IDENT.test(k.column)) throw new Error(`not a plain column name: ${k.column}`);
  const keys = source.keys.map((k) => `t0.${k.column}`).join(', ');
  const order = source.keys.map((k) => `t0.${k.column}${k.descending ? ' desc' : ''}`).join(', ');
  const chunks: SQL[] = [sql.raw(`select (select coalesce(json_agg(json_build_array(json_build_array(${keys}), `)];
  for (const part of node.parts) chunks.push(typeof part === 'string' ? sql.raw(part) : sql`${argumentAt(sel, part.arg)}`);
  chunks.push(sql.raw(`) order by ${order}), '[]'::json) from (`), source.rows, sql.raw(') t0) as rows, '));
  chunks.push(source.count ? sql`(${source.count})` : sql.raw('null::int'), sql.raw(' as total'));
  if (source.exists) chunks.push(sql`, (${source.exists}) as found`);
  return sql.join(chunks);
}

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * Reads a page as a tree in ONE statement (the count included): PostgreSQL builds every object, so
 * Node only parses JSON.
 * @param fold - the request's READ audit batch for what this page returns, written by the same statement
 *   (see `foldedStatement`); without it the caller records the reads and the request flushes them
 * @returns the rows in page order, the count (null when not asked) and whether the owner exists (true
 *   when the source names none)
 */
export async function readTreePage(db: Db, source: PageSource, node: CompiledNode, sel: TreeSelection, fold?: AuditFold): Promise<{ rows: TreeRow[]; total: number | null; found: boolean }> {
  const statement = pageStatement(source, node, sel);
  let settled: string[] | null = null;
  let row: { rows: unknown; total: unknown; found?: unknown; audited?: unknown } | undefined;
  let rows: TreeRow[];
  try {
    [row] = rowsOf<{ rows: unknown; total: unknown; found?: unknown; audited?: unknown }>(await db.execute(fold ? foldedStatement(statement, fold) : statement));
    rows = parsed<TreeRow[]>(row?.rows ?? '[]');
    if (fold) {
      // Only what the statement provably wrote stops being pending; on any disagreement the reads stay
      // pending and the flush writes them again (a duplicate, never a missing record).
      const keys = foldedKeys(rows, fold);
      if (keys.length === Number(row?.audited ?? 0)) settled = keys;
    }
  } finally {
    fold?.source.settle(settled);
  }
  const found = source.exists ? row?.found === true : true;
  return { rows, total: row?.total == null ? null : Number(row.total), found };
}
