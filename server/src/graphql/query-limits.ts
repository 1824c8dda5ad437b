import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { AppError } from './errors.js';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

export interface QueryMeasure {
  depth: number;
  cost: number;
  aliases: number;
}

/** A list field without first/last is assumed to return this many items when pricing a query. */
export const DEFAULT_LIST_SIZE = 50;
const PAGE_ARGS = new Set(['first', 'last', 'limit']);

function argNumber(value: ValueNode, variables: Record<string, unknown>, read?: Set<string>): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    read?.add(value.name.value);
    return pageSize(variables[value.name.value]);
  }
  return undefined;
}

const pageSize = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Variables as execution will see them: values sent by the client, else the operation's literal defaults. */
function effectiveVariables(op: OperationDefinitionNode, sent: Record<string, unknown>): Record<string, unknown> {
  const vars: Record<string, unknown> = { ...sent };
  for (const def of op.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (vars[name] === undefined && def.defaultValue?.kind === Kind.INT) vars[name] = Number(def.defaultValue.value);
  }
  return vars;
}

/**
 * Measures an operation before it runs: nesting depth, aliased fields, and cost. Each field costs 1; a
 * field with first/last multiplies its subtree by that size, read from literals, variables or variable
 * defaults. Introspection fields cost nothing and add no depth (GraphiQL's schema query is deep), but
 * their aliases count, so an aliased introspection flood is still rejected.
 * Fragments are measured once each and reused, so repeated spreads cannot make measuring itself slow.
 * @param op - the operation that will execute
 * @param fragments - the document's fragments by name (the document has passed validation: no cycles)
 * @param variables - the request's variables
 * @returns depth (1 for `{ a }`), cost and aliases of the operation as it would execute
 */
export function measureOperation(op: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>, read?: Set<string>): QueryMeasure {
  const vars = effectiveVariables(op, variables);
  const memo = new Map<string, QueryMeasure>();
  const visiting = new Set<string>();

  const measureSet = (set: SelectionSetNode, free: boolean): QueryMeasure => {
    const total: QueryMeasure = { depth: 0, cost: 0, aliases: 0 };
    const add = (m: QueryMeasure) => {
      total.depth = Math.max(total.depth, m.depth);
      total.cost += m.cost;
      total.aliases += m.aliases;
    };
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const introspection = free || sel.name.value.startsWith('__');
        const child = sel.selectionSet ? measureSet(sel.selectionSet, introspection) : { depth: 0, cost: 0, aliases: 0 };
        let multiplier = 1;
        for (const arg of sel.arguments ?? []) {
          if (PAGE_ARGS.has(arg.name.value)) multiplier = Math.max(multiplier, argNumber(arg.value, vars, read) ?? DEFAULT_LIST_SIZE);
        }
        add({
          depth: introspection ? 0 : 1 + child.depth,
          cost: introspection ? 0 : 1 + multiplier * child.cost,
          aliases: (sel.alias ? 1 : 0) + child.aliases,
        });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        add(measureSet(sel.selectionSet, free));
      } else {
        const name = sel.name.value;
        const frag = fragments[name];
        if (!frag || visiting.has(name)) continue;
        const key = `${free ? 'i' : 'f'}:${name}`;
        let m = memo.get(key);
        if (!m) {
          visiting.add(name);
          m = measureSet(frag.selectionSet, free);
          visiting.delete(name);
          memo.set(key, m);
        }
        add(m);
      }
    }
    return total;
  };
  return measureSet(op.selectionSet, false);
}

/** Per operation node (Apollo reuses a cached document's AST): the variables its measure reads, and measures by their values. */
const measured = new WeakMap<OperationDefinitionNode, { read: string[]; byValues: Map<string, QueryMeasure> }>();
const MAX_MEASURES_PER_OPERATION = 64;

/**
 * measureOperation, computed once per operation and per value of the page-size variables it reads (most
 * operations read none or one): the same document sent again costs a map lookup, not a walk of its AST.
 * @param op - the operation that will execute (from the validated document)
 * @param document - its document, for the fragments
 * @param variables - the request's variables
 * @returns the operation's measure
 */
export function measureDocumentOperation(op: OperationDefinitionNode, document: DocumentNode, variables: Record<string, unknown>): QueryMeasure {
  const known = measured.get(op);
  if (known) {
    const vars = effectiveVariables(op, variables);
    const key = known.read.map((name) => String(pageSize(vars[name]))).join(',');
    const hit = known.byValues.get(key);
    if (hit) return hit;
    const m = measureOperation(op, fragmentsOf(document), variables);
    if (known.byValues.size < MAX_MEASURES_PER_OPERATION) known.byValues.set(key, m);
    return m;
  }
  const read = new Set<string>();
  const m = measureOperation(op, fragmentsOf(document), variables, read);
  const vars = effectiveVariables(op, variables);
  const names = [...read];
  measured.set(op, { read: names, byValues: new Map([[names.map((name) => String(pageSize(vars[name]))).join(','), m]]) });
  return m;
}

const fragmentsOf = (document: DocumentNode): Record<string, FragmentDefinitionNode> =>
  Object.fromEntries(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));

/** @throws QUERY_TOO_COMPLEX (HTTP 400) naming the limit that was exceeded */
export function enforceLimits(m: QueryMeasure, limits: QueryLimits): void {
  const over = (what: string, value: number, max: number) =>
    new AppError('QUERY_TOO_COMPLEX', `Query ${what} ${value} exceeds the limit of ${max}`, { [what]: value, limit: max, http: { status: 400 } });
  if (m.depth > limits.maxDepth) throw over('depth', m.depth, limits.maxDepth);
  if (m.aliases > limits.maxAliases) throw over('aliases', m.aliases, limits.maxAliases);
  if (m.cost > limits.maxCost) throw over('cost', m.cost, limits.maxCost);
}
