import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimAcknowledgments } from '../../../server/src/db/schema/claim-batches.js';
import { loadConfig } from '../../../server/src/config.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { submitClaims } from '../../../server/src/modules/claims/claim-submission.service.js';
import { createEligibilityRuntime } from '../../../server/src/modules/insurance/eligibility.runtime.js';
import { ClearinghouseError } from '../../../server/src/x12/clearinghouse.js';
import { answer837 } from '../../../server/src/x12/simulated-claims.js';
import { claimWorld } from '../../factories/claim.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { BATCH_FIELDS, CLAIM_ANSWERS, readyClaim } from './claim-submit-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const RECEIVE = `mutation R($input: ReceiveClaimAcknowledgmentInput!) { receiveClaimAcknowledgment(input: $input) { replayed answer { id kind accepted problems } batch { ${BATCH_FIELDS} } } }`;
const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;
const key = (s: string) => `late-${s}-${Math.random().toString(36).slice(2)}`;
type World = Awaited<ReturnType<typeof claimWorld>>;

/**
 * Submits the world's READY claim through a clearinghouse that answers the way a mailbox does: the 999
 * (or nothing at all, when `timeout`) now, the 277CA later. @returns the claim, the batch and the held answers
 */
async function submitWithMailbox(w: World, timeout = false) {
  const id = await readyClaim(server, w);
  const base = createEligibilityRuntime(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) }));
  const held: { ack999: string; ack277ca: string } = { ack999: '', ack277ca: '' };
  const mailbox = {
    ...base.clearinghouse,
    send270: base.clearinghouse.send270,
    send276: base.clearinghouse.send276,
    submit837: async (x12: string) => {
      const answer = await answer837(x12);
      Object.assign(held, { ack999: answer.ack999, ack277ca: answer.acks277ca! });
      if (timeout) throw new ClearinghouseError('TIMEOUT', 'no answer in time');
      return { ack999: answer.ack999, acks277ca: null };
    },
  };
  const principal = { userId: 'biller-1', practiceId: w.practiceId, roles: [Role.BILLER] };
  const done = await submitClaims(server.database.db, { ...base, clearinghouse: mailbox }, principal as never, new AuditTrail(principal as never, 'req-late', 'submitClaims'), { claimIds: [id], idempotencyKey: key('submit') });
  return { id, batch: done.batches[0]!, held };
}

const acksOf = (batchId: string) => server.database.db.select().from(claimAcknowledgments).where(eq(claimAcknowledgments.batchId, batchId));

describe('receiveClaimAcknowledgment', () => {
  it('applies a 277CA that arrives after the submission: the SUBMITTED claim becomes ACCEPTED; received again (same key or same text) it is applied once', async () => {
    const w = await claimWorld(server);
    const { id, batch, held } = await submitWithMailbox(w);
    expect(batch.status).toBe('ACCEPTED');
    expect((await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim.status).toBe('SUBMITTED');

    const k = key('277');
    const first = await server.gql(w.biller, RECEIVE, { input: { x12: held.ack277ca, idempotencyKey: k } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.receiveClaimAcknowledgment).toMatchObject({ replayed: false, answer: { kind: '277CA', accepted: true, problems: [] }, batch: { id: batch.id, claims: [{ id, status: 'ACCEPTED' }] } });
    const claim = (await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim;
    expect(claim.payerClaimNumber).toMatch(/^SIM\d+/);
    expect(claim.history.at(-1)).toMatchObject({ from: 'SUBMITTED', to: 'ACCEPTED', source: 'ACKNOWLEDGMENT', reference: first.data!.receiveClaimAcknowledgment.answer.id });

    const again = (await server.gql(w.biller, RECEIVE, { input: { x12: held.ack277ca, idempotencyKey: k } })).data!.receiveClaimAcknowledgment;
    const otherKey = (await server.gql(w.biller, RECEIVE, { input: { x12: held.ack277ca, idempotencyKey: key('277-again') } })).data!.receiveClaimAcknowledgment;
    expect([again.replayed, again.answer.id, otherKey.replayed, otherKey.answer.id]).toEqual([true, first.data!.receiveClaimAcknowledgment.answer.id, true, first.data!.receiveClaimAcknowledgment.answer.id]);
    expect((await acksOf(batch.id)).map((a) => a.kind).sort()).toEqual(['277CA', '999']);
    expect((await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim.history).toHaveLength(4);
    // The key with another text is refused.
    expect(codeOf(await server.gql(w.biller, RECEIVE, { input: { x12: held.ack999, idempotencyKey: k } }))).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('settles a SENT_UNKNOWN batch: its late 999 (matched by AK1/AK2) sets the batch status, then its 277CA accepts the claim; concurrent receipts apply once', async () => {
    const w = await claimWorld(server);
    const { id, batch, held } = await submitWithMailbox(w, true);
    expect(batch.status).toBe('SENT_UNKNOWN');
    const ack = await server.gql(w.biller, RECEIVE, { input: { x12: held.ack999, idempotencyKey: key('999') } });
    expect(ack.data!.receiveClaimAcknowledgment).toMatchObject({ replayed: false, answer: { kind: '999', accepted: true }, batch: { id: batch.id, status: 'ACCEPTED', ack999: { status: 'A', accepted: true }, claims: [{ id, status: 'SUBMITTED' }] } });
    const both = await Promise.all([1, 2, 3, 4].map((n) => server.gql(w.biller, RECEIVE, { input: { x12: held.ack277ca, idempotencyKey: key(`c${n}`) } })));
    expect(both.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(both.filter((r) => !r.data!.receiveClaimAcknowledgment.replayed)).toHaveLength(1);
    expect((await acksOf(batch.id)).filter((a) => a.kind === '277CA')).toHaveLength(1);
    expect((await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim.status).toBe('ACCEPTED');
  });

  it('refuses what it cannot place and stores nothing: unknown control numbers and another practice\'s batch are NOT_FOUND, other texts BAD_USER_INPUT; the front desk is FORBIDDEN', async () => {
    const w = await claimWorld(server);
    const { batch, held } = await submitWithMailbox(w);
    const them = await claimWorld(server);
    const theirs = await submitWithMailbox(them);
    const before = (await acksOf(batch.id)).length;
    const unknownGroup = held.ack999.replace(/AK1\*HC\*\d+/, 'AK1*HC*987654321');
    const unknownTrace = held.ack277ca.replace(batch.referenceId, 'CB999999999');
    expect(unknownGroup).not.toBe(held.ack999);
    expect(unknownTrace).not.toBe(held.ack277ca);
    for (const x12 of [unknownGroup, unknownTrace, theirs.held.ack277ca]) expect(codeOf(await server.gql(w.biller, RECEIVE, { input: { x12, idempotencyKey: key('nf') } }))).toBe('NOT_FOUND');
    const eligibility999 = held.ack999.replace('AK1*HC*', 'AK1*HS*');
    for (const x12 of ['not x12 at all', held.ack999.slice(0, 200), eligibility999]) expect(codeOf(await server.gql(w.biller, RECEIVE, { input: { x12, idempotencyKey: key('bad') } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(w.biller, RECEIVE, { input: { x12: held.ack277ca, idempotencyKey: 'short' } }))).toBe('BAD_USER_INPUT');
    const desk = await server.token(w.practiceId, [Role.FRONT_DESK]);
    expect(codeOf(await server.gql(desk, RECEIVE, { input: { x12: held.ack277ca, idempotencyKey: key('desk') } }))).toBe('FORBIDDEN');
    expect(await acksOf(batch.id)).toHaveLength(before);
    expect(await acksOf(theirs.batch.id)).toHaveLength(1);
  });
});
