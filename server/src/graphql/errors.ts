import { GraphQLError } from 'graphql';

/** The closed list of `extensions.code` values a client can receive. The SDK exports the same list. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'VERSION_CONFLICT',
  'SLOT_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'UPSTREAM_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<ErrorCode> = new Set([
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
]);

export const isRetryable = (code: ErrorCode) => RETRYABLE.has(code);

/** One invalid input value: a dotted path from the argument (`input.dateOfBirth`) and why. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * A domain error with a code from the closed list. Messages carry ids and codes only — never PHI.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
    this.code = code;
  }
}

export const notFound = (entity: string, id: string) =>
  new AppError('NOT_FOUND', `${entity} ${id} was not found`, { entity, id });

export const forbidden = (message = 'Your role may not perform this operation') =>
  new AppError('FORBIDDEN', message);

export const unauthenticated = (message = 'A valid bearer token is required') =>
  new AppError('UNAUTHENTICATED', message);

export const badInput = (problems: FieldProblem[]) =>
  new AppError(
    'BAD_USER_INPUT',
    `Invalid input: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    { fields: problems },
  );

export const versionConflict = (entity: string, id: string, expected: number, actual: number) =>
  new AppError(
    'VERSION_CONFLICT',
    `${entity} ${id} is at version ${actual}, not the expected ${expected}; reload and retry`,
    { entity, id, expectedVersion: expected, actualVersion: actual },
  );
