import 'reflect-metadata';
import { Min, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { validateArgs } from './validate-args.js';

class NoRules {
  size = 0;
}
class Ruled {
  @Min(1) size = 0;
}
class InheritsRules extends Ruled {
  label = 'x';
}
class Outer {
  @ValidateNested() inner: Ruled = new Ruled();
}

const data = (args: Record<string, unknown>) => ({ args, root: {}, context: {}, info: {} }) as never;
const codeOf = (p: Promise<void>) => p.then(() => 'ok', (e: { extensions?: { code?: string; fields?: unknown } }) => e.extensions?.code);

describe('validateArgs', () => {
  it('passes a class without rules untouched, however often', async () => {
    for (let i = 0; i < 3; i++) expect(await codeOf(validateArgs(new NoRules(), undefined, data({ page: {} })))).toBe('ok');
  });

  it('still applies the rules of a class, inherited and nested ones included, once its rules are known', async () => {
    for (let i = 0; i < 2; i++) {
      expect(await codeOf(validateArgs(new Ruled(), undefined, data({ a: {} })))).toBe('BAD_USER_INPUT');
      expect(await codeOf(validateArgs(new InheritsRules(), undefined, data({ a: {} })))).toBe('BAD_USER_INPUT');
      expect(await codeOf(validateArgs(new Outer(), undefined, data({ a: {} })))).toBe('BAD_USER_INPUT');
      expect(await codeOf(validateArgs(Object.assign(new Ruled(), { size: 2 }), undefined, data({ a: {} })))).toBe('ok');
    }
  });
});
