import { fromGraphQLErrors, type GraphQLErrorBody, MedofficeError } from './errors.js';
import type { TransportOptions } from './transport.js';
import { SDK_VERSION } from './version.js';

/** What an import may be: PATIENTS, PROVIDERS, APPOINTMENT_TYPES, SUPPLY_ITEMS, OPENING_STOCK, COVERAGES, PAYERS, FEE_SCHEDULES. */
export type ImportTargetName = 'PATIENTS' | 'PROVIDERS' | 'APPOINTMENT_TYPES' | 'SUPPLY_ITEMS' | 'OPENING_STOCK' | 'COVERAGES' | 'PAYERS' | 'FEE_SCHEDULES';

export interface UploadImportOptions {
  /** Check only, write nothing (the default, as on the server): pass false to commit. */
  dryRun?: boolean;
  /** ALL_OR_NOTHING (default) or GOOD_ROWS (good rows written; the rest via `rejectedImportRows`). */
  mode?: 'ALL_OR_NOTHING' | 'GOOD_ROWS';
  fileName?: string;
  /** The import's id (a UUID), to poll `importRun({ id })` for progress while the upload runs; one is made up otherwise. */
  id?: string;
  signal?: AbortSignal;
}

/** The outcome of an upload: the import record with its first 1,000 problems. */
export interface ImportUploadResult {
  id: string;
  target: string;
  status: 'DRY_RUN' | 'COMMITTED' | 'REJECTED';
  mode: 'ALL_OR_NOTHING' | 'GOOD_ROWS';
  fileSha256: string;
  fileName: string | null;
  rows: number;
  problemCount: number;
  rejectedRows: number;
  createdBy: string;
  createdAt: string;
  problems: { line: number; column: string | null; message: string }[];
}

/** The CSV bytes: text, bytes, a Blob/File, or a stream (sent as it is read, never held whole). */
export type ImportData = string | Uint8Array | Blob | ReadableStream<Uint8Array>;

/** The HTTP endpoint beside GraphQL: `<origin>/imports/…` for `<origin>/graphql`. */
const endpoint = (graphqlUrl: string, path: string) => new URL(path, graphqlUrl.replace(/\/graphql\/?$/, '/')).toString();

async function request(opts: TransportOptions, method: 'GET' | 'POST', url: string, body: ImportData | undefined, signal: AbortSignal | undefined): Promise<Response> {
  const send = async (token: string | null | undefined) => {
    const headers: Record<string, string> = { ...opts.headers, 'x-medoffice-sdk': SDK_VERSION, ...(body !== undefined ? { 'content-type': 'text/csv; charset=utf-8' } : {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await opts.fetch(url, { method, headers, body: body as BodyInit | undefined, signal, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
    } catch (cause) {
      throw new MedofficeError({ code: 'SERVICE_UNAVAILABLE', kind: 'network', retryable: true, message: `Network error: ${cause instanceof Error ? cause.message : 'request failed'}`, cause });
    }
  };
  const token = await opts.getToken();
  let res = await send(token);
  // A refused token is renewed once, when the body can be sent again (not a stream already read).
  if (res.status === 401 && opts.refreshToken && !(body instanceof ReadableStream)) {
    const error = await errorOf(res);
    const fresh = await opts.refreshToken(token, error);
    if (!fresh) throw error;
    res = await send(fresh);
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

async function errorOf(res: Response): Promise<MedofficeError> {
  const requestId = res.headers.get('x-request-id') ?? undefined;
  const text = await res.text();
  try {
    const json = JSON.parse(text) as { errors?: GraphQLErrorBody[] };
    if (Array.isArray(json.errors) && json.errors.length) return fromGraphQLErrors(json.errors, { status: res.status, requestId });
  } catch {
    // not JSON: described below
  }
  return new MedofficeError({ code: res.status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR', kind: 'http', retryable: res.status === 503, status: res.status, requestId, message: `HTTP ${res.status}` });
}

/**
 * Uploads a CSV file to POST /imports/<target> and returns the import record (never retried: a commit
 * must not run twice; the server refuses the same file twice anyway).
 * @throws MedofficeError (BAD_USER_INPUT for an unknown target or mode, FORBIDDEN for a role that may not import it)
 */
export async function uploadImport(opts: TransportOptions, target: ImportTargetName, data: ImportData, options: UploadImportOptions = {}): Promise<ImportUploadResult> {
  const q = new URLSearchParams({ dryRun: String(options.dryRun ?? true) });
  if (options.mode) q.set('mode', options.mode);
  if (options.fileName) q.set('fileName', options.fileName);
  if (options.id) q.set('id', options.id);
  const res = await request(opts, 'POST', endpoint(opts.url, `imports/${encodeURIComponent(target)}?${q}`), data, options.signal);
  return (await res.json()) as ImportUploadResult;
}

/** The rows a GOOD_ROWS commit left out, as CSV text (the file's header and fields plus `problem`); audited on the server. */
export async function rejectedImportRows(opts: TransportOptions, importId: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  const res = await request(opts, 'GET', endpoint(opts.url, `imports/${encodeURIComponent(importId)}/rejected.csv`), undefined, options.signal);
  return res.text();
}
