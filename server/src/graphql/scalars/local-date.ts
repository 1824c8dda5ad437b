import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isValidLocalDate } from '../../lib/dates.js';

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isValidLocalDate(value)) {
    throw new GraphQLError('LocalDate must be a calendar date written YYYY-MM-DD');
  }
  return value;
}

/** A calendar date with no time or zone (date of birth, date of service): `YYYY-MM-DD`. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar date with no time or time zone, written YYYY-MM-DD (date of birth, date of service).',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
