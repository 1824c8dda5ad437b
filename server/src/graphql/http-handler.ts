import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import { queryStatsStorage } from '../db/query-stats.js';
import { BodyError, httpErrorAnswer } from '../http-errors.js';
import type { Logger } from '../logger.js';
import { spliceBody } from './compile/splice.js';
import type { Context } from './context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** express.json({ limit: '1mb' }) as bytes. */
export const BODY_LIMIT = 1024 * 1024;

/** What every /graphql request carries from its first byte: our id, the client's own id, when it started. */
export interface RequestMeta {
  requestId: string;
  correlationId?: string;
  startedAt: bigint;
}

/**
 * Our request id (always ours: unique in logs and the audit trail) and the client's well-formed
 * `x-correlation-id` (or `x-request-id`), both echoed in response headers.
 */
export function startRequest(headers: IncomingHttpHeaders, res: ServerResponse): RequestMeta {
  const requestId = randomUUID();
  const incoming = first(headers['x-correlation-id']) ?? first(headers['x-request-id']);
  const correlationId = incoming && REQUEST_ID.test(incoming) ? incoming : undefined;
  res.setHeader('x-request-id', requestId);
  if (correlationId) res.setHeader('x-correlation-id', correlationId);
  return { requestId, correlationId, startedAt: process.hrtime.bigint() };
}

// Express's req.header() returns the first value of a repeated header (Node joins only some of them).
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The client address as express computes `req.ip` with `trust proxy` set to a number of hops: the socket
 * address, or the X-Forwarded-For entry `hops` proxies back (proxy-addr's rule: the last trusted hop's
 * client, never further than the header goes).
 * @param req - the request
 * @param hops - how many proxies in front of us are trusted (config.trustProxy)
 * @returns the address rate limits charge
 */
export function clientAddress(req: IncomingMessage, hops: number): string | undefined {
  const socketAddr = req.socket.remoteAddress;
  if (hops <= 0) return socketAddr;
  const header = req.headers['x-forwarded-for'];
  if (!header) return socketAddr;
  const addrs = [socketAddr, ...forwardedFor(Array.isArray(header) ? header.join(', ') : header)];
  return addrs[Math.min(hops, addrs.length - 1)];
}

/** The `forwarded` package's X-Forwarded-For parse: entries split at commas, spaces trimmed, nearest proxy first. */
function forwardedFor(header: string): string[] {
  const list: string[] = [];
  let end = header.length;
  let start = header.length;
  for (let i = header.length - 1; i >= 0; i--) {
    const c = header.charCodeAt(i);
    if (c === 0x20) {
      if (start === end) start = end = i;
    } else if (c === 0x2c) {
      if (start !== end) list.push(header.substring(start, end));
      start = end = i;
    } else {
      start = i;
    }
  }
  if (start !== end) list.push(header.substring(start, end));
  return list;
}

/** Is this a body the fast path reads exactly as express.json() would (else express takes the request)? */
function plainJsonBody(headers: IncomingHttpHeaders): boolean {
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  // type-is' hasBody: requests without one keep express's answer.
  if (headers['transfer-encoding'] === undefined && (headers['content-length'] === undefined || Number.isNaN(Number(headers['content-length'])))) return false;
  const type = headers['content-type'];
  if (!type) return false;
  const semi = type.indexOf(';');
  if ((semi < 0 ? type : type.slice(0, semi)).trim().toLowerCase() !== 'application/json') return false;
  if (semi < 0) return true;
  // Only `charset=utf-8`: other charsets (and malformed parameters) keep body-parser's answers.
  return /^;\s*charset\s*=\s*"?utf-8"?\s*$/i.test(type.slice(semi));
}

/** Reads the body (at most BODY_LIMIT bytes) and parses it like express.json() in strict mode. */
function readJson(req: IncomingMessage, done: (err: BodyError | null, body?: unknown) => void): void {
  const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
  let finished = false;
  const chunks: Buffer[] = [];
  let received = 0;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > BODY_LIMIT) return fail(new BodyError('entity.too.large', 413));
    chunks.push(chunk);
  };
  const fail = (err: BodyError) => {
    if (finished) return;
    finished = true;
    req.removeListener('data', onData);
    // Like body-parser: read off the rest of the request, then answer.
    if (req.complete || req.destroyed) return done(err);
    const after = () => done(err);
    req.once('end', after);
    req.once('close', () => {
      req.removeListener('end', after);
      if (!req.complete) done(err);
    });
    req.resume();
  };
  if (declared !== null && declared > BODY_LIMIT) {
    fail(new BodyError('entity.too.large', 413));
    return;
  }
  req.on('data', onData);
  req.once('end', () => {
    if (finished) return;
    finished = true;
    if (declared !== null && received !== declared) return done(new BodyError('request.size.invalid', 400));
    let text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
    // iconv-lite (body-parser's decoder) drops a byte-order mark.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // body-parser: an empty body is {}; strict mode accepts only an object or an array.
    if (text.length === 0) return done(null, {});
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return done(new BodyError('entity.parse.failed', 400));
    }
    if (body === null || typeof body !== 'object') return done(new BodyError('entity.parse.failed', 400));
    done(null, body);
  });
  req.once('close', () => {
    if (!finished && !req.complete) {
      finished = true;
      done(new BodyError('request.aborted', 400));
    }
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * POST /graphql without express: reads the JSON body itself (same limit and error answers as
 * express.json() and the express error handler), then hands the request to Apollo the way
 * @as-integrations/express5 does. Returns false for every request it does not take (other paths and
 * methods, other body encodings or content types, start-up): express answers those unchanged.
 */
export function graphqlPostListener(opts: {
  apollo: ApolloServer<Context>;
  logger: Logger;
  /** While true, express answers (its 503 while starting). */
  passToExpress: () => boolean;
  context: (req: IncomingMessage, res: ServerResponse, meta: RequestMeta, ip: string | undefined, body: unknown) => Promise<Context>;
  trustProxy: number;
  /** Let compiled pages have PostgreSQL write their edges into the body (compile/splice.ts). */
  splice: boolean;
}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { apollo, logger } = opts;
  const fail = (res: ServerResponse, err: unknown, requestId: string) => {
    if (res.headersSent) {
      logger.error({ requestId, path: '/graphql', err: { type: 'after headers sent' } }, 'unexpected error (response cut short)');
      res.destroy();
      return;
    }
    const answer = httpErrorAnswer(logger, err, { path: '/graphql', requestId });
    sendJson(res, answer.status, answer.body);
  };
  return (req, res) => {
    const url = req.url!;
    if (req.method !== 'POST' || !(url === '/graphql' || url.startsWith('/graphql?')) || !plainJsonBody(req.headers) || opts.passToExpress()) return false;
    const meta = startRequest(req.headers, res);
    readJson(req, (err, body) => {
      if (err) return fail(res, err, meta.requestId);
      queryStatsStorage.run({ statements: 0, requestId: meta.requestId }, () => {
        execute(req, res, meta, body).catch((e: unknown) => fail(res, e, meta.requestId));
      });
    });
    return true;
  };

  async function execute(req: IncomingMessage, res: ServerResponse, meta: RequestMeta, body: unknown): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const q = req.url!.indexOf('?');
    let context: Context | undefined;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: q < 0 ? '' : req.url!.slice(q), body },
      context: async () => {
        context = await opts.context(req, res, meta, clientAddress(req, opts.trustProxy), body);
        if (opts.splice) context.splices = [];
        return context;
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status || 200;
    if (response.body.kind === 'complete') {
      const splices = context?.splices;
      const text = splices?.length ? spliceBody(response.body.string, splices) : response.body.string;
      res.setHeader('content-length', Buffer.byteLength(text));
      res.end(text);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}
