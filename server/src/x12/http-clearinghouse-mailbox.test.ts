import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClearinghouse, type HttpClearinghouseOptions } from './http-clearinghouse.js';

/**
 * A small mailbox server on loopback, the shape the client is written for: GET <base>/<mailbox> lists
 * the waiting files as JSON, GET <base>/<mailbox>/<id> returns one file, DELETE removes it. Scripted
 * answers (status, body, or a hang) can be queued per "METHOD path"; every request is recorded.
 */
type Scripted = { status: number; body: string } | 'hang';
const files = new Map<string, string>();
const scripted = new Map<string, Scripted[]>();
const seen: { method: string; path: string; auth?: string; accept?: string }[] = [];
const server = http.createServer((req, res) => {
  const method = req.method ?? 'GET';
  const path = req.url ?? '';
  seen.push({ method, path, auth: req.headers.authorization, accept: req.headers.accept });
  const queued = scripted.get(`${method} ${path}`)?.shift();
  if (queued === 'hang') return;
  if (queued) return void res.writeHead(queued.status).end(queued.body);
  const m = /^\/ch\/mailbox\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) return void res.writeHead(404).end('no such path');
  const [mailbox, id] = [decodeURIComponent(m[1]!), m[2] === undefined ? undefined : decodeURIComponent(m[2])];
  const mine = [...files.keys()].filter((k) => k.startsWith(`${mailbox}|`));
  if (id === undefined && method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mine.map((k) => ({ id: k.split('|')[1], name: `${k.split('|')[1]}.x12` }))));
  const key = `${mailbox}|${id}`;
  if (!files.has(key)) return void res.writeHead(404).end('gone');
  if (method === 'GET') return void res.writeHead(200, { 'content-type': 'application/edi-x12' }).end(files.get(key));
  if (method === 'DELETE') {
    files.delete(key);
    return void res.writeHead(204).end();
  }
  res.writeHead(405).end();
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  files.clear();
  scripted.clear();
  seen.length = 0;
});

const script = (key: string, ...answers: Scripted[]) => scripted.set(key, answers);
const client = (over: Partial<HttpClearinghouseOptions> = {}) =>
  new HttpClearinghouse({ url: `${base}/x12`, mailboxUrl: `${base}/ch/mailbox/`, username: 'user', password: 'pw', timeoutMs: 5000, retries: 2, backoffMs: 1, breakerThreshold: 100, breakerResetMs: 60_000, sleep: async () => {}, ...over });

describe('HttpClearinghouse mailbox (CLEARINGHOUSE_MAILBOX_URL)', () => {
  it('lists, fetches and acknowledges (deletes) files under the mailbox base, with credentials, the ids URL-encoded', async () => {
    files.set('practice 1|f/1', 'ISA*999 text~');
    files.set('practice 1|f2', 'ISA*277 text~');
    files.set('practice 2|f3', 'not yours');
    const ch = client();
    expect(await ch.listMailbox('practice 1')).toEqual([{ id: 'f/1', name: 'f/1.x12' }, { id: 'f2', name: 'f2.x12' }]);
    expect(await ch.fetchMailboxFile('practice 1', 'f/1')).toBe('ISA*999 text~');
    await ch.acknowledgeMailboxFile('practice 1', 'f/1');
    expect(await ch.listMailbox('practice 1')).toEqual([{ id: 'f2', name: 'f2.x12' }]);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /ch/mailbox/practice%201', 'GET /ch/mailbox/practice%201/f%2F1', 'DELETE /ch/mailbox/practice%201/f%2F1', 'GET /ch/mailbox/practice%201']);
    expect(new Set(seen.map((s) => s.auth))).toEqual(new Set([`Basic ${Buffer.from('user:pw').toString('base64')}`]));
  });

  it('without a mailbox URL uses CLEARINGHOUSE_URL + /mailbox', async () => {
    script('GET /x12/mailbox/p1', { status: 200, body: '[]' });
    expect(await client({ mailboxUrl: undefined }).listMailbox('p1')).toEqual([]);
    expect(seen.map((s) => s.path)).toEqual(['/x12/mailbox/p1']);
  });

  it('acknowledging a file already gone (404) succeeds: an acknowledgment repeated after a lost answer is harmless', async () => {
    await expect(client().acknowledgeMailboxFile('p1', 'gone-already')).resolves.toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  it('reads a listing leniently (entries without an id dropped, a missing name is the id) and refuses one that is not a JSON list (HTTP_STATUS, not retried)', async () => {
    script('GET /ch/mailbox/p1', { status: 200, body: JSON.stringify([{ id: 'a', name: 'a.x12' }, { id: 'b' }, { name: 'no id' }, { id: '' }, null, 7]) });
    expect(await client().listMailbox('p1')).toEqual([{ id: 'a', name: 'a.x12' }, { id: 'b', name: 'b' }]);
    script('GET /ch/mailbox/p1', { status: 200, body: '<html>maintenance</html>' }, { status: 200, body: '{"files": []}' });
    seen.length = 0;
    await expect(client().listMailbox('p1')).rejects.toMatchObject({ kind: 'HTTP_STATUS', message: 'clearinghouse mailbox listing is not JSON' });
    await expect(client().listMailbox('p1')).rejects.toMatchObject({ kind: 'HTTP_STATUS', message: 'clearinghouse mailbox listing is not a list' });
    expect(seen).toHaveLength(2);
  });

  it('retries 5xx answers and timeouts (the mailbox requests are idempotent) and succeeds when the clearinghouse recovers', async () => {
    files.set('p1|f1', 'ISA*file~');
    script('GET /ch/mailbox/p1/f1', { status: 503, body: 'busy' }, 'hang');
    expect(await client({ timeoutMs: 300 }).fetchMailboxFile('p1', 'f1')).toBe('ISA*file~');
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET', 'GET']);
    script('DELETE /ch/mailbox/p1/f1', { status: 502, body: 'bad gateway' });
    seen.length = 0;
    await client().acknowledgeMailboxFile('p1', 'f1');
    expect(seen.map((s) => s.method)).toEqual(['DELETE', 'DELETE']);
    expect(files.has('p1|f1')).toBe(false);
  });

  it('gives up after the retries with UNAVAILABLE (5xx) or TIMEOUT (hang); 4xx answers are HTTP_STATUS at once', async () => {
    script('GET /ch/mailbox/p1', { status: 500, body: 'x' }, { status: 500, body: 'x' }, { status: 500, body: 'x' });
    await expect(client().listMailbox('p1')).rejects.toMatchObject({ kind: 'UNAVAILABLE', message: 'clearinghouse answered HTTP 500' });
    expect(seen).toHaveLength(3);
    seen.length = 0;
    script('GET /ch/mailbox/p1/f1', 'hang', 'hang', 'hang');
    await expect(client({ timeoutMs: 200 }).fetchMailboxFile('p1', 'f1')).rejects.toMatchObject({ kind: 'TIMEOUT' });
    expect(seen).toHaveLength(3);
    for (const status of [401, 403, 404]) {
      seen.length = 0;
      script('GET /ch/mailbox/p1/f9', { status, body: 'no' });
      await expect(client().fetchMailboxFile('p1', 'f9')).rejects.toMatchObject({ kind: 'HTTP_STATUS', message: `clearinghouse answered HTTP ${status}` });
      expect(seen).toHaveLength(1);
    }
    seen.length = 0;
    script('DELETE /ch/mailbox/p1/f1', { status: 403, body: 'no' });
    await expect(client().acknowledgeMailboxFile('p1', 'f1')).rejects.toMatchObject({ kind: 'HTTP_STATUS' });
    expect(seen).toHaveLength(1);
  });

  it('a refused connection is UNAVAILABLE after the retries; a mailbox down long enough opens the circuit and nothing more is sent', async () => {
    const gone = http.createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const port = (gone.address() as AddressInfo).port;
    await new Promise<void>((r) => gone.close(() => r()));
    let sleeps = 0;
    const closed = client({ url: `http://127.0.0.1:${port}/x12`, mailboxUrl: undefined, sleep: async () => void sleeps++ });
    await expect(closed.listMailbox('p1')).rejects.toMatchObject({ kind: 'UNAVAILABLE', mayHaveBeenDelivered: false });
    expect(sleeps).toBe(2);
    const ch = client({ retries: 0, breakerThreshold: 2 });
    script('GET /ch/mailbox/p1', { status: 503, body: 'x' }, { status: 503, body: 'x' });
    await expect(ch.listMailbox('p1')).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    await expect(ch.listMailbox('p1')).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    seen.length = 0;
    await expect(ch.fetchMailboxFile('p1', 'f1')).rejects.toMatchObject({ kind: 'CIRCUIT_OPEN' });
    expect(seen).toHaveLength(0);
  });
});
