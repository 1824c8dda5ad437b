export { createClient } from './client.js';
export type { ClientOptions, MedofficeClient, Operations } from './client.js';
export { ERROR_CODES, isMedofficeError, MedofficeError } from './errors.js';
export type { ErrorCode, ErrorKind, FieldProblem, GraphQLErrorBody } from './errors.js';
export type { ConnectionResult, Page, PaginateOptions, Paginator, Paginators } from './paginate.js';
export type { RetryOptions } from './retry.js';
export type { SubscriptionHandlers, Subscribers, Unsubscribe } from './subscribers.js';
export type { CallOptions } from './transport.js';
export type * from './generated/sdk.js';
