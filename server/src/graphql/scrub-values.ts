import { type ASTNode, Kind, print } from 'graphql';

/**
 * graphql-js quotes rejected input values in its coercion and validation messages. Those values can be
 * PHI (a name typed into the wrong field, a DOB, a member id), so they are cut out here while the parts
 * a client needs to fix the request (path, type, the reason) stay.
 */

const IDENTIFIER = /^"[A-Za-z_][A-Za-z0-9_![\]]*"$/;
const VALUE_KINDS: ReadonlySet<string> = new Set([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM, Kind.LIST, Kind.OBJECT, Kind.NULL]);

/**
 * Removes the value from one coercion reason. Built-in scalars end with ": <value>", enums say
 * `Value <value> does not exist in "E" enum.`; names of types and fields are kept, other quoted text is not.
 */
export function scrubReason(reason: string): string {
  return reason
    .replace(/^Value .*? does not exist in ("[A-Za-z_][A-Za-z0-9_]*") enum\./s, 'Value does not exist in $1 enum.')
    .replace(/^((?:Int|Float|String|Boolean|ID|Enum "[A-Za-z0-9_]+") cannot represent [^:]*?value): .*$/s, '$1.')
    .replace(/"[^"]*"/g, (q) => (IDENTIFIER.test(q) ? q : '"…"'));
}

/**
 * Rewrites `Variable "$v" got invalid value <value> at "v.path"; <reason>` without the value.
 * @param message - the full coercion message
 * @param reason - the inner error's message (the text after the value), when known exactly
 * @returns the safe message, the dotted path that failed (`input.phones.0.number`) and what is wrong
 *   with that field, for `extensions.fields[].message` (e.g. "LocalDate must be a calendar date written YYYY-MM-DD")
 */
export function scrubVariableMessage(message: string, reason?: string): { message: string; path?: string; fieldMessage?: string } {
  const missing = /^Variable "\$([^"]+)" of (?:required|non-null) type "([^"]+)" was not provided\.$/.exec(message);
  if (missing) return { message, path: missing[1], fieldMessage: `is required (${missing[2]})` };
  const head = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" got invalid value /.exec(message);
  if (!head) return { message: 'Invalid variable value' };
  const name = head[1]!;
  let prefix: string;
  let why: string;
  if (reason && reason !== message && message.endsWith(`; ${reason}`)) {
    prefix = message.slice(0, message.length - reason.length - 2);
    why = reason;
  } else {
    // Without the inner error, split at the last "; " — a value containing "; " may then leak into the reason,
    // which the reason scrubber still quotes away.
    const cut = message.lastIndexOf('; ');
    prefix = cut >= 0 ? message.slice(0, cut) : message;
    why = cut >= 0 ? message.slice(cut + 2) : '';
  }
  const at = / at "([A-Za-z_][A-Za-z0-9_.[\]]*)"$/.exec(prefix);
  // One path syntax for clients: graphql-js writes input.phones[0].number, class-validator input.phones.0.number.
  const parent = (at ? at[1]! : name).replace(/\[(\d+)\]/g, '.$1');
  // A missing or unknown field is reported on its parent object; point at the field itself.
  const field = /^Field "([A-Za-z_][A-Za-z0-9_]*)" (of required type "([^"]+)"|is not defined by type "([^"]+)")/.exec(why);
  const path = field ? `${parent}.${field[1]}` : parent;
  const safeWhy = scrubReason(why);
  const fieldMessage = field ? (field[3] ? `is required (${field[3]})` : `is not a field of ${field[4]}`) : safeWhy || 'is invalid';
  return { message: `Variable "$${name}" has an invalid value at "${path}"${safeWhy ? `: ${safeWhy}` : '.'}`, path, fieldMessage };
}

/** Replaces every input literal the error points at (inline arguments) with "…", then scrubs the reason. */
export function scrubLiteralMessage(message: string, nodes: readonly ASTNode[] | undefined): string {
  let out = message;
  for (const node of nodes ?? []) {
    if (!VALUE_KINDS.has(node.kind)) continue;
    const printed = print(node);
    if (!printed) continue;
    // Bare tokens (numbers, enum names, true) are cut only as whole words, so "FEMAL" spares "FEMALE".
    out = /^[A-Za-z0-9_.+-]+$/.test(printed)
      ? out.replace(new RegExp(`(?<![A-Za-z0-9_.])${printed.replace(/[.+]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g'), '…')
      : out.split(printed).join('…');
  }
  const cut = out.indexOf('; ');
  return cut >= 0 ? `${out.slice(0, cut)}; ${scrubReason(out.slice(cut + 2))}` : out;
}
