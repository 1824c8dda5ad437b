import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isValidTimeZone } from '../../lib/dates.js';

function parse(value: unknown): string {
  if (typeof value === 'string' && isValidTimeZone(value)) return value;
  throw new GraphQLError('TimeZone must be an IANA time zone name such as America/New_York');
}

/** An IANA time zone name, validated against the runtime's tz database. */
export const TimeZoneScalar = new GraphQLScalarType<string, string>({
  name: 'TimeZone',
  description: 'An IANA time zone name such as America/New_York.',
  serialize: (v) => String(v),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
