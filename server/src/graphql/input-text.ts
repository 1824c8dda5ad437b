import type { FieldProblem } from './errors.js';

/**
 * What a string input may contain, checked for every string reaching a resolver (arguments and every
 * nested input field, IDs included), in one place.
 *
 * - Everywhere: no C0 control characters (U+0000–U+001F), no DEL (U+007F) and no C1 controls
 *   (U+0080–U+009F). PostgreSQL cannot store U+0000 in text (SQLSTATE 22021) and the others have no
 *   business in a name, a code or an id.
 * - Free text (fields named `notes`, `note`, `reason`) may also contain tab, line feed and carriage
 *   return, and bidirectional formatting characters (right-to-left notes need them). So may a `csv`
 *   document (fee schedules), whose parser checks each cell itself, and a `labMessage` (HL7 v2 segments are
 *   separated by carriage returns; the HL7/FHIR readers check every field themselves).
 * - Everything else (names above all) may not contain the bidirectional embedding, override and isolate
 *   characters U+202A–U+202E and U+2066–U+2069, which can make a name display as something else.
 */
// The loops' free text too: a contact's summary and outcome, a task's description and comments, an order's instructions.
const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(['notes', 'note', 'reason', 'csv', 'summary', 'outcome', 'description', 'comment', 'instructions', 'labMessage']);
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

function problemOf(value: string, field: string): string | undefined {
  const free = FREE_TEXT_FIELDS.has(field);
  if ((free ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) {
    return free ? 'must not contain control characters other than tab and line breaks' : 'must not contain control characters';
  }
  if (!free && BIDI_CONTROL.test(value)) return 'must not contain bidirectional control characters';
  return undefined;
}

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Finds every string in a resolver's arguments that breaks the rules above.
 * @param args - the coerced arguments of one field (plain objects, arrays and scalars)
 * @returns problems with dotted paths from the argument name (`input.legalName.given`), never the value
 */
export function textProblems(args: Record<string, unknown>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const walk = (value: unknown, path: string[], field: string) => {
    if (typeof value === 'string') {
      const message = problemOf(value, field);
      if (message) out.push({ path: path.join('.'), message });
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) walk(value[i], [...path, String(i)], field);
    } else if (value !== null && typeof value === 'object' && isPlainObject(value)) {
      for (const [key, v] of Object.entries(value)) walk(v, [...path, key], key);
    }
  };
  for (const [name, value] of Object.entries(args)) walk(value, [name], name);
  return out;
}
