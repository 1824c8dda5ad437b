import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims, claimStatusHistory } from '../../../server/src/db/schema/claims.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { tasks } from '../../../server/src/db/schema/tasks.js';
import { balances } from '../../../server/src/modules/ledger/ledger-balance.service.js';
import { acceptedClaim, type ClaimRow, post835, remittanceWorld, type RemittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const db = () => server.database.db;
const statusOf = async (id: string) => (await db().select().from(claims).where(eq(claims.id, id)))[0]!;
const entriesOf = (claimId: string) => db().select().from(ledgerEntries).where(eq(ledgerEntries.claimId, claimId)).orderBy(ledgerEntries.number);

/** The claim's balance from `balances` equals the plain sum of its entries, per part. */
async function claimBalance(w: RemittanceWorld, c: ClaimRow) {
  const b = await balances(db(), w.practiceId, { claimId: c.id });
  const rows = await entriesOf(c.id);
  expect(b.total.insuranceCents).toBe(rows.reduce((s, e) => s + e.insuranceCents, 0));
  expect(b.total.patientCents).toBe(rows.reduce((s, e) => s + e.patientCents, 0));
  return b;
}

// goodContent-like claim: 99213 at 130.00 and 36415 at 25.00 (the test charge master).
const CHARGES = [13_000, 2_500];
const allowed = (c: number) => Math.floor((c * 4 + 2) / 5);

describe('postRemittance: every simulator rule in one file', () => {
  let w: RemittanceWorld;
  const byRule: Record<string, ClaimRow> = {};
  let result: Record<string, any>;

  beforeAll(async () => {
    w = await remittanceWorld(server);
    for (const [rule, digit] of Object.entries({ paid: '0', co: '1', deductible: '2', coinsurance: '3', copay: '4', denied: '5', partial: '6', reversal: '7', dedCoins: '8' })) byRule[rule] = await acceptedClaim(w, digit);
    const { x12 } = simulated835(Object.values(byRule).map((c) => submittedOf(c)));
    const res = await post835(w, x12, 'all-rules-0001');
    expect(res.errors).toBeUndefined();
    result = res.data!.postRemittance;
  });

  it('posts every CLP to its claim and keeps the CAS, RARC and lines', () => {
    expect(result.replayed).toBe(false);
    expect(result.remittance.status).toBe('POSTED');
    expect(result.remittance.claims.map((c: any) => [c.claimId, c.outcome])).toEqual(Object.values(byRule).map((c) => [c.id, 'POSTED']));
    const denied = result.remittance.claims.find((c: any) => c.claimId === byRule.denied!.id);
    expect(denied.statusCode).toBe('4');
    expect(denied.lines.map((l: any) => [l.claimLinePosition, l.paid, l.remarkCodes, l.adjustments])).toEqual([
      [1, 0, ['M62'], [{ group: 'CO', reasonCode: '197', amount: CHARGES[0] }]],
      [2, 0, ['M62'], [{ group: 'CO', reasonCode: '197', amount: CHARGES[1] }]],
    ]);
  });

  it('PAID_IN_FULL: payment only, insurance part zero', async () => {
    const b = await claimBalance(w, byRule.paid!);
    expect(b.total).toMatchObject({ insuranceCents: 0, patientCents: 0 });
    expect((await entriesOf(byRule.paid!.id)).map((e) => e.kind)).toEqual(['CHARGE', 'CHARGE', 'INSURANCE_PAYMENT', 'INSURANCE_PAYMENT']);
    expect(await statusOf(byRule.paid!.id)).toMatchObject({ status: 'PAID' });
  });

  it('CONTRACTUAL: CO-45 written off, nothing to the patient', async () => {
    const rows = await entriesOf(byRule.co!.id);
    expect(rows.filter((e) => e.kind === 'CONTRACTUAL_ADJUSTMENT').map((e) => [e.claimLinePosition, e.groupCode, e.reasonCode, e.amountCents])).toEqual(CHARGES.map((c, i) => [i + 1, 'CO', '45', -(c - allowed(c))]));
    expect(rows.filter((e) => e.kind === 'INSURANCE_PAYMENT').map((e) => e.amountCents)).toEqual(CHARGES.map((c) => -allowed(c)));
    expect((await claimBalance(w, byRule.co!)).total).toMatchObject({ insuranceCents: 0, patientCents: 0 });
  });

  it('DEDUCTIBLE / COINSURANCE / COPAY: PR moves the patient share with its CARC; the insurance part is settled', async () => {
    const pr = async (c: ClaimRow) => (await entriesOf(c.id)).filter((e) => e.kind === 'PATIENT_RESPONSIBILITY').map((e) => [e.reasonCode, e.amountCents, e.bucket, e.counterBucket]);
    // Deductible $100 spent on line 1 (allowed 104.00), the rest on nothing: line 2 allowed 20.00 → 0 deductible left? 100 − 104 < 0 → line 1 takes 100.
    expect(await pr(byRule.deductible!)).toEqual([['1', 10_000, 'PATIENT', 'INSURANCE']]);
    expect(await pr(byRule.coinsurance!)).toEqual(CHARGES.map((c) => ['2', Math.floor((allowed(c) * 2 + 5) / 10), 'PATIENT', 'INSURANCE']));
    expect(await pr(byRule.copay!)).toEqual([['3', 2_500, 'PATIENT', 'INSURANCE']]);
    expect(await pr(byRule.dedCoins!)).toEqual([['1', 10_000, 'PATIENT', 'INSURANCE'], ['2', Math.floor(((allowed(CHARGES[0]!) - 10_000) * 2 + 5) / 10), 'PATIENT', 'INSURANCE'], ['2', Math.floor((allowed(CHARGES[1]!) * 2 + 5) / 10), 'PATIENT', 'INSURANCE']]);
    for (const c of [byRule.deductible!, byRule.coinsurance!, byRule.copay!, byRule.dedCoins!]) {
      const b = await claimBalance(w, c);
      const prTotal = (await pr(c)).reduce((s, x) => s + (x[1] as number), 0);
      expect(b.total).toMatchObject({ insuranceCents: 0, patientCents: prTotal });
      expect(await statusOf(c.id)).toMatchObject({ status: 'PAID' });
    }
    // The patient's balance carries the claim's patient part.
    const pb = await balances(db(), w.practiceId, { patientId: byRule.copay!.patientId });
    expect(pb.total.patientCents).toBe(2_500);
  });

  it('DENIED: CO-197 on every line, status DENIED, the charge written off to zero; listed in denials with the appeal deadline', async () => {
    const c = byRule.denied!;
    expect(await statusOf(c.id)).toMatchObject({ status: 'DENIED' });
    // The denial is the BILLER queue's to work, made by the posting with the status move (one task per remittance that denies).
    const followUp = await db().select().from(tasks).where(eq(tasks.aboutId, c.id));
    expect(followUp.map((t) => [t.sourceKey, t.queueRole, t.status, t.patientId])).toEqual([[expect.stringMatching(new RegExp(`^claim:${c.id}:denied:${c.revision}:[0-9a-f-]{36}$`)), 'BILLER', 'OPEN', c.patientId]]);
    expect((await claimBalance(w, c)).total).toMatchObject({ insuranceCents: 0, patientCents: 0 });
    const list = await server.gql(w.biller, `query D($f: DenialFilter) { denials(filter: $f) { edges { node { claimId claimLinePosition procedureCode charge deniedAmount remarkCodes adjustments { group reasonCode amount } remittanceDate appealDeadline } } } }`, { f: { claimId: c.id } });
    expect(list.errors).toBeUndefined();
    // Payer appeal_days default 180 from the remittance (payment) date 2026-03-20.
    expect(list.data!.denials.edges.map((e: any) => e.node).sort((a: any, b: any) => a.claimLinePosition - b.claimLinePosition)).toEqual([
      { claimId: c.id, claimLinePosition: 1, procedureCode: '99213', charge: CHARGES[0], deniedAmount: CHARGES[0], remarkCodes: ['M62'], adjustments: [{ group: 'CO', reasonCode: '197', amount: CHARGES[0] }], remittanceDate: '2026-03-20', appealDeadline: '2026-09-16' },
      { claimId: c.id, claimLinePosition: 2, procedureCode: '36415', charge: CHARGES[1], deniedAmount: CHARGES[1], remarkCodes: ['M62'], adjustments: [{ group: 'CO', reasonCode: '197', amount: CHARGES[1] }], remittanceDate: '2026-03-20', appealDeadline: '2026-09-16' },
    ]);
  });

  it('PARTIAL: line 1 paid, line 2 denied CO-50 N115; status PARTIALLY_PAID; only line 2 is a denial', async () => {
    const c = byRule.partial!;
    expect(await statusOf(c.id)).toMatchObject({ status: 'PARTIALLY_PAID' });
    const list = await server.gql(w.biller, `query D($f: DenialFilter) { denials(filter: $f) { edges { node { claimLinePosition adjustments { group reasonCode } remarkCodes } } } }`, { f: { claimId: c.id } });
    expect(list.data!.denials.edges.map((e: any) => e.node)).toEqual([{ claimLinePosition: 2, adjustments: [{ group: 'CO', reasonCode: '50' }], remarkCodes: ['N115'] }]);
    const byCarc = await server.gql(w.biller, `query D($f: DenialFilter) { denials(filter: $f) { edges { node { claimId } } } }`, { f: { reasonCode: '50' } });
    expect(byCarc.data!.denials.edges.map((e: any) => e.node.claimId)).toEqual([c.id]);
  });

  it('records history with source REMITTANCE and the payer claim number', async () => {
    const h = await db().select().from(claimStatusHistory).where(eq(claimStatusHistory.claimId, byRule.co!.id)).orderBy(claimStatusHistory.changedAt);
    expect(h.at(-1)).toMatchObject({ fromStatus: 'ACCEPTED', toStatus: 'PAID', source: 'REMITTANCE', reference: result.remittance.id });
    expect((await statusOf(byRule.co!.id)).payerClaimNumber).toBe(byRule.co!.payerClaimNumber);
  });

  it('Claim.payments and Claim.adjustments show what the remittance did', async () => {
    const c = byRule.coinsurance!;
    const res = await server.gql(w.biller, `query C($id: ID!) { claim(id: $id) { payments { remittanceId outcome paid } adjustments { claimLinePosition group reasonCode amount reversed } } }`, { id: c.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.claim.payments).toEqual([{ remittanceId: result.remittance.id, outcome: 'POSTED', paid: expect.any(Number) }]);
    expect(res.data!.claim.adjustments.map((a: any) => [a.claimLinePosition, a.group, a.reasonCode])).toEqual(expect.arrayContaining([[1, 'CO', '45'], [1, 'PR', '2'], [2, 'CO', '45'], [2, 'PR', '2']]));
  });

  it('REVERSAL: the second pass reverses the first payment and posts the corrected one (COINSURANCE)', async () => {
    const c = byRule.reversal!;
    const before = await entriesOf(c.id);
    const { x12 } = simulated835([submittedOf(c, true)]);
    const res = await post835(w, x12, 'reversal-pass-2');
    expect(res.errors).toBeUndefined();
    expect(res.data!.postRemittance.remittance.claims.map((x: any) => [x.statusCode, x.outcome])).toEqual([['22', 'REVERSAL'], ['1', 'POSTED']]);
    const after = await entriesOf(c.id);
    const reversed = new Set(after.filter((e) => e.kind === 'REVERSAL').map((e) => e.reversesId));
    // Every remittance entry of the first pass is reversed exactly once; the charges stay.
    expect([...reversed].sort()).toEqual(before.filter((e) => e.kind !== 'CHARGE').map((e) => e.id).sort());
    expect(after.filter((e) => e.kind === 'CHARGE')).toHaveLength(2);
    const coins = after.filter((e) => e.kind === 'PATIENT_RESPONSIBILITY' && !reversed.has(e.id));
    expect(coins.map((e) => e.reasonCode)).toEqual(['2', '2']);
    expect((await claimBalance(w, c)).total).toMatchObject({ insuranceCents: 0, patientCents: coins.reduce((s, e) => s + e.amountCents, 0) });
    // The first remittance's CLP is marked reversed.
    const first = await server.gql(w.biller, `query C($id: ID!) { claim(id: $id) { status payments { outcome reversed } } }`, { id: c.id });
    expect(first.data!.claim).toEqual({ status: 'PAID', payments: [{ outcome: 'POSTED', reversed: true }, { outcome: 'REVERSAL', reversed: false }, { outcome: 'POSTED', reversed: false }] });
  });

  it('a second adjudication of an adjudicated claim (duplicate CO-18) goes to the unmatched queue and posts nothing', async () => {
    const c = byRule.paid!;
    const before = await entriesOf(c.id);
    const { x12 } = simulated835([submittedOf(c, true)]);
    const res = await post835(w, x12, 'duplicate-0001');
    expect(res.data!.postRemittance.remittance.claims).toMatchObject([{ claimId: null, outcome: 'UNMATCHED', unmatchedReason: 'ALREADY_ADJUDICATED' }]);
    expect(await entriesOf(c.id)).toEqual(before);
    const q = await server.gql(w.biller, `{ unmatchedRemittances(first: 10) { totalCount edges { node { unmatchedReason candidateClaimId patientAccountNumber } } } }`);
    expect(q.data!.unmatchedRemittances.edges.map((e: any) => e.node)).toEqual([{ unmatchedReason: 'ALREADY_ADJUDICATED', candidateClaimId: c.id, patientAccountNumber: c.patientAccountNumber }]);
  });

  it('every ledger amount of the practice balances: Σ entries = Σ balances of its patients', async () => {
    const [sum] = await db().select({ ins: sql<number>`coalesce(sum(insurance_cents), 0)::int`, pat: sql<number>`coalesce(sum(patient_cents), 0)::int` }).from(ledgerEntries).where(eq(ledgerEntries.practiceId, w.practiceId));
    const patients = [...new Set(Object.values(byRule).map((c) => c.patientId))];
    const totals = await Promise.all(patients.map((p) => balances(db(), w.practiceId, { patientId: p })));
    expect(totals.reduce((s, b) => s + b.total.insuranceCents, 0)).toBe(sum!.ins);
    expect(totals.reduce((s, b) => s + b.total.patientCents, 0)).toBe(sum!.pat);
  });
});
