import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims, claimStatusHistory } from '../../../server/src/db/schema/claims.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { remittances } from '../../../server/src/db/schema/remittances.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { build835 } from '../../../server/src/x12/x12-835-writer.js';
import { acceptedClaim, post835, remittanceWorld, type RemittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const db = () => server.database.db;
const codeOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions.code;
const entriesOfPractice = (practiceId: string) => db().select().from(ledgerEntries).where(eq(ledgerEntries.practiceId, practiceId));
const postedOf = (practiceId: string) => db().select().from(remittances).where(and(eq(remittances.practiceId, practiceId), eq(remittances.status, 'POSTED')));
const claimRow = async (id: string) => (await db().select().from(claims).where(eq(claims.id, id)))[0]!;
const PARTIES = { senderId: 'SIMCH', receiverId: 'MEDOFFICE', usage: 'T' as const };

describe('refusal', () => {
  it('an unbalanced file is refused with every imbalance listed, and posts nothing', async () => {
    const w = await remittanceWorld(server);
    const c = await acceptedClaim(w, '1');
    const { remittance } = simulated835([submittedOf(c)]);
    const tampered = { ...remittance, claims: remittance.claims.map((x) => ({ ...x, paidCents: x.paidCents + 100 })) };
    const res = await post835(w, build835(tampered, PARTIES, 777, new Date('2026-03-20T12:00:00Z')), 'unbalanced-01');
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    const issues = res.errors![0]!.extensions.issues as { kind: string; code: string }[];
    expect(issues.map((i) => i.code).sort()).toEqual(['CLAIM', 'CLAIM_LINES', 'PAYMENT']);
    expect(issues.every((i) => i.kind === 'IMBALANCE')).toBe(true);
    expect(await entriesOfPractice(w.practiceId)).toEqual([]);
    expect((await claimRow(c.id)).status).toBe('ACCEPTED');
    expect(await postedOf(w.practiceId)).toEqual([]);
    // The refusal is on record (REFUSED) and listed.
    const list = await server.gql(w.biller, `{ remittances(first: 5) { totalCount edges { node { status issues { kind code } } } } }`);
    expect(list.data!.remittances).toMatchObject({ totalCount: 1, edges: [{ node: { status: 'REFUSED' } }] });
  });

  it('an unparseable file is refused (NOT an 835), nothing posted', async () => {
    const w = await remittanceWorld(server);
    const res = await post835(w, 'this is not x12 at all', 'garbage-0001');
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect((res.errors![0]!.extensions.issues as unknown[]).length).toBeGreaterThan(0);
    expect(await postedOf(w.practiceId)).toEqual([]);
  });

  it('bad input: a short idempotency key, a forged cursor, a malformed filter id', async () => {
    const w = await remittanceWorld(server);
    expect(codeOf(await post835(w, 'ISA*', 'short'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(w.biller, `{ remittances(after: "bm90LWEtY3Vyc29y") { edges { cursor } } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(w.biller, `{ denials(filter: { claimId: "nope" }) { edges { cursor } } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(w.biller, `{ denials(filter: { reasonCode: "a-b-c-d" }) { edges { cursor } } }`))).toBe('BAD_USER_INPUT');
  });
});

describe('posted once', () => {
  let w: RemittanceWorld;
  beforeAll(async () => {
    w = await remittanceWorld(server);
  });

  it('same key, same file, same trace: one posting; the key on another file is IDEMPOTENCY_KEY_REUSED', async () => {
    const c = await acceptedClaim(w, '3');
    const { x12 } = simulated835([submittedOf(c)], 'TRACE-ONCE-1');
    const first = await post835(w, x12, 'once-key-0001');
    const count = (await entriesOfPractice(w.practiceId)).length;
    const again = await post835(w, x12, 'once-key-0001');
    const sameFileOtherKey = await post835(w, x12, 'once-key-0002');
    // Same payment trace, another file (new control numbers): still the same payment.
    const sameTrace = await post835(w, simulated835([submittedOf(c)], 'TRACE-ONCE-1').x12, 'once-key-0003');
    for (const r of [again, sameFileOtherKey, sameTrace]) expect(r.data!.postRemittance).toMatchObject({ replayed: true, remittance: { id: first.data!.postRemittance.remittance.id } });
    expect((await entriesOfPractice(w.practiceId)).length).toBe(count);
    const other = await acceptedClaim(w, '1');
    expect(codeOf(await post835(w, simulated835([submittedOf(other)]).x12, 'once-key-0001'))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await claimRow(other.id)).status).toBe('ACCEPTED');
  });

  it('ten concurrent postings of one file post it once', async () => {
    const c = await acceptedClaim(w, '2');
    const { x12 } = simulated835([submittedOf(c)]);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => post835(w, x12, `concurrent-${i}-0000`)));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(results.filter((r) => !r.data!.postRemittance.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.data!.postRemittance.remittance.id)).size).toBe(1);
    const rows = await db().select().from(ledgerEntries).where(eq(ledgerEntries.claimId, c.id));
    expect(rows.filter((e) => e.kind === 'CHARGE')).toHaveLength(2);
    expect(rows.filter((e) => e.kind === 'INSURANCE_PAYMENT')).toHaveLength(2);
    const history = await db().select().from(claimStatusHistory).where(and(eq(claimStatusHistory.claimId, c.id), eq(claimStatusHistory.source, 'REMITTANCE')));
    expect(history).toHaveLength(1);
  });
});

describe('matching', () => {
  it('a claim never acknowledged is adjudicated: SUBMITTED → ACCEPTED → PAID, and the payer claim number stored', async () => {
    const w = await remittanceWorld(server);
    const c = await acceptedClaim(w, '0', { accepted: false });
    expect(c.payerClaimNumber).toBeNull();
    const res = await post835(w, simulated835([{ ...submittedOf(c), payerClaimControlNumber: 'PAYER-ICN-42' }]).x12, 'submitted-0001');
    expect(res.data!.postRemittance.remittance.claims).toMatchObject([{ claimId: c.id, outcome: 'POSTED' }]);
    const history = await db().select().from(claimStatusHistory).where(eq(claimStatusHistory.claimId, c.id)).orderBy(claimStatusHistory.changedAt);
    // Both moves commit in one transaction (same changed_at): compare as a set.
    const moves = history.filter((h) => h.source === 'REMITTANCE').map((h) => [h.fromStatus, h.toStatus]);
    expect(moves.sort()).toEqual([['ACCEPTED', 'PAID'], ['SUBMITTED', 'ACCEPTED']]);
    expect(await claimRow(c.id)).toMatchObject({ status: 'PAID', payerClaimNumber: 'PAYER-ICN-42' });
  });

  it('unknown account, a different payer claim number, a claim not sent: the unmatched queue, nothing posted for them', async () => {
    const w = await remittanceWorld(server);
    const good = await acceptedClaim(w, '1');
    const draftLike = await acceptedClaim(w, '1');
    const unknown = { ...submittedOf(good), snapshot: { ...good.snapshot, patientAccountNumber: 'NOPE-404' } };
    const mismatch = { ...submittedOf(draftLike), payerClaimControlNumber: 'SOMEONE-ELSES' };
    const res = await post835(w, simulated835([submittedOf(good), unknown, mismatch]).x12, 'unmatched-0001');
    expect(res.errors).toBeUndefined();
    expect(res.data!.postRemittance.remittance.claims.map((c: any) => [c.outcome, c.unmatchedReason])).toEqual([['POSTED', null], ['UNMATCHED', 'NO_SUCH_CLAIM'], ['UNMATCHED', 'PAYER_CLAIM_NUMBER_MISMATCH']]);
    expect(await db().select().from(ledgerEntries).where(eq(ledgerEntries.claimId, draftLike.id))).toEqual([]);
    const q = await server.gql(w.biller, `{ unmatchedRemittances(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { unmatchedReason remittance { id } lines { procedureCode claimLinePosition } } } } }`);
    expect(q.data!.unmatchedRemittances).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const next = await server.gql(w.biller, `query N($a: String) { unmatchedRemittances(first: 5, after: $a) { pageInfo { hasNextPage } edges { node { unmatchedReason } } } }`, { a: q.data!.unmatchedRemittances.pageInfo.endCursor });
    const reasons = [q.data!.unmatchedRemittances.edges[0].node.unmatchedReason, ...next.data!.unmatchedRemittances.edges.map((e: any) => e.node.unmatchedReason)];
    expect(reasons.sort()).toEqual(['NO_SUCH_CLAIM', 'PAYER_CLAIM_NUMBER_MISMATCH']);
    expect(next.data!.unmatchedRemittances.pageInfo.hasNextPage).toBe(false);
    expect(q.data!.unmatchedRemittances.edges[0].node.lines.every((l: any) => l.claimLinePosition === null)).toBe(true);
  });

  it('a reversal exceeding the payment is carried as a PLB (FB), recorded with the remittance', async () => {
    const w = await remittanceWorld(server);
    const c = await acceptedClaim(w, '7');
    await post835(w, simulated835([submittedOf(c)]).x12, 'plb-first-0001');
    const res = await post835(w, simulated835([submittedOf(c, true)], 'PLB-TRACE').x12, 'plb-second-001');
    expect(res.errors).toBeUndefined();
    const r = res.data!.postRemittance.remittance;
    expect(r.providerAdjustments).toEqual([{ reasonCode: 'FB', amount: expect.any(Number), reference: 'PLB-TRACE' }]);
    expect(r.providerAdjustments[0].amount).toBeLessThan(0);
    expect(r.total).toBe(0);
  });
});

describe('tenancy and roles', () => {
  it('another practice posting our claim numbers matches nothing and never touches our claims; our remittance is NOT_FOUND to it', async () => {
    const mine = await remittanceWorld(server);
    const theirs = await remittanceWorld(server);
    const c = await acceptedClaim(mine, '1');
    const { x12 } = simulated835([submittedOf(c)]);
    const res = await post835(theirs, x12, 'tenant-000001');
    expect(res.data!.postRemittance.remittance.claims).toMatchObject([{ claimId: null, outcome: 'UNMATCHED', unmatchedReason: 'NO_SUCH_CLAIM' }]);
    expect(await db().select().from(ledgerEntries).where(eq(ledgerEntries.claimId, c.id))).toEqual([]);
    expect((await claimRow(c.id)).status).toBe('ACCEPTED');
    // The same file is still postable by its practice (uniqueness is per practice).
    const own = await post835(mine, x12, 'tenant-000001');
    expect(own.data!.postRemittance).toMatchObject({ replayed: false, remittance: { claims: [{ claimId: c.id, outcome: 'POSTED' }] } });
    const id = own.data!.postRemittance.remittance.id;
    expect(codeOf(await server.gql(theirs.biller, `query R($id: ID!) { remittance(id: $id) { id } }`, { id }))).toBe('NOT_FOUND');
    const list = await server.gql(theirs.biller, `{ denials(first: 5) { edges { node { claimId } } } remittances { edges { node { id } } } }`);
    expect(list.data!.remittances.edges.map((e: any) => e.node.id)).not.toContain(id);
  });

  it('BILLER and PRACTICE_ADMIN post and read; FRONT_DESK does neither; billing:read reads, billing:write posts', async () => {
    const w = await remittanceWorld(server);
    const c = await acceptedClaim(w, '1');
    const { x12 } = simulated835([submittedOf(c)]);
    const desk = await w.token([Role.FRONT_DESK]);
    expect(codeOf(await post835(w, x12, 'roles-00001', desk))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(desk, `{ remittances { edges { cursor } } }`))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(desk, `{ unmatchedRemittances { edges { cursor } } }`))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(desk, `{ denials { edges { cursor } } }`))).toBe('FORBIDDEN');
    const reader = (await partnerToken(server, w.practiceId, [Scope.BILLING_READ])).token;
    expect(codeOf(await post835(w, x12, 'roles-00002', reader))).toBe('FORBIDDEN');
    expect(await entriesOfPractice(w.practiceId)).toEqual([]);
    const writer = (await partnerToken(server, w.practiceId, [Scope.BILLING_WRITE])).token;
    expect((await post835(w, x12, 'roles-00003', writer)).data!.postRemittance.replayed).toBe(false);
    const admin = await w.token([Role.PRACTICE_ADMIN]);
    expect((await post835(w, x12, 'roles-00004', admin)).data!.postRemittance.replayed).toBe(true);
    expect((await server.gql(reader, `{ remittances { totalCount } }`)).data!.remittances.totalCount).toBe(1);
    // Claim.payments is guarded: the front desk reads the claim but not its payments.
    expect(codeOf(await server.gql(desk, `query C($id: ID!) { claim(id: $id) { id payments { id } } }`, { id: c.id }))).toBe('FORBIDDEN');
  });
});
