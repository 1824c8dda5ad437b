import { type ValidationError, validateSync } from 'class-validator';
import { textProblems } from '../../graphql/input-text.js';

function flatten(errors: ValidationError[], prefix: string[], out: { path: string; message: string }[]) {
  for (const e of errors) {
    const path = [...prefix, e.property];
    // class-validator messages start with the property name; keep only the rule part (as validate-args does).
    for (const message of Object.values(e.constraints ?? {})) out.push({ path: path.join('.'), message: message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message });
    if (e.children?.length) flatten(e.children, path, out);
  }
}

/**
 * The rules the API applies to a mutation's input, for a row of an import: the string hygiene of every
 * GraphQL input (input-text.ts) on the plain values, then the input class's own validators, as
 * validate-args.ts runs them. One place, so an import never accepts what the mutation refuses.
 * @param plain - the row as the mutation's input (plain objects, arrays, strings)
 * @param input - the same values as instances of the input classes
 * @returns problems by input path (`legalName.given`, `phones.0.number`), never a value
 */
export function inputRuleProblems(plain: Record<string, unknown>, input: object): { path: string; message: string }[] {
  const out = textProblems({ input: plain }).map((p) => ({ path: p.path.replace(/^input\./, ''), message: p.message }));
  flatten(validateSync(input, { skipMissingProperties: true, forbidUnknownValues: false, validationError: { target: false, value: false } }), [], out);
  return out;
}
