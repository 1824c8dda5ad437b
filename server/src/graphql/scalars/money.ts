import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * The largest amount a Money input may carry, either sign: 100,000,000 cents = $1,000,000. No single
 * copay, charge, payment or adjustment of a medical office comes near it; anything above is a typo or an
 * attack (2^31 cents used to be accepted). Outputs (totals, balances) are not bounded.
 */
export const MONEY_MAX_CENTS = 100_000_000;

function parseOutput(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new GraphQLError('Money must be a whole number of cents (a safe integer)');
}

function parseInput(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MONEY_MAX_CENTS) return value;
  throw new GraphQLError(`Money must be a whole number of cents from -${MONEY_MAX_CENTS} to ${MONEY_MAX_CENTS} ($1,000,000)`);
}

/** An amount of US money in integer cents. Never a float, never a string; inputs at most $1,000,000 either way. */
export const MoneyScalar = new GraphQLScalarType<number, number>({
  name: 'Money',
  description:
    'An amount in integer cents (12345 = $123.45); a safe integer, never a float or a string. As input at most 100000000 cents ($1,000,000) either way; fields may narrow it further (e.g. no negative copay).',
  serialize: (v) => parseOutput(v),
  parseValue: parseInput,
  parseLiteral: (ast) => parseInput(ast.kind === Kind.INT ? Number(ast.value) : undefined),
});
