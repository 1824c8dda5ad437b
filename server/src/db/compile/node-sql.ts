import type { ArgRef, FieldSql, SqlType } from './sql-type.js';
import { shapeKey, type TreeField, type TreeSelection } from './tree-selection.js';

/** Declared types by GraphQL type name. */
export type SqlTypes = ReadonlyMap<string, SqlType>;

/** A piece of compiled SQL: text, or the argument at a path of field names (bound as a parameter). */
export type NodePart = string | { arg: readonly string[] };

/** The SQL expression building one root object as JSON from the row aliased `t0`, ready to bind. */
export interface CompiledNode {
  parts: readonly NodePart[];
  /** Root fields whose value is a column as it is (`column()`), by column name: a page reads its keys back from them. */
  columns: Readonly<Record<string, string>>;
}

// json_build_object takes at most 100 arguments (50 pairs): wider objects are merged as jsonb.
const MAX_PAIRS = 50;
const MARK = '\u0000';

interface Build {
  aliases: number;
  args: string[][];
  /** The root object's column fields (see CompiledNode.columns). */
  columns: Record<string, string>;
}

function buildObject(pairs: string[]): string {
  if (pairs.length <= MAX_PAIRS) return `json_build_object(${pairs.join(', ')})`;
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += MAX_PAIRS) chunks.push(`json_build_object(${pairs.slice(i, i + MAX_PAIRS).join(', ')})::jsonb`);
  return `(${chunks.join(' || ')})::json`;
}

function relationSql(types: SqlTypes, decl: FieldSql, field: TreeField, row: string, b: Build, path: string[]): string | null {
  if (decl.kind === 'value') return decl.sql(row);
  const child = field.below ? types.get(field.below.type) : undefined;
  if (!child || !field.below) return null;
  const alias = `t${++b.aliases}`;
  const from = decl.kind === 'many' && decl.from ? decl.from(row, alias) : child.table ? `${child.table} ${alias}` : null;
  if (from === null) throw new Error(`${field.below.type} has no table: its relations must say where its rows come from`);
  const object = objectSql(types, field.below, alias, b, path);
  if (object === null) return null;
  if (decl.kind === 'one') return `(select ${object} from ${from} where ${decl.join(row, alias)}${decl.orderBy ? ` order by ${decl.orderBy(alias)} limit 1` : ''})`;
  const arg: ArgRef = (name) => {
    if (field.args[name] == null) return null;
    b.args.push([...path, name]);
    return `${MARK}${b.args.length - 1}${MARK}`;
  };
  return `(select coalesce(json_agg(${object} order by ${decl.orderBy(alias)}), '[]'::json) from ${from} where ${decl.join(row, alias, arg)})`;
}

/**
 * The JSON object of one row of `sel.type`, or null when some selected field can be served neither by
 * the declaration nor by a resolver (the whole object is then left to the resolvers).
 */
function objectSql(types: SqlTypes, sel: TreeSelection, row: string, b: Build, path: string[]): string | null {
  const decl = types.get(sel.type);
  if (!decl) return null;
  const pairs: string[] = [];
  const done = new Set<string>();
  // Whether code of some field resolver of this object will run and may read the ids it carries.
  let resolverRuns = false;
  for (const field of sel.fields) {
    if (done.has(field.name)) continue;
    done.add(field.name);
    const fieldDecl = decl.fields[field.name];
    const value = fieldDecl && !field.ambiguous ? relationSql(types, fieldDecl, field, row, b, [...path, field.name]) : null;
    if (value === null) {
      if (field.resolved) {
        resolverRuns = true;
        continue;
      }
      return null;
    }
    if (field.resolved && !field.treeServed) resolverRuns = true;
    pairs.push(`'${field.name}', ${value}`);
    if (path.length === 0 && fieldDecl!.kind === 'value' && fieldDecl!.column) b.columns[fieldDecl!.column] ??= field.name;
  }
  for (const name of resolverRuns && decl.carriesForResolvers ? [...decl.carries, ...decl.carriesForResolvers] : decl.carries) {
    const carried = decl.fields[name]!;
    if (done.has(name) || carried.kind !== 'value') continue;
    pairs.push(`'${name}', ${carried.sql(row)}`);
    if (path.length === 0 && carried.column) b.columns[carried.column] ??= name;
  }
  return buildObject(pairs);
}

/**
 * Compiles a selection into the SQL expression of its JSON tree over the row `t0`: declared fields read
 * their column or expression, relations become correlated subqueries (json_agg for lists), fields left
 * to resolvers are omitted and the ids they need are carried.
 * @returns the expression, or null when the root type cannot be compiled for this selection
 */
export function compileNode(types: SqlTypes, sel: TreeSelection): CompiledNode | null {
  const b: Build = { aliases: 0, args: [], columns: {} };
  const text = objectSql(types, sel, 't0', b, []);
  if (text === null) return null;
  const parts: NodePart[] = text.split(MARK).map((piece, i) => (i % 2 === 0 ? piece : { arg: b.args[Number(piece)]! }));
  return { parts, columns: b.columns };
}

/**
 * How each row of a page is written in its json_agg: `open` + the node + `close`. A key column the node
 * already holds as a field (the same column, so the same JSON) is not written a second time: when the
 * node holds every key the row is the node alone, else `[keys it lacks, node]`. Each JSON value written
 * costs PostgreSQL a type lookup, an output call and escaping, per row.
 */
export interface PageRowSql {
  open: string;
  close: string;
  /** Per key column: the root field holding its value, or null when the row writes it before the node. */
  fromNode: readonly (string | null)[];
}

/** The row writing of a page keyed by `keyColumns` (plain column names of `t0`, most significant first). */
export function pageRowSql(node: CompiledNode, keyColumns: readonly string[]): PageRowSql {
  const fromNode = keyColumns.map((c) => node.columns[c] ?? null);
  const lacking = keyColumns.filter((_, i) => fromNode[i] === null);
  if (lacking.length === 0) return { open: '', close: '', fromNode };
  return { open: `json_build_array(json_build_array(${lacking.map((c) => `t0.${c}`).join(', ')}), `, close: ')', fromNode };
}

/** The [key, node] pairs of a page's rows as `pageRowSql` wrote them. */
export function pageRows(rows: readonly unknown[], row: PageRowSql): [key: unknown[], node: Record<string, unknown>][] {
  const { fromNode } = row;
  if (row.open === '') {
    return (rows as Record<string, unknown>[]).map((node) => [fromNode.map((f) => node[f!]), node]);
  }
  return (rows as [unknown[], Record<string, unknown>][]).map(([lacking, node]) => {
    let j = 0;
    return [fromNode.map((f) => (f === null ? lacking[j++] : node[f])), node];
  });
}

const MAX_SHAPES = 256;
const caches = new WeakMap<SqlTypes, Map<string, CompiledNode | null>>();

/**
 * `compileNode` once per selection shape (a bounded cache, least recently used out first): the text
 * of a shape never changes, so the database prepares it once.
 */
export function compiledNode(types: SqlTypes, sel: TreeSelection): CompiledNode | null {
  const cache = caches.get(types) ?? new Map<string, CompiledNode | null>();
  caches.set(types, cache);
  const key = shapeKey(sel);
  let entry = cache.get(key);
  if (entry !== undefined) {
    cache.delete(key);
  } else {
    entry = compileNode(types, sel);
    if (cache.size >= MAX_SHAPES) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, entry);
  return entry;
}

/** How many shapes are cached for these types (for tests). */
export const cachedShapes = (types: SqlTypes) => caches.get(types)?.size ?? 0;
