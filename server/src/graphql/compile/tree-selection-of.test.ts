import { buildSchema, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { treeSelectionOf } from './tree-selection-of.js';

const schema = buildSchema(`
  type Query { orders: OrderPage }
  type OrderPage { edges: [OrderEdge!]! }
  type OrderEdge { node: Order! }
  type Order { id: ID! lines(code: String, first: Int = 10): [Line!]! }
  type Line { code: String }
`);

/** What a resolver of Query.orders gets, for one parsed document (its field nodes are the same objects every time). */
function infoFor(query: string) {
  const doc = parse(query);
  const op = doc.definitions[0] as OperationDefinitionNode;
  const fieldNodes = [op.selectionSet.selections[0] as FieldNode];
  return (variableValues: Record<string, unknown>) =>
    ({ fieldNodes, returnType: schema.getQueryType()!.getFields().orders!.type, fragments: {}, variableValues }) as unknown as GraphQLResolveInfo;
}

describe('treeSelectionOf', () => {
  it('builds a document whose arguments are literals once, and answers the same selection after', () => {
    const info = infoFor('{ orders { edges { node { id lines(code: "A") { code } } } } }');
    const first = treeSelectionOf(info({}), 'edges', 'node');
    expect(first).toEqual({
      type: 'Order',
      fields: [
        { name: 'id', resolved: false, args: {}, ambiguous: false, below: null },
        { name: 'lines', resolved: false, args: { code: 'A', first: 10 }, ambiguous: false, below: { type: 'Line', fields: [{ name: 'code', resolved: false, args: {}, ambiguous: false, below: null }] } },
      ],
    });
    expect(treeSelectionOf(info({}), 'edges', 'node')).toBe(first);
    expect(treeSelectionOf(info({}), 'edges')).not.toBe(first); // another path, its own entry
  });

  it("rebuilds on every request when an argument below takes a variable, with that request's value", () => {
    const info = infoFor('query Q($code: String) { orders { edges { node { lines(code: $code) { code } } } } }');
    const a = treeSelectionOf(info({ code: 'A' }), 'edges', 'node')!;
    const b = treeSelectionOf(info({ code: 'B' }), 'edges', 'node')!;
    expect(a.fields[0]!.args).toEqual({ code: 'A', first: 10 });
    expect(b.fields[0]!.args).toEqual({ code: 'B', first: 10 });
    const nested = infoFor('query Q($n: Int) { orders { edges { node { lines(first: $n) { code } } } } }');
    expect(treeSelectionOf(nested({ n: 3 }), 'edges', 'node')!.fields[0]!.args).toEqual({ first: 3 });
    expect(treeSelectionOf(nested({ n: 4 }), 'edges', 'node')!.fields[0]!.args).toEqual({ first: 4 });
  });
});
