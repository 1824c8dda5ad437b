import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
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
const DEFAULT_LIST_SIZE = 50;
const PAGE_ARGS = new Set(['first', 'last', 'limit']);

function argNumber(value: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/**
 * Measures an operation: nesting depth, aliases, and cost. Each field costs 1; a field taking
 * first/last multiplies its subtree by that size (from literals or variables). Introspection is free.
 */
export function measureOperation(op: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): QueryMeasure {
  let aliases = 0;
  const walk = (set: SelectionSetNode, depth: number, seen: Set<string>): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        if (sel.alias) aliases += 1;
        let multiplier = 1;
        for (const arg of sel.arguments ?? []) {
          if (PAGE_ARGS.has(arg.name.value)) multiplier = Math.max(1, argNumber(arg.value, variables) ?? DEFAULT_LIST_SIZE);
        }
        if (sel.selectionSet) {
          const child = walk(sel.selectionSet, depth + 1, seen);
          maxDepth = Math.max(maxDepth, child.depth);
          cost += 1 + multiplier * child.cost;
        } else {
          cost += 1;
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const child = walk(sel.selectionSet, depth, seen);
        maxDepth = Math.max(maxDepth, child.depth);
        cost += child.cost;
      } else {
        const name = sel.name.value;
        const frag = fragments[name];
        if (!frag || seen.has(name)) continue;
        const child = walk(frag.selectionSet, depth, new Set([...seen, name]));
        maxDepth = Math.max(maxDepth, child.depth);
        cost += child.cost;
      }
    }
    return { depth: maxDepth, cost };
  };
  const { depth, cost } = walk(op.selectionSet, 1, new Set());
  return { depth, cost, aliases };
}

/** @throws QUERY_TOO_COMPLEX naming the limit that was exceeded */
export function enforceLimits(m: QueryMeasure, limits: QueryLimits): void {
  const over = (what: string, value: number, max: number) =>
    new AppError('QUERY_TOO_COMPLEX', `Query ${what} ${value} exceeds the limit of ${max}`, { [what]: value, limit: max });
  if (m.depth > limits.maxDepth) throw over('depth', m.depth, limits.maxDepth);
  if (m.aliases > limits.maxAliases) throw over('aliases', m.aliases, limits.maxAliases);
  if (m.cost > limits.maxCost) throw over('cost', m.cost, limits.maxCost);
}
