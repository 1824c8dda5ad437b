import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimBatchClaims, claimBatches, claimSubmissions } from '../../../server/src/db/schema/claim-batches.js';
import { claims } from '../../../server/src/db/schema/claims.js';
import { tasks } from '../../../server/src/db/schema/tasks.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { loadConfig } from '../../../server/src/config.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { submitClaims } from '../../../server/src/modules/claims/claim-submission.service.js';
import { createEligibilityRuntime } from '../../../server/src/modules/insurance/eligibility.runtime.js';
import { answer837 } from '../../../server/src/x12/simulated-claims.js';
import { parseX12 } from '../../../server/src/x12/x12-document.js';
import { checkX12 } from '../../../server/src/x12/x12-conformance.js';
import { SPEC_837P } from '../../../server/src/x12/x12-specs.js';
import { claimWorld, finalizedSuperbill } from '../../factories/claim.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { CREATE_CLAIMS, SCRUB } from './claim-ops.js';
import { BATCH, BATCHES, CLAIM_ANSWERS, readyClaim, SUBMIT } from './claim-submit-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;
const key = (s: string) => `key-${s}-${Math.random().toString(36).slice(2)}`;

describe('submitClaims', () => {
  it('sends a READY claim in one conformant 837P stored exactly as sent; the 999 and 277CA are applied (ACCEPTED with the payer claim number)', async () => {
    const w = await claimWorld(server);
    const id = await readyClaim(server, w);
    const res = await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: key('a') } });
    expect(JSON.stringify(res.errors)).toBeUndefined();
    const { batches, replayed, notSentClaimIds } = res.data!.submitClaims;
    expect(replayed).toBe(false);
    expect(notSentClaimIds).toEqual([]);
    expect(batches).toHaveLength(1);
    const b = batches[0];
    expect(b).toMatchObject({ claimCount: 1, status: 'ACCEPTED', claimsRoute: w.payer.claimsRoute, ediPayerId: w.payer.ediPayerId, transportError: null, ack999: { status: 'A', accepted: true, errors: [], problems: [] } });
    expect(b.claims).toEqual([{ id, status: 'ACCEPTED', revision: 1 }]);
    expect(b.answers.map((a: { kind: string; accepted: boolean; problems: string[] }) => [a.kind, a.accepted, a.problems])).toEqual([['999', true, []], ['277CA', true, []]]);
    // The file conforms, carries the claim, and its control numbers are the batch's.
    expect(checkX12(b.x12, SPEC_837P)).toEqual([]);
    const doc = parseX12(b.x12);
    expect(Number(doc.isa[12])).toBe(b.interchangeControlNumber);
    expect(doc.body.find((s) => s.tag === 'BHT')!.el[2]).toBe(b.referenceId);
    const [stored] = await server.database.db.select().from(claimBatches).where(eq(claimBatches.id, b.id));
    expect(stored!.x12).toBe(b.x12);
    const claim = (await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim;
    expect(claim.status).toBe('ACCEPTED');
    expect(claim.payerClaimNumber).toMatch(/^SIM\d+/);
    expect(claim.history.map((h: { from: string; to: string; source: string }) => [h.from, h.to, h.source])).toEqual([[null, 'DRAFT', 'USER'], ['DRAFT', 'READY', 'SCRUB'], ['READY', 'SUBMITTED', 'SUBMISSION'], ['SUBMITTED', 'ACCEPTED', 'ACKNOWLEDGMENT']]);
    expect(claim.history[2].reference).toBe(b.id);
    expect(claim.acknowledgments).toEqual([{ kind: '277CA', batchId: b.id, revision: 1, outcome: 'ACCEPTED', payerClaimNumber: claim.payerClaimNumber, reason: expect.stringContaining('A2:20'), statuses: [{ category: 'A2', categoryDescription: expect.stringContaining('Acceptance'), code: '20', entity: null }] }]);
  });

  it('a retry with the same key returns the same batches and sends nothing; the key with other claims is IDEMPOTENCY_KEY_REUSED', async () => {
    const w = await claimWorld(server);
    const id = await readyClaim(server, w);
    const k = key('retry');
    const first = (await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: k } })).data!.submitClaims;
    const again = (await server.gql(w.biller, SUBMIT, { input: { claimIds: [id, id], idempotencyKey: k } })).data!.submitClaims;
    expect(again.replayed).toBe(true);
    expect(again.batches.map((b: { id: string; x12: string }) => [b.id, b.x12])).toEqual(first.batches.map((b: { id: string; x12: string }) => [b.id, b.x12]));
    expect(await server.database.db.select().from(claimBatches).where(eq(claimBatches.practiceId, w.practiceId))).toHaveLength(1);
    const other = await server.gql(w.biller, SUBMIT, { input: { claimIds: [w.superbillId], idempotencyKey: k } });
    expect(codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('one key sent at the same moment for two different sets of claims: one request sends, the other is IDEMPOTENCY_KEY_REUSED (never BAD_USER_INPUT)', async () => {
    const w = await claimWorld(server);
    const id = await readyClaim(server, w);
    const superbillId = await finalizedSuperbill(w, undefined, new Date(Date.UTC(2026, 2, 10, 15)));
    const second = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId } })).data!.createClaims.claims[0].id as string;
    expect((await server.gql(w.biller, SCRUB, { input: { id: second } })).data!.scrubClaim.claim.status).toBe('READY');
    const k = key('race');
    const results = await Promise.all([server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: k } }), server.gql(w.biller, SUBMIT, { input: { claimIds: [id, second], idempotencyKey: k } })]);
    expect(results.map(codeOf).sort()).toEqual(['IDEMPOTENCY_KEY_REUSED', undefined]);
    expect(await server.database.db.select().from(claimSubmissions).where(and(eq(claimSubmissions.practiceId, w.practiceId), eq(claimSubmissions.idempotencyKey, k)))).toHaveLength(1);
    // Afterwards, either set under the key: the one sent replays, the other is refused the same way.
    const replays = await Promise.all([[id], [id, second]].map((claimIds) => server.gql(w.biller, SUBMIT, { input: { claimIds, idempotencyKey: k } })));
    expect(replays.map(codeOf).sort()).toEqual(['IDEMPOTENCY_KEY_REUSED', undefined]);
  });

  it('refuses claims that are not READY (listing them) and changes nothing; a claim already sent names its batch', async () => {
    const w = await claimWorld(server);
    const draft = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims.claims[0].id;
    const res = await server.gql(w.biller, SUBMIT, { input: { claimIds: [draft], idempotencyKey: key('draft') } });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.claimIds.0', message: expect.stringContaining('is DRAFT') }] });
    expect(await server.database.db.select().from(claimSubmissions).where(eq(claimSubmissions.practiceId, w.practiceId))).toEqual([]);
    const [row] = await server.database.db.select().from(claims).where(eq(claims.id, draft));
    expect(row!.status).toBe('DRAFT');

    const v = await claimWorld(server);
    const id = await readyClaim(server, v);
    const sent = (await server.gql(v.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: key('once') } })).data!.submitClaims.batches[0];
    const twice = await server.gql(v.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: key('twice') } });
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.claimIds.0', message: expect.stringContaining(`sent in batch ${sent.id}`) }] });
  });

  it('bad input: no claims, a malformed id, a short key; another practice\'s claim is NOT_FOUND', async () => {
    const w = await claimWorld(server);
    expect(codeOf(await server.gql(w.biller, SUBMIT, { input: { claimIds: [], idempotencyKey: key('e') } }))).toBe('BAD_USER_INPUT');
    const malformed = await server.gql(w.biller, SUBMIT, { input: { claimIds: ['nope'], idempotencyKey: key('m') } });
    expect(malformed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.claimIds.0' }] });
    expect(codeOf(await server.gql(w.biller, SUBMIT, { input: { claimIds: [w.superbillId], idempotencyKey: 'short' } }))).toBe('BAD_USER_INPUT');
    const other = await claimWorld(server);
    const theirs = await readyClaim(server, other);
    expect(codeOf(await server.gql(w.biller, SUBMIT, { input: { claimIds: [theirs], idempotencyKey: key('t') } }))).toBe('NOT_FOUND');
    const [row] = await server.database.db.select().from(claims).where(eq(claims.id, theirs));
    expect(row!.status).toBe('READY');
  });

  it('sends a claim version exactly once when two billers submit it at the same moment (different keys), and one key twice at once gives one batch', async () => {
    const w = await claimWorld(server);
    const id = await readyClaim(server, w);
    const other = await server.token(w.practiceId, [Role.BILLER], 'biller-2');
    const results = await Promise.all([
      server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: key('x') } }),
      server.gql(other, SUBMIT, { input: { claimIds: [id], idempotencyKey: key('y') } }),
    ]);
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ message: expect.stringContaining(ok[0]!.data!.submitClaims.batches[0].id) }] });
    expect(await server.database.db.select().from(claimBatchClaims).where(eq(claimBatchClaims.claimId, id))).toHaveLength(1);

    const v = await claimWorld(server);
    const id2 = await readyClaim(server, v);
    const k = key('same');
    const same = await Promise.all([1, 2, 3].map(() => server.gql(v.biller, SUBMIT, { input: { claimIds: [id2], idempotencyKey: k } })));
    for (const r of same) expect(r.errors).toBeUndefined();
    expect(new Set(same.map((r) => r.data!.submitClaims.batches[0].id)).size).toBe(1);
    expect(same.filter((r) => r.data!.submitClaims.replayed)).toHaveLength(2);
    expect(await server.database.db.select().from(claimBatches).where(and(eq(claimBatches.practiceId, v.practiceId)))).toHaveLength(1);
  });
});

describe('acknowledgments', () => {
  it('a 277CA rejection (member id rule REJ) moves the claim to REJECTED with the category and code in its history; it is due for follow-up', async () => {
    const w = await claimWorld(server, { coverage: { memberId: 'REJ4455667' } });
    const id = await readyClaim(server, w);
    const b = (await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: key('rej') } })).data!.submitClaims.batches[0];
    expect(b.status).toBe('ACCEPTED');
    const claim = (await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim;
    expect(claim.status).toBe('REJECTED');
    expect(claim.payerClaimNumber).toBeNull();
    expect(claim.history.at(-1)).toMatchObject({ from: 'SUBMITTED', to: 'REJECTED', source: 'ACKNOWLEDGMENT', reason: expect.stringContaining('A7:164:IL') });
    expect(claim.acknowledgments).toEqual([expect.objectContaining({ kind: '277CA', outcome: 'REJECTED', statuses: [expect.objectContaining({ category: 'A7', code: '164', entity: 'IL' })] })]);
    const [row] = await server.database.db.select().from(claims).where(eq(claims.id, id));
    expect(row!.nextFollowUpOn).toBe(new Date().toISOString().slice(0, 10));
  });

  it('a 999 rejection (a file the clearinghouse reads as malformed) rejects the batch and every claim in it with the IK3/IK4 reasons', async () => {
    const w = await claimWorld(server);
    const id = await readyClaim(server, w);
    // The clearinghouse receives a damaged file (a modifier grown too long in transit) and answers 999 R.
    const base = createEligibilityRuntime(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) }));
    const damaging = { ...base.clearinghouse, submit837: async (x12: string) => answer837(x12.replace(/\*HC:(\d{5})/, '*HC:$1:TOOLONG')), send270: base.clearinghouse.send270, send276: base.clearinghouse.send276 };
    const principal = { userId: 'biller-1', practiceId: w.practiceId, roles: [Role.BILLER] };
    const done = await submitClaims(server.database.db, { ...base, clearinghouse: damaging }, principal as never, new AuditTrail(principal as never, 'req-999', 'submitClaims'), { claimIds: [id], idempotencyKey: key('999') });
    expect(done.batches[0]!.status).toBe('REJECTED');
    const b = (await server.gql(w.biller, BATCH, { id: done.batches[0]!.id })).data!.claimBatch;
    expect(b).toMatchObject({ status: 'REJECTED', ack999: { status: 'R', accepted: false, errors: [expect.stringMatching(/^999 rejected the file: IK3 SV1 at \d+ loop 2400: 8 Segment has data element errors; IK4 element 1: 5 Data element too long$/), expect.stringMatching(/^IK5 R/)] } });
    expect(b.answers.map((a: { kind: string }) => a.kind)).toEqual(['999']);
    const claim = (await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim;
    expect(claim.status).toBe('REJECTED');
    expect(claim.history.at(-1)).toMatchObject({ to: 'REJECTED', source: 'ACKNOWLEDGMENT', reason: expect.stringContaining('IK3 SV1') });
    expect(claim.acknowledgments).toEqual([expect.objectContaining({ kind: '999', outcome: 'REJECTED', batchId: b.id })]);
    // The rejection is the BILLER queue's to correct, made with the status move.
    const followUp = await server.database.db.select().from(tasks).where(and(eq(tasks.practiceId, w.practiceId), eq(tasks.aboutId, id)));
    expect(followUp.map((t) => [t.sourceKey, t.queueRole, t.status])).toEqual([[`claim:${id}:rejected:1`, 'BILLER', 'OPEN']]);
  });

  it('a transport failure after the file may have left keeps the batch as SENT_UNKNOWN and the claim SUBMITTED; it is not sent again', async () => {
    const w = await claimWorld(server, { coverage: { memberId: 'SLOW00001' } });
    const id = await readyClaim(server, w);
    const k = key('slow');
    const b = (await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: k } })).data!.submitClaims.batches[0];
    expect(b).toMatchObject({ status: 'SENT_UNKNOWN', transportError: expect.stringContaining('TIMEOUT'), ack999: null, answers: [], claims: [{ id, status: 'SUBMITTED', revision: 1 }] });
    expect(b.x12).toContain('SLOW00001');
    const retry = (await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: k } })).data!.submitClaims;
    expect(retry).toMatchObject({ replayed: true, batches: [{ id: b.id, status: 'SENT_UNKNOWN' }] });
    expect(codeOf(await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: key('slow2') } }))).toBe('BAD_USER_INPUT');
  });
});

describe('claimBatches', () => {
  it('pages newest first with keyset cursors, both ways; x12 is for billers and admins (FRONT_DESK is refused); another practice\'s batch is NOT_FOUND', async () => {
    const w = await claimWorld(server);
    const ids: string[] = [];
    const first = await readyClaim(server, w);
    ids.push((await server.gql(w.biller, SUBMIT, { input: { claimIds: [first], idempotencyKey: key('p1') } })).data!.submitClaims.batches[0].id);
    // A second visit of the same patient makes a second claim and batch.
    const { finalizedSuperbill } = await import('../../factories/claim.factory.js');
    const sb2 = await finalizedSuperbill(w, undefined, new Date('2026-03-03T15:00:00Z'));
    const second = await readyClaim(server, { ...w, superbillId: sb2 });
    ids.push((await server.gql(w.biller, SUBMIT, { input: { claimIds: [second], idempotencyKey: key('p2') } })).data!.submitClaims.batches[0].id);
    const page1 = (await server.gql(w.biller, BATCHES, { first: 1 })).data!.claimBatches;
    expect(page1.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[1]]);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = (await server.gql(w.biller, BATCHES, { first: 1, after: page1.pageInfo.endCursor })).data!.claimBatches;
    expect(page2.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const back = (await server.gql(w.biller, BATCHES, { last: 1, before: page2.pageInfo.startCursor })).data!.claimBatches;
    expect(back.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[1]]);
    expect(codeOf(await server.gql(w.biller, BATCHES, { after: 'bm90LWEtY3Vyc29y' }))).toBe('BAD_USER_INPUT');

    const admin = await w.token([Role.PRACTICE_ADMIN]);
    expect((await server.gql(admin, BATCH, { id: ids[0] })).data!.claimBatch.x12).toMatch(/^ISA\*/);
    const desk = await w.token([Role.FRONT_DESK]);
    expect(codeOf(await server.gql(desk, BATCHES, { first: 5 }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(desk, BATCH, { id: ids[0] }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(desk, SUBMIT, { input: { claimIds: [first], idempotencyKey: key('desk') } }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(await w.token([Role.CLINICIAN]), BATCHES, { first: 5 }))).toBe('FORBIDDEN');

    const other = await claimWorld(server);
    expect(codeOf(await server.gql(other.biller, BATCH, { id: ids[0] }))).toBe('NOT_FOUND');
    expect((await server.gql(other.biller, BATCHES, { first: 5 })).data!.claimBatches.edges).toEqual([]);
  });
});
