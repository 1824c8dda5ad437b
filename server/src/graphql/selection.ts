import type { GraphQLResolveInfo } from 'graphql';

/** True when the current field's selection asks for a direct child field (fragments included). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: readonly import('graphql').SelectionNode[] | undefined): boolean =>
    (set ?? []).some((s) => {
      if (s.kind === 'Field') return s.name.value === name;
      if (s.kind === 'InlineFragment') return visit(s.selectionSet.selections);
      const frag = info.fragments[s.name.value];
      return frag ? visit(frag.selectionSet.selections) : false;
    });
  return info.fieldNodes.some((n) => visit(n.selectionSet?.selections));
}
