import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parse(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new GraphQLError('Money must be a whole number of cents (a safe integer)');
}

/** An amount of US money in integer cents. Never a float, never a string. */
export const MoneyScalar = new GraphQLScalarType<number, number>({
  name: 'Money',
  description: 'An amount in integer cents (12345 = $123.45); a safe integer, never a float or a string.',
  serialize: (v) => parse(v),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.INT ? Number(ast.value) : undefined),
});
