import { readFileSync } from 'node:fs';
import { buildSchema as build, parse, validate } from 'graphql';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../../server/src/graphql/build-schema.js';

describe('schema/operations/scheduling.graphql', () => {
  it('validates against the server schema', async () => {
    const schema = build(printSchema(await buildSchema()));
    const doc = parse(readFileSync(new URL('../../../schema/operations/scheduling.graphql', import.meta.url), 'utf8'));
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
