import { getMetadataStorage, type ValidationError, validate } from 'class-validator';
import type { ResolverData } from 'type-graphql';
import { badInput, type FieldProblem } from './errors.js';
import { textProblems } from './input-text.js';

function flatten(errors: ValidationError[], prefix: string[], out: FieldProblem[]): FieldProblem[] {
  for (const e of errors) {
    const path = [...prefix, e.property];
    for (const message of Object.values(e.constraints ?? {})) {
      // class-validator messages start with the property name; keep only the rule part.
      out.push({ path: path.join('.'), message: message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message });
    }
    if (e.children?.length) flatten(e.children, path, out);
  }
  return out;
}

function argNameOf(value: object, args: Record<string, unknown>): string[] {
  const keys = Object.keys(value).sort().join(',');
  const name = Object.keys(args).find((k) => {
    const a = args[k];
    return a !== null && typeof a === 'object' && !Array.isArray(a) && Object.keys(a).sort().join(',') === keys;
  });
  return name ? [name] : [];
}

/** Whether class-validator has rules for a class (its own or inherited), by constructor. */
const hasRules = new WeakMap<object, boolean>();

/**
 * class-validator looks a class's rules up by scanning every rule of the application on each call,
 * which on a read page was one of the larger fixed costs of a request; a class without rules (most argument
 * types: `PageArgs`, filters) yields no error with our options, so it is not validated at all. Rules are
 * registered by decorators when the class is defined, before any instance of it reaches a resolver.
 */
function validated(item: object): boolean {
  const ctor = item.constructor;
  if (typeof ctor !== 'function') return true;
  let known = hasRules.get(ctor);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(ctor, undefined as unknown as string, false, false, undefined).length > 0;
    hasRules.set(ctor, known);
  }
  return known;
}

/** Argument sets whose strings were already checked (type-graphql validates each argument of a field separately). */
const textChecked = new WeakSet<object>();

/**
 * type-graphql argument validator, for every argument of every field: first the rules for all string
 * input (no control characters; see input-text.ts), then class-validator. Reports every problem with its
 * path from the argument (`input.legalName.given`), never the offending value (it may be PHI).
 * @throws BAD_USER_INPUT with `extensions.fields`
 */
export async function validateArgs(argValue: unknown, _type: unknown, data: ResolverData<object>): Promise<void> {
  if (!textChecked.has(data.args)) {
    textChecked.add(data.args);
    const text = textProblems(data.args);
    if (text.length > 0) throw badInput(text);
  }
  if (argValue === null || typeof argValue !== 'object') return;
  const items = Array.isArray(argValue) ? argValue : [argValue];
  const problems: FieldProblem[] = [];
  for (const item of items) {
    if (item === null || typeof item !== 'object' || !validated(item)) continue;
    const errors = await validate(item, { skipMissingProperties: true, forbidUnknownValues: false, validationError: { target: false, value: false } });
    flatten(errors, argNameOf(item, data.args), problems);
  }
  if (problems.length > 0) throw badInput(problems);
}
