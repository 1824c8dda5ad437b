import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { balances } from '../../../server/src/modules/ledger/ledger-balance.service.js';
import { checkRemittance } from '../../../server/src/x12/era-balance.js';
import { build835 } from '../../../server/src/x12/x12-835-writer.js';
import type { Adjustment } from '../../../server/src/x12/x12-835-types.js';
import { acceptedClaim, type ClaimRow, post835, remittanceWorld, type RemittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const db = () => server.database.db;
const entriesOf = (claimId: string) => db().select().from(ledgerEntries).where(eq(ledgerEntries.claimId, claimId)).orderBy(ledgerEntries.number);
const adj = (group: string, reason: string, amountCents: number): Adjustment => ({ group, reason, amountCents, quantity: null }) as Adjustment;

/**
 * Payer corrections inside an 835: a negative CO amount gives part of a contractual adjustment back, a
 * negative PR returns an amount from the patient part to the insurance part, and CR (corrections and
 * reversals) adjusts like OA/PI. All three post (they used to go to the unmatched queue).
 */
describe('postRemittance: negative CO/PR amounts and the CR group', () => {
  let w: RemittanceWorld;
  let co: ClaimRow;
  let pr: ClaimRow;
  let cr: ClaimRow;
  let posted: any;
  // Per claim line 1 of the simulator's answer: the CAS amounts as the payer first wrote them.
  const original: Record<string, Adjustment[]> = {};

  beforeAll(async () => {
    w = await remittanceWorld(server);
    co = await acceptedClaim(w, '1'); // CO-45 at 80 % allowed
    pr = await acceptedClaim(w, '3'); // CO-45 and PR-2 20 % coinsurance
    cr = await acceptedClaim(w, '1');
    const sim = simulated835([co, pr, cr].map((c) => submittedOf(c)));
    const draft = structuredClone(sim.remittance);
    const [a, b, c] = draft.claims;
    for (const [k, clp] of Object.entries({ co: a!, pr: b!, cr: c! })) original[k] = clp.lines[0]!.adjustments.map((x) => ({ ...x }));
    // CO-45 written 4.00 too high, then 4.00 given back under CO-253: the net adjustment is unchanged.
    const co45 = a!.lines[0]!.adjustments.find((x) => x.group === 'CO')!;
    a!.lines[0]!.adjustments = [adj('CO', '45', co45.amountCents + 400), adj('CO', '253', -400)];
    // PR-2 written 5.00 too high, 5.00 returned to the insurance part under PR-1 (CLP05 still = Σ PR).
    b!.lines[0]!.adjustments = b!.lines[0]!.adjustments.flatMap((x) => (x.group === 'PR' ? [adj('PR', '2', x.amountCents + 500), adj('PR', '1', -500)] : [x]));
    // The contractual amount of line 1 sent as a CR correction instead.
    c!.lines[0]!.adjustments = c!.lines[0]!.adjustments.map((x) => (x.group === 'CO' ? adj('CR', x.reason, x.amountCents) : x));
    const x12 = build835(draft, { senderId: 'SIMCH', receiverId: 'MEDOFFICE', usage: 'T' }, 7001, new Date('2026-03-20T12:00:00Z'));
    const checked = checkRemittance(x12);
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(checked.imbalances).toEqual([]);
    const res = await post835(w, x12, 'payer-corrections-1');
    expect(res.errors).toBeUndefined();
    posted = res.data!.postRemittance;
  });

  it('posts every CLP (nothing to the unmatched queue) and moves the claims to PAID', async () => {
    expect(posted.remittance.claims.map((c: any) => [c.claimId, c.outcome, c.unmatchedReason])).toEqual([co, pr, cr].map((c) => [c.id, 'POSTED', null]));
    for (const c of [co, pr, cr]) expect((await db().select().from(claims).where(eq(claims.id, c.id)))[0]!.status).toBe('PAID');
  });

  it('a negative CO reduces the contractual adjustment: the line nets to the payer\'s original amount', async () => {
    const rows = (await entriesOf(co.id)).filter((e) => e.kind === 'CONTRACTUAL_ADJUSTMENT' && e.claimLinePosition === 1);
    const net = original.co!.find((x) => x.group === 'CO')!.amountCents;
    expect(rows.map((e) => [e.reasonCode, e.amountCents, e.insuranceCents])).toEqual([['45', -(net + 400), -(net + 400)], ['253', 400, 400]]);
    const b = await balances(db(), w.practiceId, { claimId: co.id });
    expect(b.total).toMatchObject({ insuranceCents: 0, patientCents: 0 });
  });

  it('a negative PR moves the amount back from the patient part: the patient owes the net coinsurance', async () => {
    const rows = (await entriesOf(pr.id)).filter((e) => e.kind === 'PATIENT_RESPONSIBILITY');
    const coins = original.pr!.find((x) => x.group === 'PR')!.amountCents;
    expect(rows.filter((e) => e.claimLinePosition === 1).map((e) => [e.reasonCode, e.amountCents, e.patientCents, e.insuranceCents])).toEqual([
      ['2', coins + 500, coins + 500, -(coins + 500)],
      ['1', -500, -500, 500],
    ]);
    const b = await balances(db(), w.practiceId, { claimId: pr.id });
    expect(b.total.insuranceCents).toBe(0);
    expect(b.total.patientCents).toBe(rows.reduce((s, e) => s + e.amountCents, 0));
    expect(b.total.patientCents).toBe(posted.remittance.claims[1].patientResponsibility);
  });

  it('CR posts as an other adjustment with its group and CARC', async () => {
    const rows = (await entriesOf(cr.id)).filter((e) => e.claimLinePosition === 1 && e.groupCode !== null);
    const amount = original.cr!.find((x) => x.group === 'CO')!.amountCents;
    expect(rows.map((e) => [e.kind, e.groupCode, e.reasonCode, e.amountCents])).toEqual([['OTHER_ADJUSTMENT', 'CR', '45', -amount]]);
    expect((await balances(db(), w.practiceId, { claimId: cr.id })).total).toMatchObject({ insuranceCents: 0, patientCents: 0 });
  });

  it('the opposite sign stays refused for entries that are not a payer\'s (no remittance)', async () => {
    const { post } = await import('../../../server/src/modules/ledger/ledger-post.service.js');
    const refused = await db()
      .transaction((tx) => post(tx, { practiceId: w.practiceId, userId: 'test' }, [{ kind: 'CONTRACTUAL_ADJUSTMENT', patientId: co.patientId, bucket: 'INSURANCE', amountCents: 400, effectiveDate: '2026-03-20', claimId: co.id, groupCode: 'CO', reasonCode: '253' } as never]))
      .catch((e: any) => e.extensions?.fields ?? e);
    expect(refused).toEqual([{ path: 'entries.0.amountCents', message: 'must be negative for this kind' }]);
    const direct = await db()
      .execute(`insert into ledger_entries (practice_id, patient_id, kind, bucket, amount_cents, effective_date, created_by, group_code, reason_code) values ('${w.practiceId}', '${co.patientId}', 'CONTRACTUAL_ADJUSTMENT', 'INSURANCE', 400, '2026-03-20', 't', 'CO', '253')`)
      .then(() => null, (e: any) => e.code ?? e.cause?.code);
    expect(direct).toBe('23514');
  });
});
