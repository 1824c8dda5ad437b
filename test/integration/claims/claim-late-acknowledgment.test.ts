import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimAcknowledgments } from '../../../server/src/db/schema/claim-batches.js';
import { claims } from '../../../server/src/db/schema/claims.js';
import type { ClaimSnapshot } from '../../../server/src/modules/claims/claim-snapshot.js';
import { sampleEnvelope } from '../../../server/src/x12/claim-fixture.js';
import { build837P } from '../../../server/src/x12/x12-837p.js';
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
import { readyClaimsFor } from './inbox-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const RECEIVE = `mutation R($input: ReceiveClaimAcknowledgmentInput!) { receiveClaimAcknowledgment(input: $input) { replayed answer { id kind accepted problems } batch { ${BATCH_FIELDS} } answers { id accepted problems } batches { id claims { id status } } } }`;
const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;
const key = (s: string) => `late-${s}-${Math.random().toString(36).slice(2)}`;
type World = Awaited<ReturnType<typeof claimWorld>>;

/**
 * Submits READY claims (one batch: one payer route) through a clearinghouse that answers the way a
 * mailbox does: the 999 (or nothing at all, when `timeout`) now, the 277CA later.
 * @returns the batch and the held answers
 */
async function submitHeld(w: World, claimIds: string[], timeout = false) {
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
  const done = await submitClaims(server.database.db, { ...base, clearinghouse: mailbox }, principal as never, new AuditTrail(principal as never, 'req-late', 'submitClaims'), { claimIds, idempotencyKey: key('submit') });
  return { batch: done.batches[0]!, held };
}

/** Submits the world's READY claim with the 277CA held back. @returns the claim, the batch and the held answers */
async function submitWithMailbox(w: World, timeout = false) {
  const id = await readyClaim(server, w);
  return { id, ...(await submitHeld(w, [id], timeout)) };
}

/**
 * The 277CA the clearinghouse would send for these claims had it batched them itself (its own trace,
 * none of our batches), plus copies of the first claim under account numbers that are not ours.
 */
async function rebatched277CA(ids: string[], strangers: string[] = [], patch: (s: ClaimSnapshot, i: number) => ClaimSnapshot = (s) => s) {
  const rows = await server.database.db.select().from(claims).where(inArray(claims.id, ids));
  const snapshots = ids.map((id, i) => patch(rows.find((r) => r.id === id)!.snapshot, i));
  const extra = strangers.map((account) => ({ ...snapshots[0]!, patientAccountNumber: account }));
  const n = 800_000 + Math.floor(Math.random() * 100_000);
  const x12 = build837P([...snapshots, ...extra], sampleEnvelope({ interchangeControlNumber: n, groupControlNumber: n, transactionControlNumber: n, referenceId: `CH${n}`, at: new Date() }));
  return answer837(x12).acks277ca!;
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

  it('refuses what it cannot place and stores nothing: unknown control numbers (a 277CA: unknown trace and accounts) and another practice\'s batch are NOT_FOUND, other texts BAD_USER_INPUT; the front desk is FORBIDDEN', async () => {
    const w = await claimWorld(server);
    const { batch, held } = await submitWithMailbox(w);
    const them = await claimWorld(server);
    const theirs = await submitWithMailbox(them);
    const before = (await acksOf(batch.id)).length;
    const unknownGroup = held.ack999.replace(/AK1\*HC\*\d+/, 'AK1*HC*987654321');
    // A trace of none of our batches and an account number of no claim of ours: nothing to place it by.
    const unknownTrace = held.ack277ca.replace(batch.referenceId, 'CB999999999').replace(/TRN\*2\*C\d{7}/, 'TRN*2*C9999999');
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

  it('a 277CA whose trace names none of our batches and whose claims span two is placed claim by claim by account number: one answer per batch, unknown accounts kept as problems; applied once', async () => {
    const w = await claimWorld(server);
    const [a1, a2, b1] = await readyClaimsFor(server, w, ['XZ123456780', 'REJ12345678', 'XZ123456785']);
    const a = await submitHeld(w, [a1!, a2!]);
    const b = await submitHeld(w, [b1!]);
    expect([a.batch.claimCount, b.batch.claimCount]).toEqual([2, 1]);
    const x12 = await rebatched277CA([a1!, a2!, b1!], ['C9999990']);

    // Three receipts at once under different keys (on PostgreSQL, really concurrent): one applies it.
    const keys = [key('span'), key('span-b'), key('span-c')];
    const racing = await Promise.all(keys.map((idempotencyKey) => server.gql(w.biller, RECEIVE, { input: { x12, idempotencyKey } })));
    expect(racing.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const firsts = racing.filter((r) => !r.data!.receiveClaimAcknowledgment.replayed);
    expect(firsts).toHaveLength(1);
    const got = firsts[0]!.data!.receiveClaimAcknowledgment;
    const k = keys[racing.indexOf(firsts[0]!)]!;
    expect(got.batches.map((x: { id: string }) => x.id).sort()).toEqual([a.batch.id, b.batch.id].sort());
    expect(got.answers).toHaveLength(2);
    expect(got.answer.id).toBe(got.answers[0].id);
    const answerOf = (batchId: string) => got.answers[got.batches.findIndex((x: { id: string }) => x.id === batchId)];
    expect(answerOf(a.batch.id).accepted).toBe(false);
    expect(answerOf(b.batch.id).accepted).toBe(true);
    for (const ans of got.answers) expect(ans.problems).toEqual(expect.arrayContaining([expect.stringMatching(/matched by patient account number/)]));
    // The unknown account is a problem of the first answer only, by its number (no names).
    expect(got.answers.flatMap((x: { problems: string[] }) => x.problems.filter((p) => p.includes('C9999990')))).toEqual(['claim C9999990 is not a sent claim of this practice; not applied']);
    expect(got.answers[0].problems.some((p: string) => /Testfamily|Testgiven/.test(p))).toBe(false);
    const statuses = async () => Promise.all([a1, a2, b1].map(async (id) => (await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim));
    const after = await statuses();
    expect(after.map((c) => c.status)).toEqual(['ACCEPTED', 'REJECTED', 'ACCEPTED']);
    expect(after[2].history.at(-1)).toMatchObject({ from: 'SUBMITTED', to: 'ACCEPTED', source: 'ACKNOWLEDGMENT', reference: answerOf(b.batch.id).id });
    expect(after[1].acknowledgments.at(-1)).toMatchObject({ kind: '277CA', batchId: a.batch.id, outcome: 'REJECTED', statuses: [{ category: 'A7', code: '164', entity: 'IL' }] });

    // Again under the same key, or the same text under another: the first receipt, nothing applied again.
    const again = (await server.gql(w.biller, RECEIVE, { input: { x12, idempotencyKey: k } })).data!.receiveClaimAcknowledgment;
    const other = (await server.gql(w.biller, RECEIVE, { input: { x12, idempotencyKey: key('span-again') } })).data!.receiveClaimAcknowledgment;
    for (const r of [again, other]) {
      expect(r.replayed).toBe(true);
      expect(r.answers.map((x: { id: string }) => x.id).sort()).toEqual(got.answers.map((x: { id: string }) => x.id).sort());
    }
    expect((await statuses()).map((c) => c.history.length)).toEqual(after.map((c) => c.history.length));
    expect((await acksOf(a.batch.id)).map((x) => x.kind).sort()).toEqual(['277CA', '999']);
    expect((await acksOf(b.batch.id)).map((x) => x.kind).sort()).toEqual(['277CA', '999']);
  });

  it('placed by account number, a claim whose charge disagrees with the 277CA is left alone with a problem; another practice\'s 277CA finds none of its accounts here (NOT_FOUND)', async () => {
    const w = await claimWorld(server);
    const [one, two] = await readyClaimsFor(server, w, ['XZ123456780', 'XZ123456781']);
    const sent = await submitHeld(w, [one!, two!]);
    const x12 = await rebatched277CA([one!, two!], [], (s, i) => (i === 1 ? { ...s, lines: s.lines.map((l, j) => (j === 0 ? { ...l, chargeCents: l.chargeCents + 100 } : l)), totalChargeCents: s.totalChargeCents + 100 } : s));
    const got = (await server.gql(w.biller, RECEIVE, { input: { x12, idempotencyKey: key('charge') } })).data!.receiveClaimAcknowledgment;
    expect(got.batches.map((x: { id: string }) => x.id)).toEqual([sent.batch.id]);
    expect(got.answer.problems).toEqual(expect.arrayContaining([`claim ${two} (account ${(await server.gql(w.biller, CLAIM_ANSWERS, { id: two })).data!.claim.patientAccountNumber}) matched by account number, but the 277CA's total charge differs from the claim's; not applied`]));
    expect(got.batch.claims.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([[one, 'ACCEPTED'], [two, 'SUBMITTED']]);

    const them = await claimWorld(server);
    const [theirs] = await readyClaimsFor(server, them, ['XZ123456782']);
    await submitHeld(them, [theirs!]);
    const theirs277 = await rebatched277CA([theirs!]);
    expect(codeOf(await server.gql(w.biller, RECEIVE, { input: { x12: theirs277, idempotencyKey: key('theirs') } }))).toBe('NOT_FOUND');
    expect((await server.gql(them.biller, CLAIM_ANSWERS, { id: theirs })).data!.claim.status).toBe('SUBMITTED');
  });
});
