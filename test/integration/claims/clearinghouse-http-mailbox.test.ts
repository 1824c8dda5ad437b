import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearinghouseFiles } from '../../../server/src/db/schema/clearinghouse-files.js';
import { ClearinghouseError } from '../../../server/src/x12/clearinghouse.js';
import { answer276 } from '../../../server/src/x12/simulated-claims.js';
import { SimulatedClearinghouse } from '../../../server/src/x12/simulated-clearinghouse.js';
import { claimWorld } from '../../factories/claim.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { SUBMIT } from './claim-submit-ops.js';
import { POLL, readyClaimsFor } from './inbox-ops.js';

/**
 * A clearinghouse over HTTP on loopback, as the server meets it with CLEARINGHOUSE_MODE=http: POST
 * /x12 takes 837Ps (answered through the mailbox only: an empty body) and 270/276 inquiries; the
 * mailbox lives under /mailbox (CLEARINGHOUSE_MAILBOX_URL). Behind it, the simulator in mailbox
 * delivery files the 999, the 277CA and (after the 277CA is deleted) the 835. Failures can be
 * scripted per "METHOD path"; every request is recorded.
 */
const sim = new SimulatedClearinghouse({ delivery: 'mailbox' });
let account = '';
const scripted = new Map<string, number[]>();
const seen: string[] = [];
const facade = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    const path = req.url ?? '';
    seen.push(`${req.method} ${path}`);
    const status = scripted.get(`${req.method} ${path}`)?.shift();
    if (status) return void res.writeHead(status).end('scripted');
    try {
      if (req.method === 'POST' && path === '/x12') {
        if (body.includes('ST*837*')) {
          await sim.submit837(body, { mailbox: account });
          return void res.writeHead(202).end();
        }
        return void res.writeHead(200).end(body.includes('ST*276*') ? answer276(body) : await sim.send270(body));
      }
      const m = /^\/mailbox\/([^/]+)(?:\/([^/]+))?$/.exec(path);
      if (!m) return void res.writeHead(404).end();
      const [mailbox, id] = [decodeURIComponent(m[1]!), m[2] && decodeURIComponent(m[2])];
      if (!id) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await sim.listMailbox(mailbox)));
      if (req.method === 'DELETE') {
        await sim.acknowledgeMailboxFile(mailbox, id);
        return void res.writeHead(204).end();
      }
      return void res.writeHead(200).end(await sim.fetchMailboxFile(mailbox, id));
    } catch (err) {
      res.writeHead(err instanceof ClearinghouseError ? 404 : 500).end();
    }
  });
});

let server: TestServer;
beforeAll(async () => {
  await new Promise<void>((r) => facade.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(facade.address() as AddressInfo).port}`;
  server = await startTestServer({
    CLEARINGHOUSE_MODE: 'http', CLEARINGHOUSE_URL: `${base}/x12`, CLEARINGHOUSE_MAILBOX_URL: `${base}/mailbox`, CLEARINGHOUSE_RETRIES: '2', CLEARINGHOUSE_BACKOFF_MS: '1',
    CLEARINGHOUSE_BREAKER_THRESHOLD: '100', CLEARINGHOUSE_POLL_INTERVAL_SECONDS: '0',
  });
});
afterAll(() => {
  facade.closeAllConnections();
  return new Promise<void>((r) => facade.close(() => r()));
});

const STATUS = `query C($id: ID!) { claim(id: $id) { status } }`;

describe('pollClearinghouse over the HTTP mailbox client (CLEARINGHOUSE_MAILBOX_URL)', { timeout: 240_000 }, () => {
  it('takes 999, 277CA and 835 from the HTTP mailbox and deletes them; a listing that keeps failing and a refused delete are reported, the refused file is stored and processed all the same and deleted by the next poll', async () => {
    const w = await claimWorld(server);
    account = w.practiceId;
    const ids = await readyClaimsFor(server, w, ['XZ123456780', 'REJ12345678', 'XZ123456785']);
    const sent = await server.gql(w.biller, SUBMIT, { input: { claimIds: ids, idempotencyKey: `http-mailbox-${w.practiceId}` } });
    expect(sent.errors).toBeUndefined();
    // The clearinghouse answered the POST with an empty body: nothing to store yet, no unreadable answer.
    expect(sent.data!.submitClaims.batches).toMatchObject([{ status: 'SENT', ack999: null, answers: [] }]);
    const statuses = async () => Promise.all(ids.map(async (id) => (await server.gql(w.biller, STATUS, { id })).data!.claim.status));
    const list = `GET /mailbox/${w.practiceId}`;

    // The listing fails three times (the first try and two retries): the poll says so and takes nothing.
    scripted.set(list, [503, 503, 503]);
    seen.length = 0;
    const down = (await server.gql(w.biller, POLL)).data!.pollClearinghouse;
    expect(down).toMatchObject({ fetched: 0, processed: [], mailboxProblem: 'listing the mailbox: UNAVAILABLE' });
    expect(seen).toEqual([list, list, list]);

    // One 503 is retried; the first file's delete is refused (403, not retried): stored and processed, still in the mailbox.
    const waiting = await sim.listMailbox(w.practiceId);
    expect(waiting.map((f) => f.name)).toHaveLength(2);
    const first = `/mailbox/${w.practiceId}/${encodeURIComponent(waiting[0]!.id)}`;
    scripted.set(list, [503]);
    scripted.set(`DELETE ${first}`, [403]);
    seen.length = 0;
    const partial = (await server.gql(w.biller, POLL)).data!.pollClearinghouse;
    expect(partial).toMatchObject({ fetched: 1, mailboxProblem: `acknowledging file ${waiting[0]!.id}: HTTP_STATUS` });
    expect(partial.processed.map((f: { kind: string; status: string }) => `${f.kind}:${f.status}`)).toEqual(['999:PROCESSED']);
    expect(seen).toEqual([list, list, `GET ${first}`, `DELETE ${first}`]);
    expect(await sim.listMailbox(w.practiceId)).toHaveLength(2);

    // The next poll fetches the first file again (stored once), deletes it, and takes the 277CA.
    const next = (await server.gql(w.biller, POLL)).data!.pollClearinghouse;
    expect(next).toMatchObject({ fetched: 2, mailboxProblem: null });
    expect(next.processed.map((f: { kind: string; status: string }) => `${f.kind}:${f.status}`)).toEqual(['277CA:PROCESSED']);
    expect(await statuses()).toEqual(['ACCEPTED', 'REJECTED', 'ACCEPTED']);

    // The 835 the simulated payer filed once the 277CA was deleted.
    const era = (await server.gql(w.biller, POLL)).data!.pollClearinghouse;
    expect(era.processed.map((f: { kind: string; status: string }) => `${f.kind}:${f.status}`)).toEqual(['835:PROCESSED']);
    expect(await statuses()).toEqual(['PAID', 'REJECTED', 'DENIED']);
    expect(await sim.listMailbox(w.practiceId)).toEqual([]);
    const stored = await server.database.db.select().from(clearinghouseFiles).where(eq(clearinghouseFiles.practiceId, w.practiceId));
    expect(stored.map((f) => `${f.kind}:${f.status}`).sort()).toEqual(['277CA:PROCESSED', '835:PROCESSED', '999:PROCESSED']);
  });
});
