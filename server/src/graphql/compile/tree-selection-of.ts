import {
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { TreeField, TreeSelection } from '../../db/compile/tree-selection.js';

let resolverFields: Set<string> | null = null;

/** `Type.field` of every field resolver method (type-graphql's metadata; complete once a schema is built). */
function hasResolver(type: string, field: string): boolean {
  resolverFields ??= new Set(getMetadataStorage().fieldResolvers.map((r) => `${r.getObjectType?.()?.name}.${r.schemaName}`));
  return resolverFields.has(`${type}.${field}`);
}

function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: Map<string, FieldNode[]>): void {
  for (const node of set?.selections ?? []) {
    if (node.kind === 'Field') {
      if (node.name.value.startsWith('__')) continue;
      const same = into.get(node.name.value);
      if (same) same.push(node);
      else into.set(node.name.value, [node]);
    } else if (node.kind === 'InlineFragment') {
      collect(node.selectionSet, fragments, into);
    } else {
      collect(fragments[node.name.value]?.selectionSet, fragments, into);
    }
  }
}

function selectionOn(type: GraphQLNamedType, nodes: readonly FieldNode[], info: GraphQLResolveInfo): TreeSelection | null {
  if (!isObjectType(type)) return null;
  const byName = new Map<string, FieldNode[]>();
  for (const n of nodes) collect(n.selectionSet, info.fragments, byName);
  const defs = type.getFields();
  const fields: TreeField[] = [];
  for (const [name, same] of byName) {
    const def = defs[name];
    if (!def) continue;
    let args: Record<string, unknown> = {};
    let ambiguous = false;
    if (def.args.length > 0) {
      const all = same.map((n) => getArgumentValues(def, n, info.variableValues));
      args = all[0]!;
      ambiguous = all.some((a) => JSON.stringify(a) !== JSON.stringify(args));
    }
    fields.push({ name, resolved: hasResolver(type.name, name), args, ambiguous, below: selectionOn(getNamedType(def.type), same, info) });
  }
  return { type: type.name, fields };
}

const conditionalOps = new WeakMap<object, boolean>();

function hasConditions(set: SelectionSetNode | undefined): boolean {
  for (const node of set?.selections ?? []) {
    if (node.directives?.some((d) => d.name.value === 'skip' || d.name.value === 'include')) return true;
    if (node.kind !== 'FragmentSpread' && hasConditions(node.selectionSet)) return true;
  }
  return false;
}

/** Whether the operation (or a fragment of its document) uses `@skip`/`@include` anywhere, once per operation. */
function conditional(info: GraphQLResolveInfo): boolean {
  let known = conditionalOps.get(info.operation);
  if (known === undefined) {
    known = hasConditions(info.operation.selectionSet) || Object.values(info.fragments).some((f) => hasConditions(f.selectionSet));
    conditionalOps.set(info.operation, known);
  }
  return known;
}

/**
 * The selection below the field being resolved, at a path of field names (e.g. 'edges', 'node'), with
 * types, arguments and which fields have resolvers: the compiler's input. `@skip`/`@include` are
 * ignored, so it may be wider than the response, never narrower (`conditional` says when that may be).
 * @returns null when the path does not lead to an object type or was not selected
 */
export function treeSelectionOf(info: GraphQLResolveInfo, ...path: string[]): TreeSelection | null {
  let type = getNamedType(info.returnType);
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    if (!isObjectType(type)) return null;
    const byName = new Map<string, FieldNode[]>();
    for (const n of nodes) collect(n.selectionSet, info.fragments, byName);
    const next = byName.get(name);
    const def = type.getFields()[name];
    if (!next || !def) return null;
    nodes = next;
    type = getNamedType(def.type);
  }
  const sel = selectionOn(type, nodes, info);
  if (sel && conditional(info)) sel.conditional = true;
  return sel;
}
