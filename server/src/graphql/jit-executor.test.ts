import { buildSchema as buildSdl, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compilable, jitGateway } from './jit-executor.js';

const schema = buildSdl(`
  input Range { from: Int! = 0, to: Int }
  type Query { items(limit: Int, range: Range): [Int!]! }
  type Mutation { touch(range: Range): Int }`);
schema.getQueryType()!.getFields().items!.resolve = (_r, args: { limit?: number; range?: { from: number } }) =>
  Array.from({ length: args.limit ?? 3 }, (_, i) => i + (args.range?.from ?? 0));

const op = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('jit executor routing', () => {
  it('compiles queries whose variables are scalars, enums or lists of them', () => {
    expect(compilable(schema, op('query Q($n: Int) { items(limit: $n) }'))).toBe(true);
    expect(compilable(schema, op('{ items }'))).toBe(true);
  });

  it('leaves mutations and input-object variables to graphql-js', () => {
    expect(compilable(schema, op('mutation { touch }'))).toBe(false);
    expect(compilable(schema, op('query Q($r: Range) { items(range: $r) }'))).toBe(false);
  });

  it('executes both kinds, applying input-field defaults and coercing variables like graphql-js', async () => {
    const { executor } = await jitGateway(schema)!.load({ apollo: {} });
    const run = (query: string, variables: Record<string, unknown>) => {
      const document = parse(query);
      const operation = document.definitions[0] as OperationDefinitionNode;
      return executor!({ document, operation, operationName: operation.name?.value ?? null, queryHash: query, request: { variables }, context: {} } as never);
    };
    expect(await run('query Q($n: Int) { items(limit: $n) }', { n: 2 })).toEqual({ data: { items: [0, 1] } });
    expect(await run('query Q($r: Range) { items(range: $r, limit: 2) }', { r: { to: 9 } })).toEqual({ data: { items: [0, 1] } });
    const bad = await run('query Q($n: Int) { items(limit: $n) }', { n: 'two' });
    expect(bad.errors?.[0]?.message).toMatch(/^Variable "\$n" got invalid value "two"; Int cannot represent non-integer value/);
  });
});
