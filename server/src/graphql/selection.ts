import type { FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** The fields a client asked for below one field: name (never alias) → the fields asked below it. */
export type Selection = Map<string, Selection>;

function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: Selection): void {
  for (const node of set?.selections ?? []) {
    if (node.kind === 'Field') {
      const name = node.name.value;
      if (name.startsWith('__')) continue;
      const below = into.get(name) ?? new Map();
      into.set(name, below);
      collect(node.selectionSet, fragments, below);
    } else if (node.kind === 'InlineFragment') {
      collect(node.selectionSet, fragments, into);
    } else {
      collect(fragments[node.name.value]?.selectionSet, fragments, into);
    }
  }
}

/**
 * What the client selected below the field being resolved, with fragments and repeated fields merged.
 * `@skip`/`@include` are ignored, so a selection may be wider than what is returned — never narrower,
 * which is what a caller that fetches only the selected columns needs.
 */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  const root: Selection = new Map();
  for (const node of info.fieldNodes) collect(node.selectionSet, info.fragments, root);
  return root;
}

/** The selection at a path below it (e.g. 'edges', 'node'); empty when the client did not ask for it. */
export function selectionAt(selection: Selection, ...path: string[]): Selection {
  let at = selection;
  for (const name of path) at = at.get(name) ?? new Map();
  return at;
}

/** True when the current field's selection asks for a direct child field (fragments included). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return selectionOf(info).has(name);
}
