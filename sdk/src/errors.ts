/**
 * The closed list of `extensions.code` values the server sends. A copy of the server's list
 * (server/src/graphql/errors.ts); a test keeps the two equal.
 */
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

/** One invalid input value: a dotted path from the argument (`input.dateOfBirth`) and why. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A GraphQL error as it arrives in the response body. */
export interface GraphQLErrorBody {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/**
 * Where the failure happened: `graphql` = the server answered with errors; `http` = a non-GraphQL
 * HTTP failure (e.g. 503 from a proxy); `network` = no response at all (connection, timeout);
 * `websocket` = a subscription's socket was closed with a code (`extensions.closeCode`), e.g. 4403
 * for a missing or invalid token, 4401 for an expired one; `aborted` = the caller's AbortSignal fired
 * (code SERVICE_UNAVAILABLE, not retryable, the signal's reason as `cause`). A signal aborted before
 * the call sends nothing.
 */
export type ErrorKind = 'graphql' | 'http' | 'network' | 'websocket' | 'aborted';

/** The error an aborted call rejects with. */
export function abortedError(signal: AbortSignal, requestId?: string): MedofficeError {
  return new MedofficeError({ code: 'SERVICE_UNAVAILABLE', kind: 'aborted', retryable: false, requestId, message: 'The request was aborted by the caller', cause: signal.reason });
}

export interface MedofficeErrorInit {
  code: ErrorCode;
  message: string;
  kind: ErrorKind;
  retryable: boolean;
  requestId?: string;
  status?: number;
  path?: ReadonlyArray<string | number>;
  fields?: FieldProblem[];
  extensions?: Record<string, unknown>;
  errors?: GraphQLErrorBody[];
  data?: unknown;
  cause?: unknown;
}

/**
 * Every failure of an SDK call. `code` is from the server's closed list; network failures and bare
 * HTTP 503s are SERVICE_UNAVAILABLE (kind tells them apart). Messages never carry PHI.
 */
export class MedofficeError extends Error {
  override readonly name = 'MedofficeError';
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  /** True when sending the same request again may succeed. */
  readonly retryable: boolean;
  /** The server's `x-request-id` of the failed request (its own, not the one the SDK sent): quote it to support. */
  readonly requestId: string | undefined;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** The response path of the first GraphQL error, e.g. `['updatePatient']`. */
  readonly path: ReadonlyArray<string | number> | undefined;
  /** Invalid input values (BAD_USER_INPUT); empty otherwise. */
  readonly fields: FieldProblem[];
  /** The remaining extensions of the first error (e.g. entity, id, expectedVersion, actualVersion). */
  readonly extensions: Record<string, unknown>;
  /** Every GraphQL error of the response; the first one shaped this error. */
  readonly errors: GraphQLErrorBody[];
  /** Partial data the server returned beside the errors, if any. */
  readonly data: unknown;

  constructor(init: MedofficeErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.kind = init.kind;
    this.retryable = init.retryable;
    this.requestId = init.requestId;
    this.status = init.status;
    this.path = init.path;
    this.fields = init.fields ?? [];
    this.extensions = init.extensions ?? {};
    this.errors = init.errors ?? [];
    this.data = init.data;
  }
}

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

/** Narrows an unknown code from the wire; a code this SDK version does not know is reported as INTERNAL_SERVER_ERROR. */
export function toErrorCode(raw: unknown): ErrorCode {
  return typeof raw === 'string' && KNOWN.has(raw) ? (raw as ErrorCode) : 'INTERNAL_SERVER_ERROR';
}

/** Builds the error for a response whose body carries GraphQL errors. */
export function fromGraphQLErrors(errors: GraphQLErrorBody[], opts: { status?: number; requestId?: string; data?: unknown }): MedofficeError {
  const first = errors[0]!;
  const { code, retryable, requestId, fields, ...rest } = first.extensions ?? {};
  return new MedofficeError({
    code: toErrorCode(code),
    message: first.message,
    kind: 'graphql',
    retryable: retryable === true,
    requestId: typeof requestId === 'string' ? requestId : opts.requestId,
    status: opts.status,
    path: first.path,
    fields: Array.isArray(fields) ? (fields as FieldProblem[]) : [],
    extensions: rest,
    errors,
    data: opts.data,
  });
}

/** Type guard, optionally for one code: `if (isMedofficeError(err, 'VERSION_CONFLICT')) …`. */
export function isMedofficeError(err: unknown, code?: ErrorCode): err is MedofficeError {
  return err instanceof MedofficeError && (code === undefined || err.code === code);
}
