import { type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type Selection, selectionAt, selectionOf, selects } from './selection.js';

/** The resolve info of the operation's first root field, as far as selectionOf reads it. */
function infoOf(query: string): GraphQLResolveInfo {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const first = op.selectionSet.selections[0]!;
  const fieldNodes = op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && first.kind === Kind.FIELD && s.name.value === first.name.value);
  return { fieldNodes, fragments } as unknown as GraphQLResolveInfo;
}

const tree = (s: Selection): unknown => Object.fromEntries([...s].map(([k, v]) => [k, tree(v)]));

describe('selectionOf', () => {
  it('merges fields, aliases, fragments and repeated root fields, and leaves out __typename', () => {
    const info = infoOf(`
      query { schedule { edges { node { id p: patient { mrn } ...F } } }
              schedule { edges { node { ... on Appointment { status patient { phones { number } } } __typename } } } }
      fragment F on Appointment { patient { legalName { family } } provider { id } }`);
    expect(tree(selectionAt(selectionOf(info), 'edges', 'node'))).toEqual({
      id: {},
      patient: { mrn: {}, legalName: { family: {} }, phones: { number: {} } },
      provider: { id: {} },
      status: {},
    });
  });

  it('gives an empty selection for a path the client did not ask for', () => {
    const info = infoOf('query { schedule { pageInfo { hasNextPage } } }');
    expect(selectionAt(selectionOf(info), 'edges', 'node').size).toBe(0);
    expect(selects(info, 'pageInfo')).toBe(true);
    expect(selects(info, 'totalCount')).toBe(false);
  });

  it('keeps fields under @skip, so a selection is never narrower than the response', () => {
    const info = infoOf('query($s: Boolean!) { schedule { totalCount @skip(if: $s) } }');
    expect(selects(info, 'totalCount')).toBe(true);
  });
});
