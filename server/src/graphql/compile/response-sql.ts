import {
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type SelectionSetNode,
} from 'graphql';
import type { SqlTypes } from '../../db/compile/node-sql.js';
import { EDGE_CURSOR } from '../../db/compile/tree-page.js';
import type { Embedded, FieldSql } from '../../db/compile/sql-type.js';
import { plainFieldRoles } from '../plain-fields.js';
import { guardedTreeRules, type TreeAudit, treeServedFields } from './tree-values.js';

/**
 * Written by PostgreSQL in place of a non-null relation it found no row for. The executor answers such
 * a field with an error (NOT_FOUND, or a null where none may be), which only the ordinary path can
 * shape: a page holding the mark is read again that way. PostgreSQL's text cannot hold U+0000 and it
 * escapes a backslash in data as `\\`, so no value can print as this.
 */
export const MISSING = '"\\u0000missing"';


/** What the page must do besides writing the edges: checks and audits, per request. */
export interface EdgesPlan {
  /** The response key of `edges` in the connection. */
  edgesKey: string;
  /** The JSON of one edge of the row `t0`, keys and values exactly as the response holds them (EDGE_CURSOR for its cursor). */
  edge: string;
  /** Role rules of the selected fields; the caller must pass every one, else the ordinary path runs (and refuses). */
  rules: readonly (readonly string[])[];
  /** Audits of guarded relations of the node (presenters), in selection order: each row audits `entity` by the node's `idOf`. */
  audits: readonly TreeAudit[];
  /** SQL over `t0` of what each row carries back for the audit: the node's `id` and `patientId`, then each audit's `idOf`. */
  carries: readonly string[];
}

/**
 * How a scalar's value is written so PostgreSQL's JSON is what the scalar serializes from the tree's
 * value: most are the value itself; an instant is printed in UTC with milliseconds (`utcIsoText`).
 */
const SCALARS: Readonly<Record<string, ((sql: string) => string) | undefined>> = {
  ID: (v) => v,
  String: (v) => v,
  Int: (v) => v,
  Float: (v) => v,
  Boolean: (v) => v,
  LocalDate: (v) => v,
  Money: (v) => v,
  DateTime: (v) => `to_char((${v})::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

/** How a leaf type is written, or undefined when it cannot be (enums only when every value is its own name). */
function leafWriter(type: GraphQLNamedType): ((sql: string) => string) | undefined {
  if (isScalarType(type)) return SCALARS[type.name];
  if (isEnumType(type) && type.getValues().every((v) => v.value === v.name)) return (v) => v;
  return undefined;
}

// json_build_object takes at most 100 arguments; an object of more selected fields stays on the ordinary path.
const MAX_PAIRS = 50;

interface Build {
  types: SqlTypes;
  fragments: Record<string, FragmentDefinitionNode>;
  aliases: number;
  rules: (readonly string[])[];
  audits: TreeAudit[];
}

/**
 * The fields selected on `type` by response key, in response order, from several selection sets (the
 * same field asked twice merges, as in execution). False when a selection has a directive or a
 * fragment is for another type: those stay on the ordinary path.
 */
function collect(type: GraphQLObjectType, sets: readonly (SelectionSetNode | undefined)[], fragments: Record<string, FragmentDefinitionNode>, into: Map<string, FieldNode[]>): boolean {
  for (const set of sets) {
    for (const node of set?.selections ?? []) {
      if (node.directives?.length) return false;
      if (node.kind === 'Field') {
        const key = node.alias?.value ?? node.name.value;
        const same = into.get(key);
        if (same) same.push(node);
        else into.set(key, [node]);
        continue;
      }
      const fragment = node.kind === 'InlineFragment' ? node : fragments[node.name.value];
      if (!fragment || (fragment.typeCondition && fragment.typeCondition.name.value !== type.name)) return false;
      if (!collect(type, [fragment.selectionSet], fragments, into)) return false;
    }
  }
  return true;
}

/**
 * What serving `type.name` from the tree involves: nothing (no resolver, or one that returns the tree's
 * value), a role rule, or a guarded relation's presenter whose audit is declared; null for any other
 * resolver (its code must run).
 */
function accessOf(type: GraphQLObjectType, name: string): { roles?: readonly string[]; audit?: TreeAudit } | null {
  const key = `${type.name}.${name}`;
  if (!type.getFields()[name]!.resolve) return {};
  const plain = plainFieldRoles.get(key);
  if (plain) return { roles: plain };
  const guarded = guardedTreeRules.get(key);
  if (guarded) return guarded.audit ? { roles: guarded.roles, audit: guarded.audit } : null;
  return treeServedFields.has(key) ? {} : null;
}

const pair = (key: string, value: string) => `'${key}', ${value}`;

function objectOf(pairs: string[]): string | null {
  return pairs.length <= MAX_PAIRS ? `json_build_object(${pairs.join(', ')})` : null;
}

/**
 * The JSON object of the fields selected on `type` by `nodes`, in response order: `__typename` is the
 * type's name, every other field's value is what `value` writes (null: the object cannot be written).
 */
function objectOfSelection(b: Build, type: GraphQLObjectType, nodes: readonly FieldNode[], value: (name: string, same: FieldNode[]) => string | null): string | null {
  const byKey = new Map<string, FieldNode[]>();
  if (!collect(type, nodes.map((n) => n.selectionSet), b.fragments, byKey)) return null;
  const pairs: string[] = [];
  for (const [key, same] of byKey) {
    const name = same[0]!.name.value;
    const written = name === '__typename' ? `'${type.name}'` : value(name, same);
    if (written === null) return null;
    pairs.push(pair(key, written));
  }
  return objectOf(pairs);
}

/** The response JSON of one row of `type`, selected by `nodes`, or null when some field cannot be written. */
function objectSql(b: Build, type: GraphQLObjectType, nodes: readonly FieldNode[], row: string, depth: number): string | null {
  const decl = b.types.get(type.name);
  if (!decl) return null;
  return objectOfSelection(b, type, nodes, (name, same) => {
    const def = type.getFields()[name];
    const fieldSql = decl.fields[name];
    if (!def || def.args.length > 0 || !fieldSql) return null;
    const access = accessOf(type, name);
    if (!access) return null;
    if (access.roles) b.rules.push(access.roles);
    if (access.audit) {
      // Presenters are audited per row of the page; deeper ones stay on the ordinary path.
      if (depth > 0) return null;
      b.audits.push(access.audit);
    }
    // A presenter answers NOT_FOUND for a missing object whatever the field's nullability.
    return valueSql(b, def.type, fieldSql, same, row, depth, isNonNullType(def.type) || access.audit !== undefined);
  });
}

/** @param required - a missing object must not be written as null (the executor answers it with an error) */
function valueSql(b: Build, type: GraphQLOutputType, fieldSql: FieldSql, nodes: readonly FieldNode[], row: string, depth: number, required: boolean): string | null {
  const named = getNamedType(type);
  const list = isListType(isNonNullType(type) ? type.ofType : type);
  if (fieldSql.kind === 'value') {
    if (isObjectType(named)) return fieldSql.embedded && !list ? embeddedSql(b, named, fieldSql.embedded, nodes, row) : null;
    const write = leafWriter(named);
    if (!write) return null;
    const value = fieldSql.sql(row);
    // A list of leaves is written as the JSON array it is: only where each element is written as it is.
    if (list) return write('v') === 'v' ? value : null;
    return write(value);
  }
  if (!isObjectType(named)) return null;
  const child = b.types.get(named.name);
  if (!child) return null;
  const alias = `t${++b.aliases}`;
  const from = fieldSql.kind === 'many' && fieldSql.from ? fieldSql.from(row, alias) : child.table ? `${child.table} ${alias}` : null;
  const object = from === null ? null : objectSql(b, named, nodes, alias, depth + 1);
  if (object === null) return null;
  if (fieldSql.kind === 'one') {
    const one = `(select ${object} from ${from} where ${fieldSql.join(row, alias)}${fieldSql.orderBy ? ` order by ${fieldSql.orderBy(alias)} limit 1` : ''})`;
    return required ? `coalesce(${one}, '${MISSING}'::json)` : one;
  }
  return `(select coalesce(json_agg(${object} order by ${fieldSql.orderBy(alias)}), '[]'::json) from ${from} where ${fieldSql.join(row, alias, () => null)})`;
}

/** An object of the row's own columns, with the sub-fields selected (leaves only, no resolvers). */
function embeddedSql(b: Build, type: GraphQLObjectType, embedded: Embedded, nodes: readonly FieldNode[], row: string): string | null {
  const object = objectOfSelection(b, type, nodes, (name) => {
    const def = type.getFields()[name];
    const part = embedded.fields[name];
    if (!def || !part || def.resolve || isListType(isNonNullType(def.type) ? def.type.ofType : def.type)) return null;
    const write = leafWriter(getNamedType(def.type));
    return write ? write(part(row)) : null;
  });
  if (object === null) return null;
  return embedded.when ? `case when ${embedded.when(row)} then ${object} end` : object;
}

/**
 * The plan for writing a connection's edges in SQL: the connection's `edges` selected once (any
 * alias), each edge asking only its `node`, `cursor` or `__typename`, and every field below served by
 * the declarations without running resolver code — plain properties, role-ruled properties (the rule
 * is checked per request), tree-served relations and guarded relations whose audit is declared. No
 * arguments below the node, no directives, fragments only on the type itself.
 * @returns null when the selection needs the ordinary path
 */
function plan(types: SqlTypes, info: GraphQLResolveInfo): EdgesPlan | null {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return null;
  const top = new Map<string, FieldNode[]>();
  if (!collect(connection, info.fieldNodes.map((n) => n.selectionSet), info.fragments, top)) return null;
  const edges = [...top].filter(([, same]) => same[0]!.name.value === 'edges');
  if (edges.length !== 1) return null;
  const [edgesKey, edgeNodes] = edges[0]!;
  const edgeType = getNamedType(connection.getFields().edges!.type);
  if (!isObjectType(edgeType)) return null;
  const byKey = new Map<string, FieldNode[]>();
  if (!collect(edgeType, edgeNodes.map((n) => n.selectionSet), info.fragments, byKey)) return null;
  const b: Build = { types, fragments: info.fragments, aliases: 0, rules: [], audits: [] };
  const pairs: string[] = [];
  for (const [key, same] of byKey) {
    const name = same[0]!.name.value;
    const field = edgeType.getFields()[name];
    if (name === '__typename') pairs.push(pair(key, `'${edgeType.name}'`));
    else if (name === 'cursor' && field && !field.resolve) pairs.push(pair(key, EDGE_CURSOR));
    else if (name === 'node' && field && !field.resolve && isObjectType(getNamedType(field.type))) {
      const node = objectSql(b, getNamedType(field.type) as GraphQLObjectType, same, 't0', 0);
      if (node === null) return null;
      pairs.push(pair(key, node));
    } else return null;
  }
  const edge = objectOf(pairs);
  const decl = b.types.get(getNamedType(edgeType.getFields().node?.type ?? edgeType).name);
  const carries: string[] = [];
  for (const name of ['id', 'patientId', ...b.audits.map((a) => a.idOf)]) {
    const field = decl?.fields[name];
    if (field?.kind !== 'value') return null;
    carries.push(field.sql('t0'));
  }
  return edge === null ? null : { edgesKey, edge, rules: b.rules, audits: b.audits, carries };
}

const plans = new WeakMap<readonly FieldNode[], EdgesPlan | null>();

/**
 * `plan` once per document's field nodes (graphql-jit compiles a document once, so they are the same
 * objects on every request of it). Nothing in a plan depends on variables: fields with arguments and
 * directives are never planned.
 */
export function edgesPlan(types: SqlTypes, info: GraphQLResolveInfo): EdgesPlan | null {
  let p = plans.get(info.fieldNodes);
  if (p === undefined) {
    p = plan(types, info);
    plans.set(info.fieldNodes, p);
  }
  return p;
}
