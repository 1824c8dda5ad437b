import { createHash } from 'node:crypto';
import { createClient, isMedofficeError } from '@medoffice/sdk';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimAcknowledgments } from '../../../server/src/db/schema/claim-batches.js';
import { clearinghouseFiles } from '../../../server/src/db/schema/clearinghouse-files.js';
import { claimStatusHistory } from '../../../server/src/db/schema/claims.js';
import { remittances } from '../../../server/src/db/schema/remittances.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { describeFile } from '../../../server/src/modules/clearinghouse-inbox/inbox-process.js';
import { pollClearinghouse } from '../../../server/src/modules/clearinghouse-inbox/inbox-poll.service.js';
import { insertFetchedFile, setFileOutcome } from '../../../server/src/modules/clearinghouse-inbox/inbox.repo.js';
import type { Clearinghouse } from '../../../server/src/x12/clearinghouse.js';
import { claimWorld } from '../../factories/claim.factory.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { SUBMIT } from './claim-submit-ops.js';
import { FILES, FILES_NESTED, POLL, readyClaimsFor, REPROCESS } from './inbox-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ CLEARINGHOUSE_DELIVERY: 'mailbox' });
});

const key = (s: string) => `inbox-${s}-${Math.random().toString(36).slice(2)}`;
const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;
type World = Awaited<ReturnType<typeof claimWorld>>;
const STATUSES = `query C($id: ID!) { claim(id: $id) { id status payerClaimNumber history { from to source } } }`;

async function statusOf(w: World, id: string): Promise<string> {
  return (await server.gql(w.biller, STATUSES, { id })).data!.claim.status;
}

/** Submits three claims in one batch: paid in full (…0), rejected by the 277CA (REJ…), denied by the ERA (…5). */
async function submitMixed() {
  const w = await claimWorld(server);
  const [paid, rejected, denied] = await readyClaimsFor(server, w, ['XZ123456780', 'REJ12345678', 'XZ123456785']);
  const res = await server.gql(w.biller, SUBMIT, { input: { claimIds: [paid, rejected, denied], idempotencyKey: key('submit') } });
  expect(res.errors).toBeUndefined();
  const batch = res.data!.submitClaims.batches[0];
  return { w, paid: paid!, rejected: rejected!, denied: denied!, batch };
}

const principalOf = (w: World) => ({ userId: 'biller-inbox', practiceId: w.practiceId, roles: [Role.BILLER] });
const poll = (w: World, clearinghouse: Clearinghouse = server.app.eligibility.clearinghouse) => pollClearinghouse(server.database.db, clearinghouse, principalOf(w), new AuditTrail(principalOf(w), 'req-inbox', 'pollClearinghouse'));
const filesOf = (w: World) => server.database.db.select().from(clearinghouseFiles).where(eq(clearinghouseFiles.practiceId, w.practiceId));

describe('the clearinghouse mailbox, polled', { timeout: 240_000 }, () => {
  it('a batch answered only through the mailbox: the first poll applies the 999 and the 277CA claim by claim (one rejected, two accepted), the next posts the ERA (paid, denied)', async () => {
    const { w, paid, rejected, denied, batch } = await submitMixed();
    expect(batch).toMatchObject({ status: 'SENT', ack999: null, answers: [] });
    expect(await Promise.all([paid, rejected, denied].map((id) => statusOf(w, id)))).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED']);

    const first = await server.gql(w.biller, POLL);
    expect(first.errors).toBeUndefined();
    expect(first.data!.pollClearinghouse).toMatchObject({ fetched: 2, mailboxProblem: null });
    expect(first.data!.pollClearinghouse.processed.map((f: { kind: string; status: string }) => [f.kind, f.status])).toEqual([['999', 'PROCESSED'], ['277CA', 'PROCESSED']]);
    // Each claim moved by its own 2200D status (TRN02 = its account number).
    expect(await Promise.all([paid, rejected, denied].map((id) => statusOf(w, id)))).toEqual(['ACCEPTED', 'REJECTED', 'ACCEPTED']);
    const rej = (await server.gql(w.biller, STATUSES, { id: rejected })).data!.claim;
    expect(rej.history.at(-1)).toMatchObject({ from: 'SUBMITTED', to: 'REJECTED', source: 'ACKNOWLEDGMENT' });

    const second = (await server.gql(w.biller, POLL)).data!.pollClearinghouse;
    expect(second.fetched).toBe(1);
    expect(second.processed).toMatchObject([{ kind: '835', status: 'PROCESSED', remittanceId: expect.any(String), problem: null }]);
    expect(await Promise.all([paid, rejected, denied].map((id) => statusOf(w, id)))).toEqual(['PAID', 'REJECTED', 'DENIED']);
    expect((await server.gql(w.biller, POLL)).data!.pollClearinghouse).toMatchObject({ fetched: 0, processed: [] });

    const list = (await server.gql(w.biller, FILES, { first: 2 })).data!.clearinghouseFiles;
    expect(list.totalCount).toBe(3);
    expect(list.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['835', '277CA']);
    const rest = (await server.gql(w.biller, FILES, { first: 2, after: list.pageInfo.endCursor })).data!.clearinghouseFiles;
    expect(rest.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['999']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const back = (await server.gql(w.biller, FILES, { last: 2, before: rest.edges[0].cursor })).data!.clearinghouseFiles;
    expect(back.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['835', '277CA']);
    expect((await server.gql(w.biller, FILES, { filter: { kind: '835' } })).data!.clearinghouseFiles.edges).toHaveLength(1);
    const nested = (await server.gql(w.biller, FILES_NESTED)).data!.clearinghouseFiles.edges.map((e: { node: unknown }) => e.node);
    expect(nested).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: '277CA', batches: [{ id: batch.id, status: 'ACCEPTED' }], remittance: null }),
      expect.objectContaining({ kind: '835', batches: [], remittance: expect.objectContaining({ status: 'POSTED' }) }),
    ]));
  });

  it('the page is one statement whatever its size (two with totalCount); bad filters and cursors are BAD_USER_INPUT; another practice sees none of it; the front desk is refused', async () => {
    const { w } = await submitMixed();
    await poll(w);
    await poll(w);
    const one = await server.gql(w.biller, `query { clearinghouseFiles(first: 1) { edges { node { id kind status } } } }`);
    const all = await server.gql(w.biller, `query { clearinghouseFiles(first: 50) { edges { node { id kind status } } } }`);
    expect(all.data!.clearinghouseFiles.edges).toHaveLength(3);
    expect([one.extensions!.stats!.sqlStatements, all.extensions!.stats!.sqlStatements]).toEqual([1, 1]);
    const counted = await server.gql(w.biller, `query { clearinghouseFiles(first: 50) { totalCount edges { node { id } } } }`);
    expect(counted.extensions!.stats!.sqlStatements).toBe(2);
    expect(codeOf(await server.gql(w.biller, FILES, { filter: { status: 'LOST' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(w.biller, FILES, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
    const other = await claimWorld(server);
    expect((await server.gql(other.biller, FILES)).data!.clearinghouseFiles.totalCount).toBe(0);
    expect((await server.gql(other.biller, POLL)).data!.pollClearinghouse).toMatchObject({ fetched: 0, processed: [] });
    const desk = await server.token(w.practiceId, [Role.FRONT_DESK]);
    expect(codeOf(await server.gql(desk, FILES))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(desk, POLL))).toBe('FORBIDDEN');
  });

  it('nothing fetched is lost: a poll that dies after storing a file (and after the clearinghouse deleted it) leaves it RECEIVED, and the next poll processes it', async () => {
    const { w, paid } = await submitMixed();
    const real = server.app.eligibility.clearinghouse;
    const crashing: Clearinghouse = {
      ...real, listMailbox: (m) => real.listMailbox(m), fetchMailboxFile: (m, id) => real.fetchMailboxFile(m, id), send270: (x) => real.send270(x), send276: (x) => real.send276(x), submit837: (x, o) => real.submit837(x, o),
      acknowledgeMailboxFile: async (m, id) => {
        await real.acknowledgeMailboxFile(m, id);
        throw new Error('process killed');
      },
    };
    await expect(poll(w, crashing)).rejects.toThrow('process killed');
    expect((await filesOf(w)).map((f) => [f.kind, f.status])).toEqual([['999', 'RECEIVED']]);
    const next = await poll(w);
    expect(next.fetched).toBe(1);
    expect(next.processed.map((f) => [f.kind, f.status])).toEqual([['999', 'PROCESSED'], ['277CA', 'PROCESSED']]);
    expect(await statusOf(w, paid)).toBe('ACCEPTED');
  });

  it('the same file fetched twice (not acknowledged the first time) is stored and processed once; the same text under another mailbox id is a DUPLICATE', async () => {
    const { w, batch } = await submitMixed();
    const real = server.app.eligibility.clearinghouse;
    const forgetful: Clearinghouse = { ...real, listMailbox: (m) => real.listMailbox(m), fetchMailboxFile: (m, id) => real.fetchMailboxFile(m, id), acknowledgeMailboxFile: async () => undefined, send270: (x) => real.send270(x), send276: (x) => real.send276(x), submit837: (x, o) => real.submit837(x, o) };
    expect((await poll(w, forgetful)).processed).toHaveLength(2);
    const again = await poll(w);
    expect(again).toMatchObject({ fetched: 2, processed: [] });
    expect(await filesOf(w)).toHaveLength(2);
    const acks = await server.database.db.select().from(claimAcknowledgments).where(eq(claimAcknowledgments.batchId, batch.id));
    expect(acks.map((a) => a.kind).sort()).toEqual(['277CA', '999']);

    const [ack999] = (await filesOf(w)).filter((f) => f.kind === '999');
    const resent: Clearinghouse = { ...forgetful, listMailbox: async () => [{ id: 'resent-999', name: 'resent.x12' }], fetchMailboxFile: async () => ack999!.raw };
    const dup = await poll(w, resent);
    expect(dup).toMatchObject({ fetched: 1, processed: [] });
    expect((await filesOf(w)).find((f) => f.remoteId === 'resent-999')).toMatchObject({ status: 'DUPLICATE' });
  });

  it('two polls at once process each file once', async () => {
    const { w, paid, denied } = await submitMixed();
    const first = await Promise.all([poll(w), poll(w), poll(w)]);
    expect(first.flatMap((p) => p.processed).map((f) => f.kind).sort()).toEqual(['277CA', '999']);
    const second = await Promise.all([poll(w), poll(w), poll(w)]);
    expect(second.flatMap((p) => p.processed).map((f) => f.kind)).toEqual(['835']);
    expect((await filesOf(w)).map((f) => f.status)).toEqual(['PROCESSED', 'PROCESSED', 'PROCESSED']);
    expect(await server.database.db.select().from(remittances).where(eq(remittances.practiceId, w.practiceId))).toHaveLength(1);
    const moves = await server.database.db.select().from(claimStatusHistory).where(and(eq(claimStatusHistory.practiceId, w.practiceId), eq(claimStatusHistory.claimId, paid)));
    // One move each to SUBMITTED, ACCEPTED and PAID, however many polls ran.
    expect(['SUBMITTED', 'ACCEPTED', 'PAID'].map((to) => moves.filter((m) => m.toStatus === to).length)).toEqual([1, 1, 1]);
    expect(await statusOf(w, denied)).toBe('DENIED');
  });

  it('a file processing refuses stays recorded FAILED with its problem (no PHI) and is listed; it is not retried on its own', async () => {
    const w = await claimWorld(server);
    const real = server.app.eligibility.clearinghouse;
    const strange = '<html>maintenance</html>';
    const foreign = `ISA*00*          *00*          *ZZ*SIMCH          *ZZ*MEDOFFICE      *261206*1200*^*00501*000000777*0*T*:~GS*FA*SIMCH*MEDOFFICE*20261206*1200*777*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*987654*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*777~IEA*1*000000777~`;
    const files: Record<string, string> = { a: strange, b: foreign };
    const odd: Clearinghouse = { ...real, listMailbox: async () => [{ id: `odd-a-${w.practiceId}`, name: 'a' }, { id: `odd-b-${w.practiceId}`, name: 'b' }], fetchMailboxFile: async (_m, id) => files[id.slice(4, 5)]!, acknowledgeMailboxFile: async () => undefined, send270: (x) => real.send270(x), send276: (x) => real.send276(x), submit837: (x, o) => real.submit837(x, o) };
    const done = await poll(w, odd);
    expect(done.processed.map((f) => [f.kind, f.status])).toEqual([['UNKNOWN', 'FAILED'], ['999', 'FAILED']]);
    expect(done.processed[0]!.problem).toMatch(/^BAD_USER_INPUT: the file is not a 999, 277CA or 835/);
    expect(done.processed[1]!.problem).toMatch(/^NOT_FOUND: ClaimBatch GS06 987654 ST02 1 was not found/);
    const failed = (await server.gql(w.biller, FILES, { filter: { status: 'FAILED' } })).data!.clearinghouseFiles;
    expect(failed.totalCount).toBe(2);
    expect((await poll(w)).processed).toEqual([]);
  });
});

/**
 * Takes the waiting files out of the practice's mailbox and stores them FAILED, as a poll leaves a file
 * it could not place (e.g. a 999 fetched before the submission that sent its batch had committed).
 * @returns the stored rows by kind
 */
async function storeFailed(w: World): Promise<Record<string, string>> {
  const real = server.app.eligibility.clearinghouse;
  const ids: Record<string, string> = {};
  for (const [i, entry] of (await real.listMailbox(w.practiceId)).entries()) {
    const raw = await real.fetchMailboxFile(w.practiceId, entry.id);
    await real.acknowledgeMailboxFile(w.practiceId, entry.id);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    const row = await insertFetchedFile(server.database.db, w.practiceId, { remoteId: entry.id, remoteName: entry.name, sha256, raw, receivedAt: new Date(Date.now() + i), status: 'RECEIVED', ...describeFile(raw) });
    await setFileOutcome(server.database.db, w.practiceId, row!.id, { status: 'FAILED', problem: 'NOT_FOUND: ClaimBatch was not found', result: null });
    ids[row!.kind] = row!.id;
  }
  return ids;
}

describe('reprocessClearinghouseFile', { timeout: 240_000 }, () => {
  it('a FAILED 999 and 277CA processed again go the way of received files (batch status, claims claim by claim); repeated or concurrent, each is applied once', async () => {
    const { w, paid, rejected, denied, batch } = await submitMixed();
    const failed = await storeFailed(w);
    expect(Object.keys(failed).sort()).toEqual(['277CA', '999']);
    expect(await Promise.all([paid, rejected, denied].map((id) => statusOf(w, id)))).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED']);

    const r999 = await server.gql(w.biller, REPROCESS, { input: { id: failed['999'] } });
    expect(r999.errors).toBeUndefined();
    expect(r999.data!.reprocessClearinghouseFile).toMatchObject({ reprocessed: true, file: { id: failed['999'], kind: '999', status: 'PROCESSED', problem: null, acknowledgmentId: expect.any(String), batches: [{ id: batch.id, status: 'ACCEPTED' }] } });

    const racing = await Promise.all([1, 2, 3].map(() => server.gql(w.biller, REPROCESS, { input: { id: failed['277CA'] } })));
    expect(racing.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    expect(racing.filter((r) => r.data!.reprocessClearinghouseFile.reprocessed)).toHaveLength(1);
    expect(new Set(racing.map((r) => `${r.data!.reprocessClearinghouseFile.file.status}:${r.data!.reprocessClearinghouseFile.file.acknowledgmentId}`)).size).toBe(1);
    expect(await Promise.all([paid, rejected, denied].map((id) => statusOf(w, id)))).toEqual(['ACCEPTED', 'REJECTED', 'ACCEPTED']);

    const again = (await server.gql(w.biller, REPROCESS, { input: { id: failed['999'] } })).data!.reprocessClearinghouseFile;
    expect(again).toMatchObject({ reprocessed: false, file: { status: 'PROCESSED', processedAt: r999.data!.reprocessClearinghouseFile.file.processedAt } });
    const acks = await server.database.db.select().from(claimAcknowledgments).where(eq(claimAcknowledgments.batchId, batch.id));
    expect(acks.map((a) => a.kind).sort()).toEqual(['277CA', '999']);
    const moves = await server.database.db.select().from(claimStatusHistory).where(and(eq(claimStatusHistory.practiceId, w.practiceId), eq(claimStatusHistory.claimId, paid)));
    expect(moves.filter((m) => m.toStatus === 'ACCEPTED')).toHaveLength(1);
    // The 277CA's acknowledgment released the ERA: the next poll posts it as usual.
    expect((await poll(w)).processed.map((f) => `${f.kind}:${f.status}`)).toEqual(['835:PROCESSED']);
    expect(await Promise.all([paid, rejected, denied].map((id) => statusOf(w, id)))).toEqual(['PAID', 'REJECTED', 'DENIED']);
  });

  it('a file refused again stays FAILED with the new problem; another practice\'s file and a garbage id are NOT_FOUND; the front desk and billing:read are refused', async () => {
    const w = await claimWorld(server);
    const real = server.app.eligibility.clearinghouse;
    const foreign = `ISA*00*          *00*          *ZZ*SIMCH          *ZZ*MEDOFFICE      *261206*1200*^*00501*000000778*0*T*:~GS*FA*SIMCH*MEDOFFICE*20261206*1200*778*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*987655*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*778~IEA*1*000000778~`;
    const odd: Clearinghouse = { ...real, listMailbox: async () => [{ id: `odd-${w.practiceId}`, name: 'odd' }], fetchMailboxFile: async () => foreign, acknowledgeMailboxFile: async () => undefined, send270: (x) => real.send270(x), send276: (x) => real.send276(x), submit837: (x, o) => real.submit837(x, o) };
    const [file] = (await poll(w, odd)).processed;
    expect(file).toMatchObject({ kind: '999', status: 'FAILED' });

    const partner = createClient({ url: server.url, token: (await partnerToken(server, w.practiceId, [Scope.BILLING_WRITE])).token });
    const { reprocessClearinghouseFile: again } = await partner.reprocessClearinghouseFile({ input: { id: file!.id } });
    expect(again).toMatchObject({ reprocessed: true, file: { id: file!.id, status: 'FAILED', batches: [] } });
    expect(again.file.problem).toMatch(/^NOT_FOUND: ClaimBatch GS06 987655 ST02 1 was not found/);
    expect(again.file.processedAt).not.toBe(file!.processedAt!.toISOString());

    const other = await claimWorld(server);
    expect(codeOf(await server.gql(other.biller, REPROCESS, { input: { id: file!.id } }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(w.biller, REPROCESS, { input: { id: 'garbage' } }))).toBe('NOT_FOUND');
    const desk = await server.token(w.practiceId, [Role.FRONT_DESK]);
    expect(codeOf(await server.gql(desk, REPROCESS, { input: { id: file!.id } }))).toBe('FORBIDDEN');
    const reader = createClient({ url: server.url, token: (await partnerToken(server, w.practiceId, [Scope.BILLING_READ])).token });
    const refused = await reader.reprocessClearinghouseFile({ input: { id: file!.id } }).catch((e: unknown) => e);
    expect(isMedofficeError(refused) && refused.code).toBe('FORBIDDEN');
    expect((await filesOf(w)).map((f) => f.status)).toEqual(['FAILED']);
  });
});

describe('the clearinghouse inbox through the SDK, as a partner billing service', { timeout: 240_000 }, () => {
  it('submits claims, polls, sees them ACCEPTED (one REJECTED) and after the next poll PAID and DENIED; pages the files', async () => {
    const w = await claimWorld(server);
    const ids = await readyClaimsFor(server, w, ['XZ123456780', 'REJ12345678', 'XZ123456785']);
    const partner = createClient({ url: server.url, token: (await partnerToken(server, w.practiceId, [Scope.BILLING_WRITE])).token });
    const reader = createClient({ url: server.url, token: (await partnerToken(server, w.practiceId, [Scope.BILLING_READ])).token });
    const { submitClaims } = await partner.submitClaims({ input: { claimIds: ids, idempotencyKey: key('sdk') } });
    expect(submitClaims.batches.map((b) => b.status)).toEqual(['SENT']);
    const statuses = async () => Promise.all(ids.map(async (id) => (await partner.claim({ id })).claim.status));

    const first = (await partner.pollClearinghouse()).pollClearinghouse;
    expect(first.processed.map((f) => `${f.kind}:${f.status}`)).toEqual(['999:PROCESSED', '277CA:PROCESSED']);
    expect(await statuses()).toEqual(['ACCEPTED', 'REJECTED', 'ACCEPTED']);
    const second = (await partner.pollClearinghouse()).pollClearinghouse;
    expect(second.processed.map((f) => `${f.kind}:${f.status}`)).toEqual(['835:PROCESSED']);
    expect(await statuses()).toEqual(['PAID', 'REJECTED', 'DENIED']);

    const page = (await reader.clearinghouseFiles({ first: 10 })).clearinghouseFiles;
    expect(page.totalCount).toBe(3);
    const ca = page.edges.find((e) => e.node.kind === '277CA')!.node;
    // The batch as it is now: the accepted claims have since been paid or denied.
    expect(ca.batches[0]!.claims.map((c) => c.status).sort()).toEqual(['DENIED', 'PAID', 'REJECTED']);
    expect(page.edges.find((e) => e.node.kind === '835')!.node.remittance).toMatchObject({ status: 'POSTED' });
    // billing:read may look but not poll.
    const refused = await reader.pollClearinghouse().catch((e: unknown) => e);
    expect(isMedofficeError(refused) && refused.code).toBe('FORBIDDEN');
  });
});
