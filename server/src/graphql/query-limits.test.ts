import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { DEFAULT_LIST_SIZE, enforceLimits, measureDocumentOperation, measureOperation } from './query-limits.js';

function measure(source: string, variables: Record<string, unknown> = {}) {
  const doc = parse(source);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return measureOperation(op, fragments, variables);
}

describe('measureOperation', () => {
  it('counts depth from 1 at the root and a cost of 1 per field', () => {
    expect(measure('{ a }')).toEqual({ depth: 1, cost: 1, aliases: 0 });
    expect(measure('{ a { b { c d } } e }')).toEqual({ depth: 3, cost: 5, aliases: 0 });
  });

  it('multiplies a subtree by first/last from literals', () => {
    // 1 (patients) + 10 × (1 edges + (1 node + 1 mrn))
    expect(measure('{ patients(first: 10) { edges { node { mrn } } } }').cost).toBe(31);
    expect(measure('{ patients(last: 4) { edges { node { mrn } } } }').cost).toBe(13);
  });

  it('reads the page size from variables, then from variable defaults', () => {
    const q = 'query Q($n: Int = 7) { patients(first: $n) { edges { node { mrn } } } }';
    expect(measure(q, { n: 100 }).cost).toBe(301);
    expect(measure(q).cost).toBe(22);
    expect(measure('query Q($n: Int) { patients(first: $n) { edges { node { mrn } } } }').cost).toBe(1 + DEFAULT_LIST_SIZE * 3);
  });

  it('prices nested lists multiplicatively', () => {
    expect(measure('{ a(first: 10) { b(first: 10) { c } } }').cost).toBe(1 + 10 * (1 + 10 * 1));
  });

  it('counts aliases, including inside fragments and per spread', () => {
    expect(measure('{ x: a y: a z: a { w: b } }').aliases).toBe(4);
    expect(measure('{ ...F ...F } fragment F on Query { p: a q: a }').aliases).toBe(4);
    expect(measure('{ ... on Query { p: a } }').aliases).toBe(1);
  });

  it('measures through fragments and inline fragments', () => {
    expect(measure('{ a { ...F } } fragment F on A { b { c } }')).toEqual({ depth: 3, cost: 3, aliases: 0 });
    expect(measure('{ a { ... on A { b { c } } } }')).toEqual({ depth: 3, cost: 3, aliases: 0 });
  });

  it('treats introspection as free and shallow, but counts its aliases', () => {
    expect(measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual({ depth: 0, cost: 0, aliases: 0 });
    expect(measure('{ a __typename }')).toEqual({ depth: 1, cost: 1, aliases: 0 });
    expect(measure('{ s1: __schema { t: types { name } } s2: __schema { types { name } } }').aliases).toBe(3);
  });

  it('measures a document of repeated fragment spreads without expanding it', () => {
    // 40 levels of two spreads each would be 2^40 walks if fragments were expanded naively.
    const frags = Array.from({ length: 40 }, (_, i) => `fragment F${i} on A { a { ...F${i + 1} ...F${i + 1} } }`).join('\n');
    const m = measure(`{ ...F0 } ${frags} fragment F40 on A { leaf }`);
    expect(m.depth).toBe(41);
    expect(m.cost).toBeGreaterThan(2 ** 40);
  });
});

describe('enforceLimits', () => {
  const limits = { maxDepth: 5, maxCost: 100, maxAliases: 2 };
  const codeOf = (fn: () => void) => {
    try {
      fn();
      return null;
    } catch (err) {
      return err instanceof AppError ? { code: err.code, ext: err.extensions } : err;
    }
  };

  it('accepts an operation at every limit', () => {
    expect(codeOf(() => enforceLimits({ depth: 5, cost: 100, aliases: 2 }, limits))).toBeNull();
  });

  it.each([
    ['depth', { depth: 6, cost: 1, aliases: 0 }],
    ['cost', { depth: 1, cost: 101, aliases: 0 }],
    ['aliases', { depth: 1, cost: 1, aliases: 3 }],
  ])('rejects %s over the limit with QUERY_TOO_COMPLEX and HTTP 400', (what, m) => {
    const result = codeOf(() => enforceLimits(m, limits)) as { code: string; ext: Record<string, unknown> };
    expect(result.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.ext[what]).toBe(m[what as keyof typeof m]);
    expect(result.ext.http).toEqual({ status: 400 });
  });
});

describe('measureDocumentOperation', () => {
  it('gives the same measure as measuring afresh, for each value of the page-size variables, on one parsed document', () => {
    const doc = parse('query Q($n: Int = 7, $m: Int, $s: String) { patients(first: $n, search: $s) { edges { node { ...N } } } } fragment N on Patient { mrn cases(last: $m) { id } }');
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    const cases: Record<string, unknown>[] = [{}, { n: 3 }, { n: 3, m: 2 }, { n: 3, m: 2, s: 'x' }, { n: 3, m: 2, s: 'y' }, { n: '3' }, { n: null, m: 9 }, {}, { n: 3 }];
    for (const variables of cases) expect(measureDocumentOperation(op, doc, variables)).toEqual(measureOperation(op, fragments, variables));
    expect(measureDocumentOperation(op, doc, { n: 100, m: 10 }).cost).toBe(1 + 100 * (1 + 1 + 1 + 1 + 10 * 1));
  });
});
