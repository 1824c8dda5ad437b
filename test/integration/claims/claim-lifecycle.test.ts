import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims, claimStatusHistory } from '../../../server/src/db/schema/claims.js';
import { ClaimStatus } from '../../../server/src/modules/claims/claim-status.js';
import { markSubmitted, recordAcknowledgment, transitionClaims } from '../../../server/src/modules/claims/claim-transition.service.js';
import { claimWorld, finalizedSuperbill } from '../../factories/claim.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { CLOSE_CLAIM, CREATE_CLAIMS, GET_CLAIM, REPLACE_CLAIM, SCRUB, UPDATE_CLAIM, VOID_CLAIM } from './claim-ops.js';
import { Role } from '../../../server/src/graphql/roles.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

type World = Awaited<ReturnType<typeof claimWorld>>;
const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

async function readyClaim(w: World) {
  const [c] = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims.claims;
  const s = await server.gql(w.biller, SCRUB, { input: { id: c.id } });
  expect(s.data!.scrubClaim.claim.status).toBe('READY');
  return s.data!.scrubClaim.claim as { id: string; version: number };
}

const rowOf = async (id: string) => (await server.database.db.select().from(claims).where(eq(claims.id, id)))[0]!;
const historyOf = (id: string) => server.database.db.select().from(claimStatusHistory).where(eq(claimStatusHistory.claimId, id));

/** Submits and acknowledges a READY claim through the primitives the submission step calls. */
async function submitAndAcknowledge(w: World, id: string, ack: { accepted: boolean; payerClaimNumber?: string; reason?: string }) {
  await server.database.db.transaction(async (tx) => {
    await markSubmitted(tx, w.practiceId, [id], 'batch-1', 'biller-1');
    await recordAcknowledgment(tx, w.practiceId, id, { ...ack, reference: '277CA-1' });
  });
}

describe('claim status machine', () => {
  it('records submission and acknowledgments with history (who, when, why, reference)', async () => {
    const w = await claimWorld(server);
    const c = await readyClaim(w);
    await submitAndAcknowledge(w, c.id, { accepted: true, payerClaimNumber: 'PCN-777' });
    // The payer's own acceptance after the clearinghouse's adds its claim number, without a status move.
    await server.database.db.transaction((tx) => recordAcknowledgment(tx, w.practiceId, c.id, { accepted: true, payerClaimNumber: 'PCN-778' }));
    const got = (await server.gql(w.biller, GET_CLAIM, { id: c.id })).data!.claim;
    expect(got).toMatchObject({ status: 'ACCEPTED', payerClaimNumber: 'PCN-778', submittedAt: expect.any(String), acknowledgedAt: expect.any(String) });
    expect(got.history.map((h: { from: string; to: string; source: string; reference: string | null }) => [h.from, h.to, h.source, h.reference])).toEqual([
      [null, 'DRAFT', 'USER', null],
      ['DRAFT', 'READY', 'SCRUB', null],
      ['READY', 'SUBMITTED', 'SUBMISSION', 'batch-1'],
      ['SUBMITTED', 'ACCEPTED', 'ACKNOWLEDGMENT', '277CA-1'],
    ]);
  });

  it('refuses illegal moves with BAD_USER_INPUT and changes nothing, even in a batch where one claim could move', async () => {
    const w = await claimWorld(server);
    const [draft] = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims.claims;
    const before = await rowOf(draft.id);
    const moves: ClaimStatus[] = [ClaimStatus.SUBMITTED, ClaimStatus.ACCEPTED, ClaimStatus.PAID, ClaimStatus.CLOSED, ClaimStatus.DRAFT];
    for (const to of moves) {
      const err = await server.database.db.transaction((tx) => transitionClaims(tx, w.practiceId, [draft.id], { to, source: 'USER', by: 'u' })).catch((e) => e);
      expect(err.extensions, to).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    await expect(server.database.db.transaction((tx) => recordAcknowledgment(tx, w.practiceId, draft.id, { accepted: true }))).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await rowOf(draft.id)).toEqual(before);
    expect(await historyOf(draft.id)).toHaveLength(1);
    // A batch with one READY and one DRAFT claim: refused as a whole, the READY one is not submitted.
    const second = await finalizedSuperbill(w, { diagnoses: ['I10'], lines: [{ code: '99214', units: 1, diagnosisPointers: ['A'] }] }, new Date('2026-03-04T15:00:00Z'));
    const [other2] = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: second } })).data!.createClaims.claims;
    expect((await server.gql(w.biller, SCRUB, { input: { id: other2.id } })).data!.scrubClaim.claim.status).toBe('READY');
    const readyBefore = await rowOf(other2.id);
    const batch = await server.database.db.transaction((tx) => markSubmitted(tx, w.practiceId, [other2.id, draft.id], 'batch-x', 'u')).catch((e) => e);
    expect(batch.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'claimIds', message: `claim ${draft.id} is DRAFT and cannot move to SUBMITTED` }] });
    expect(await rowOf(other2.id)).toEqual(readyBefore);
    // The history itself is append-only in the database.
    await expect(server.database.db.update(claimStatusHistory).set({ reason: 'rewritten' }).where(eq(claimStatusHistory.claimId, draft.id))).rejects.toMatchObject({ cause: { code: '42501' } });
    await expect(server.database.db.delete(claimStatusHistory).where(eq(claimStatusHistory.claimId, draft.id))).rejects.toMatchObject({ cause: { code: '42501' } });
    // Another practice's claim is NOT_FOUND to the primitive.
    const other = await claimWorld(server);
    await expect(server.database.db.transaction((tx) => transitionClaims(tx, other.practiceId, [draft.id], { to: ClaimStatus.READY, source: 'USER', by: 'u' }))).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('a REJECTED claim is corrected as the same claim: next revision, back to DRAFT, scrubbed READY again', async () => {
    const w = await claimWorld(server);
    const c = await readyClaim(w);
    await submitAndAcknowledge(w, c.id, { accepted: false, reason: 'A7:164 member not found' });
    const rejected = await rowOf(c.id);
    expect(rejected).toMatchObject({ status: 'REJECTED', revision: 1, nextFollowUpOn: expect.any(String) });
    expect(errorOf(await server.gql(w.biller, SCRUB, { input: { id: c.id } }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    const fixed = await server.gql(w.biller, UPDATE_CLAIM, { input: { id: c.id, expectedVersion: rejected.version, memberId: 'xz987654321' } });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data!.updateClaim.claim).toMatchObject({ id: c.id, status: 'DRAFT', revision: 2, subscriber: { memberId: 'XZ987654321' }, lastScrub: null, submittedAt: null, acknowledgedAt: null, frequencyCode: '1' });
    const again = (await server.gql(w.biller, SCRUB, { input: { id: c.id } })).data!.scrubClaim.claim;
    expect(again).toMatchObject({ status: 'READY', revision: 2, lastScrub: { revision: 2, clean: true } });
    const history = await historyOf(c.id);
    expect(history.find((h) => h.fromStatus === 'REJECTED')).toMatchObject({ toStatus: 'DRAFT', revision: 2, source: 'USER' });
  });

  it('an edit of a READY claim sends it back to DRAFT; an edit at a stale version or of a SUBMITTED claim changes nothing', async () => {
    const w = await claimWorld(server);
    const c = await readyClaim(w);
    const stale = await server.gql(w.biller, UPDATE_CLAIM, { input: { id: c.id, expectedVersion: c.version - 1, memberId: 'AB123' } });
    expect(errorOf(stale)).toMatchObject({ code: 'VERSION_CONFLICT' });
    const edited = await server.gql(w.biller, UPDATE_CLAIM, { input: { id: c.id, expectedVersion: c.version, priorAuthorizationNumber: 'PA-1' } });
    expect(edited.data!.updateClaim.claim).toMatchObject({ status: 'DRAFT', revision: 1, priorAuthorizationNumber: 'PA-1', lastScrub: null });
    await server.gql(w.biller, SCRUB, { input: { id: c.id } });
    await server.database.db.transaction((tx) => markSubmitted(tx, w.practiceId, [c.id], 'batch-2', 'b'));
    const before = await rowOf(c.id);
    expect(errorOf(await server.gql(w.biller, UPDATE_CLAIM, { input: { id: c.id, expectedVersion: before.version, memberId: 'AB123' } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
    expect(await rowOf(c.id)).toEqual(before);
  });

  it('refuses malformed corrections on their paths and stores nothing', async () => {
    const w = await claimWorld(server);
    const [c] = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims.claims;
    const before = await rowOf(c.id);
    const res = await server.gql(w.biller, UPDATE_CLAIM, {
      input: { id: c.id, expectedVersion: 1, memberId: '  ', diagnoses: [], lines: [{ code: '99213', modifiers: ['25', '59', 'GT', 'LT', 'RT'], units: 0, charge: -1, diagnosisPointers: ['Q'] }] },
    });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((errorOf(res)!.fields as { path: string }[]).map((f) => f.path)).toEqual(['input.memberId', 'input.diagnoses', 'input.lines.0.modifiers', 'input.lines.0.units', 'input.lines.0.charge', 'input.lines.0.diagnosisPointers.0']);
    expect(await rowOf(c.id)).toEqual(before);
  });
});

describe('corrections of adjudicated claims', () => {
  it('replaceClaim makes a frequency-7 claim linked to the original, carrying its payer claim number (REF F8)', async () => {
    const w = await claimWorld(server);
    const c = await readyClaim(w);
    await submitAndAcknowledge(w, c.id, { accepted: true, payerClaimNumber: 'PCN-100' });
    await server.database.db.transaction((tx) => transitionClaims(tx, w.practiceId, [c.id], { to: ClaimStatus.PAID, source: 'REMITTANCE', by: 'era' }));
    const original = await rowOf(c.id);
    const res = await server.gql(w.biller, REPLACE_CLAIM, {
      input: { id: c.id, expectedVersion: original.version, reason: 'wrong units', lines: [{ code: '99213', modifiers: ['25'], units: 1, charge: 13_000, diagnosisPointers: ['A'] }] },
    });
    expect(res.errors).toBeUndefined();
    const { original: o, correction } = res.data!.replaceClaim;
    expect(o).toMatchObject({ id: c.id, status: 'PAID' });
    expect(correction).toMatchObject({ status: 'DRAFT', frequencyCode: '7', originalClaimId: c.id, originalPayerClaimNumber: 'PCN-100', superbillId: w.superbillId, totalCharge: 13_000, revision: 1 });
    expect(correction.patientAccountNumber).not.toBe(o.patientAccountNumber);
    const [stored] = await server.database.db.select().from(claims).where(eq(claims.id, correction.id));
    expect(stored!.snapshot).toMatchObject({ frequencyCode: '7', originalPayerClaimNumber: 'PCN-100', patientAccountNumber: correction.patientAccountNumber });
    const got = (await server.gql(w.biller, GET_CLAIM, { id: c.id })).data!.claim;
    expect(got.corrections).toEqual([{ id: correction.id, frequencyCode: '7' }]);
    expect((await server.gql(w.biller, GET_CLAIM, { id: correction.id })).data!.claim.originalClaim).toEqual({ id: c.id });
    // One open correction at a time.
    expect(errorOf(await server.gql(w.biller, REPLACE_CLAIM, { input: { id: c.id, expectedVersion: original.version, reason: 'again' } }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    // The replacement scrubs clean (it is not a duplicate of the claim it replaces).
    expect((await server.gql(w.biller, SCRUB, { input: { id: correction.id } })).data!.scrubClaim.claim).toMatchObject({ status: 'READY', lastScrub: { findings: [] } });
  });

  it('voidClaim makes a frequency-8 claim for an adjudicated claim, and voids a never-adjudicated one in place', async () => {
    const w = await claimWorld(server);
    const c = await readyClaim(w);
    await submitAndAcknowledge(w, c.id, { accepted: true, payerClaimNumber: 'PCN-200' });
    await server.database.db.transaction((tx) => transitionClaims(tx, w.practiceId, [c.id], { to: ClaimStatus.DENIED, source: 'REMITTANCE', by: 'era' }));
    const denied = await rowOf(c.id);
    const res = await server.gql(w.biller, VOID_CLAIM, { input: { id: c.id, expectedVersion: denied.version, reason: 'billed in error' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.voidClaim.correction).toMatchObject({ frequencyCode: '8', originalClaimId: c.id, originalPayerClaimNumber: 'PCN-200', status: 'DRAFT', totalCharge: denied.totalChargeCents });

    const v = await claimWorld(server);
    const d = await readyClaim(v);
    const inPlace = await server.gql(v.biller, VOID_CLAIM, { input: { id: d.id, expectedVersion: d.version, reason: 'duplicate visit' } });
    expect(inPlace.data!.voidClaim).toMatchObject({ original: { id: d.id, status: 'VOIDED' }, correction: null });
    expect((await historyOf(d.id)).at(-1)).toMatchObject({ fromStatus: 'READY', toStatus: 'VOIDED', reason: 'duplicate visit' });
    // The superbill can be billed again once its claim is voided.
    const again = await server.gql(v.biller, CREATE_CLAIMS, { input: { superbillId: v.superbillId } });
    expect(again.data!.createClaims).toMatchObject({ existing: false, claims: [{ status: 'DRAFT', frequencyCode: '1' }] });
  });

  it('closeClaim closes an adjudicated claim with its reason in the history; any other status, a stale version or the front desk changes nothing', async () => {
    const w = await claimWorld(server);
    const c = await readyClaim(w);
    expect(errorOf(await server.gql(w.biller, CLOSE_CLAIM, { input: { id: c.id, expectedVersion: c.version, reason: 'done' } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
    await submitAndAcknowledge(w, c.id, { accepted: true, payerClaimNumber: 'PCN-300' });
    expect(errorOf(await server.gql(w.biller, CLOSE_CLAIM, { input: { id: c.id, expectedVersion: (await rowOf(c.id)).version, reason: 'done' } }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    await server.database.db.transaction((tx) => transitionClaims(tx, w.practiceId, [c.id], { to: ClaimStatus.PAID, source: 'REMITTANCE', by: 'era' }));
    const paid = await rowOf(c.id);
    expect(errorOf(await server.gql(w.biller, CLOSE_CLAIM, { input: { id: c.id, expectedVersion: paid.version - 1, reason: 'done' } }))).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(errorOf(await server.gql(w.biller, CLOSE_CLAIM, { input: { id: c.id, expectedVersion: paid.version, reason: '  ' } }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    const desk = await server.token(w.practiceId, [Role.FRONT_DESK]);
    expect(errorOf(await server.gql(desk, CLOSE_CLAIM, { input: { id: c.id, expectedVersion: paid.version, reason: 'done' } }))).toMatchObject({ code: 'FORBIDDEN' });
    const other = await claimWorld(server);
    expect(errorOf(await server.gql(other.biller, CLOSE_CLAIM, { input: { id: c.id, expectedVersion: paid.version, reason: 'done' } }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await rowOf(c.id)).version).toBe(paid.version);
    const closed = await server.gql(w.biller, CLOSE_CLAIM, { input: { id: c.id, expectedVersion: paid.version, reason: 'patient share billed' } });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeClaim.claim).toMatchObject({ status: 'CLOSED', version: paid.version + 1 });
    expect(closed.data!.closeClaim.claim.history.at(-1)).toEqual({ from: 'PAID', to: 'CLOSED', source: 'USER', reason: 'patient share billed' });
    expect(errorOf(await server.gql(w.biller, CLOSE_CLAIM, { input: { id: c.id, expectedVersion: paid.version + 1, reason: 'again' } }))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses to replace or void a claim the payer has not adjudicated or without its claim number', async () => {
    const w = await claimWorld(server);
    const c = await readyClaim(w);
    expect(errorOf(await server.gql(w.biller, REPLACE_CLAIM, { input: { id: c.id, expectedVersion: c.version, reason: 'x' } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
    await server.database.db.transaction(async (tx) => {
      await markSubmitted(tx, w.practiceId, [c.id], 'b', 'u');
    });
    const submitted = await rowOf(c.id);
    expect(errorOf(await server.gql(w.biller, VOID_CLAIM, { input: { id: c.id, expectedVersion: submitted.version, reason: 'x' } }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    await server.database.db.transaction((tx) => recordAcknowledgment(tx, w.practiceId, c.id, { accepted: true }));
    const accepted = await rowOf(c.id);
    expect(errorOf(await server.gql(w.biller, REPLACE_CLAIM, { input: { id: c.id, expectedVersion: accepted.version, reason: 'x' } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
    expect(await server.database.db.select({ id: claims.id }).from(claims).where(eq(claims.originalClaimId, c.id))).toHaveLength(0);
  });
});
