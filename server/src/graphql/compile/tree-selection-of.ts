import {
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  isObjectType,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { TreeField, TreeSelection } from '../../db/compile/tree-selection.js';
import { treeServedFields } from './tree-values.js';

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

/** Whether an argument's value (at any depth) names a variable, so its coerced value changes per request. */
function usesVariable(value: ValueNode): boolean {
  if (value.kind === 'Variable') return true;
  if (value.kind === 'ListValue') return value.values.some(usesVariable);
  if (value.kind === 'ObjectValue') return value.fields.some((f) => usesVariable(f.value));
  return false;
}

/** Set while building a selection when some argument below depends on the request's variables. */
let variableArgs = false;

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
      if (!variableArgs && same.some((n) => n.arguments?.some((a) => usesVariable(a.value)))) variableArgs = true;
      const all = same.map((n) => getArgumentValues(def, n, info.variableValues));
      args = all[0]!;
      ambiguous = all.some((a) => JSON.stringify(a) !== JSON.stringify(args));
    }
    const field: TreeField = { name, resolved: hasResolver(type.name, name), args, ambiguous, below: selectionOn(getNamedType(def.type), same, info) };
    if (treeServedFields.has(`${type.name}.${name}`)) field.treeServed = true;
    fields.push(field);
  }
  return { type: type.name, fields };
}

// Selections per field nodes (graphql-jit compiles a document once, so its field nodes are the same objects on
// every request of that document) and path; kept only when no argument below depends on variables.
const cached = new WeakMap<readonly FieldNode[], Map<string, TreeSelection | null>>();

/**
 * The selection below the field being resolved, at a path of field names (e.g. 'edges', 'node'), with
 * types, arguments and which fields have resolvers: the compiler's input. `@skip`/`@include` are
 * ignored, so it may be wider than the response, never narrower. Built once per document and path
 * when its arguments are literals (the same object is then returned: treat it as read-only).
 * @returns null when the path does not lead to an object type or was not selected
 */
export function treeSelectionOf(info: GraphQLResolveInfo, ...path: string[]): TreeSelection | null {
  const key = path.join('.');
  let byPath = cached.get(info.fieldNodes);
  if (byPath?.has(key)) return byPath.get(key)!;
  variableArgs = false;
  const sel = build(info, path);
  if (!variableArgs) {
    if (!byPath) {
      byPath = new Map();
      cached.set(info.fieldNodes, byPath);
    }
    byPath.set(key, sel);
  }
  return sel;
}

function build(info: GraphQLResolveInfo, path: readonly string[]): TreeSelection | null {
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
  return selectionOn(type, nodes, info);
}
