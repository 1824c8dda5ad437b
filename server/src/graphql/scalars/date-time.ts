import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(value: unknown): Date {
  if (typeof value === 'string' && ISO_INSTANT.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new GraphQLError('DateTime must be an ISO-8601 instant with an offset, e.g. 2026-03-08T14:30:00Z');
}

/** A UTC instant as PostgreSQL prints timestamptz in JSON under TimeZone UTC (2026-03-08T14:30:00.123456+00:00), or already as ours (…Z). */
const UTC_TEXT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:Z|\+00:00)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `new Date(text).toISOString()` without the Date, for the strings PostgreSQL prints in UTC (every
 * compiled page's instants): the same digits, milliseconds truncated to 3 places, `Z`.
 * @returns null when the text is not such a valid instant (the caller takes the general path)
 */
export function utcIsoText(text: string): string | null {
  const m = UTC_TEXT.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return null;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS[month]! + (leap ? 1 : 0)) return null;
  const frac = m[7] === undefined ? '000' : m[7].length >= 3 ? m[7].slice(0, 3) : m[7].padEnd(3, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${frac}Z`;
}

/** What the scalar sends: a Date, or a value PostgreSQL or the mapper printed, as UTC ISO-8601. */
export function serializeDateTime(v: unknown): string {
  if (typeof v === 'string') {
    const fast = utcIsoText(v);
    if (fast !== null) return fast;
  }
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

/** An instant, serialized as UTC ISO-8601. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in time, serialized in UTC as ISO-8601 (2026-03-08T14:30:00.000Z). Input needs an offset.',
  serialize: serializeDateTime,
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
