import { execute, type GraphQLError, GraphQLScalarType, buildSchema as buildSdl, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';

// patches/graphql-jit@0.8.9.patch compiles each leaf into a hoisted site function (null and Error checks,
// then the serializer) instead of runtime helpers that took freshly built location and path arrays and
// rest/spread index arrays on every leaf. What a leaf answers must not change: these are the answers of
// the unpatched 0.8.9 for every way a leaf goes wrong, at every depth of list nesting.
const schema = buildSdl(`
  scalar Odd
  type Query { rows: [Row]  top: String  topNN: Int!  topOdd: Odd }
  type Row { id: ID!  n: Int  s: String!  odd: Odd  oddNN: Odd!  tags: [String!]  maybe: [Int]  nested: [[Odd!]] }
`);
(schema.getType('Odd') as GraphQLScalarType).serialize = (v: unknown) => {
  if (v === 'throw') throw new Error('odd thrown');
  if (v === 'undef') return undefined;
  if (v === 'nan') return Number.NaN;
  return String(v).toUpperCase();
};
const QUERY = '{ rows { id n s odd oddNN tags maybe nested } top topNN topOdd }';
const ok = { id: 1, n: '5', s: 'fine', odd: 'x', oddNN: 'y', tags: ['a'], maybe: [1, null], nested: [['p', 'q'], []] };
/** Row i exercises case i. */
const root = () => ({
  rows: [
    ok,
    { ...ok, id: 'two', s: null },
    { ...ok, n: new Error('bad n') },
    { ...ok, s: new Error('bad s') },
    { ...ok, odd: 'throw' },
    { ...ok, oddNN: 'undef' },
    { ...ok, odd: 'nan' },
    { ...ok, tags: ['a', null] },
    { ...ok, tags: ['a', new Error('bad tag')] },
    { ...ok, nested: [['x'], ['y', 'throw']] },
    { ...ok, nested: [['x', null]] },
    { ...ok, n: 1.5, maybe: [2.5, 'zz'] },
    { ...ok, s: 7, odd: { toString: () => 'obj' }, oddNN: 'nan' },
    { ...ok, n: new Error('') },
  ],
  top: new Error('bad top'),
  topNN: 3,
  topOdd: 'undef',
});

/** [path, message, originalError's message, column] of each error, in the order unpatched graphql-jit 0.8.9 reported them. */
const EXPECTED_ERRORS = [
  [['rows', 2, 'n'], 'bad n', 'bad n', 13],
  [['rows', 4, 'odd'], 'odd thrown', null, 17],
  [['rows', 6, 'odd'], 'Expected a value of type "Odd" but received: nan', null, 17],
  [['rows', 11, 'n'], 'Int cannot represent non-integer value: 1.5', null, 13],
  [['rows', 11, 'maybe', 0], 'Int cannot represent non-integer value: 2.5', null, 32],
  [['rows', 11, 'maybe', 1], 'Int cannot represent non-integer value: "zz"', null, 32],
  [['rows', 13, 'n'], '', '', 13],
  [['top'], 'bad top', 'bad top', 47],
  [['topOdd'], 'Expected a value of type "Odd" but received: undef', null, 57],
  [['rows', 1, 's'], 'Cannot return null for non-nullable field Row.s.', null, 15],
  [['rows', 3, 's'], 'bad s', 'bad s', 15],
  [['rows', 5, 'oddNN'], 'Expected a value of type "Odd" but received: undef', null, 21],
  [['rows', 7, 'tags', 1], 'Cannot return null for non-nullable field Row.tags.', null, 27],
  [['rows', 8, 'tags', 1], 'bad tag', 'bad tag', 27],
  [['rows', 9, 'nested', 1, 1], 'odd thrown', null, 38],
  [['rows', 10, 'nested', 0, 1], 'Cannot return null for non-nullable field Row.nested.', null, 38],
  [['rows', 12, 'oddNN'], 'Expected a value of type "Odd" but received: nan', null, 21],
];

describe('graphql-jit leaves (patched)', () => {
  it('answers broken leaves with the same errors, paths and nulls as unpatched 0.8.9', async () => {
    const compiled = compileQuery(schema, parse(QUERY), undefined, { debug: true } as never);
    if (!isCompiledQuery(compiled)) throw new Error('not compiled');
    const result = await compiled.query(root(), {}, {});
    const errors = (result.errors as GraphQLError[]).map((e) => [e.path, e.message, e.originalError?.message ?? null, e.locations?.[0]?.column]);
    expect(errors).toEqual(EXPECTED_ERRORS);
    // The data is graphql-js's, but for one difference graphql-jit always had: a scalar serialized to NaN is
    // an error there (the field is null, and a non-null one nulls its row), while graphql-js passes NaN on.
    const reference = (await execute({ schema, document: parse(QUERY), rootValue: root() })).data as { rows: Record<string, unknown>[] };
    reference.rows[6]!.odd = null;
    (reference.rows as unknown[])[12] = null;
    expect(result.data).toEqual(reference);
    // The patch is in effect: leaves are site functions, not calls of the runtime's leaf helpers.
    const source = (compiled as unknown as { __DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation: string }).__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
    expect(source).not.toMatch(/checkN(onNull|ullable)Leaf/);
    expect(source).toMatch(/function Int__currentItemnLeaf\(__context, __value, idx0\)/);
  });
});
