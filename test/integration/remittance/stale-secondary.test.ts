import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims, claimStatusHistory } from '../../../server/src/db/schema/claims.js';
import { tasks } from '../../../server/src/db/schema/tasks.js';
import { insertCoverage } from '../../factories/claim.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { acceptedClaim, type ClaimRow, post835, remittanceWorld, type RemittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const db = () => server.database.db;
const rowOf = async (id: string) => (await db().select().from(claims).where(eq(claims.id, id)))[0]!;
const nextOf = (c: ClaimRow) => db().select().from(claims).where(eq(claims.priorPayerClaimId, c.id)).orderBy(claims.number);
const SCRUB = `mutation S($input: ScrubClaimInput!) { scrubClaim(input: $input) { claim { id status } } }`;
const SUBMIT = `mutation S($input: SubmitClaimsInput!) { submitClaims(input: $input) { batches { id status } } }`;

// The claim factory's lines: 99213 at 130.00 and 36415 at 25.00; the simulated primary allows 80 %, and
// under rule 3 leaves 20 % of that to the patient (PR-2), which the secondary is billed for.
const CHARGES = [13_000, 2_500];
const allowed = (c: number) => Math.floor((c * 4 + 2) / 5);
const twenty = (c: number) => Math.floor((c * 2 + 5) / 10);

describe('a claim to the next payer after the prior payer re-adjudicates (stale secondary)', () => {
  let w: RemittanceWorld;
  let secondPayer: Awaited<ReturnType<typeof insertPayer>>;
  let n = 0;

  /** An adjudicated primary (rule 3) with a secondary coverage, and the DRAFT secondary its 835 made. */
  async function primaryWithSecondary(): Promise<{ primary: ClaimRow; secondary: ClaimRow }> {
    const c = await acceptedClaim(w, '3');
    await insertCoverage({ ...w, patient: { id: c.patientId } } as never, secondPayer.id, { coverageOrder: 'SECONDARY', memberId: `SEC123456${n}0`, groupNumber: 'SEC-77' });
    expect((await post835(w, simulated835([submittedOf(c)]).x12, `stale-primary-${++n}`)).errors).toBeUndefined();
    const [s] = await nextOf(c);
    expect(s).toMatchObject({ status: 'DRAFT', payerResponsibility: 'S' });
    return { primary: await rowOf(c.id), secondary: s! };
  }

  /** The payer reverses the primary's adjudication and sends a corrected one paying `lines` in full of the allowed amount. */
  const readjudicate = async (primary: ClaimRow, lines: true | number[]) => {
    const res = await post835(w, simulated835([{ ...submittedOf(primary), appealWon: lines }]).x12, `stale-readjudicated-${++n}`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.postRemittance.remittance.claims.map((c: { outcome: string }) => c.outcome)).toEqual(['REVERSAL', 'POSTED']);
    return res.data!.postRemittance.remittance.id as string;
  };

  beforeAll(async () => {
    w = await remittanceWorld(server);
    secondPayer = await insertPayer(db(), w.practiceId, { name: 'Second Synthetic Plan', ediPayerId: 'SEC02', timelyFilingDays: 3650 });
  });

  it('a DRAFT secondary is voided and made again from the new adjudication (only the share the patient is still left)', async () => {
    const { primary, secondary } = await primaryWithSecondary();
    expect(secondary.snapshot.otherPayers![0]!.patientResponsibilityCents).toBe(twenty(allowed(CHARGES[0]!)) + twenty(allowed(CHARGES[1]!)));
    // Corrected: line 1 paid without coinsurance, line 2 as before.
    const rid = await readjudicate(primary, [1]);
    const [old, made] = await nextOf(primary);
    expect(old).toMatchObject({ id: secondary.id, status: 'VOIDED' });
    const history = await db().select().from(claimStatusHistory).where(and(eq(claimStatusHistory.claimId, secondary.id), eq(claimStatusHistory.toStatus, 'VOIDED')));
    expect(history.map((h) => [h.fromStatus, h.source, h.reference])).toEqual([['DRAFT', 'REMITTANCE', rid]]);
    expect(made).toMatchObject({ status: 'DRAFT', payerResponsibility: 'S', payerId: secondPayer.id, superbillId: primary.superbillId });
    expect(made!.patientAccountNumber).not.toBe(secondary.patientAccountNumber);
    const other = made!.snapshot.otherPayers![0]!;
    expect(other.patientResponsibilityCents).toBe(twenty(allowed(CHARGES[1]!)));
    expect(other.lines.map((l) => [l.position, l.paidCents, l.adjustments.filter((a) => a.group === 'PR').map((a) => a.amountCents)])).toEqual([
      [1, allowed(CHARGES[0]!), []],
      [2, allowed(CHARGES[1]!) - twenty(allowed(CHARGES[1]!)), [twenty(allowed(CHARGES[1]!))]],
    ]);
    expect((await auditEntries(db(), { entityId: secondary.id, action: 'UPDATE' })).map((a) => a.patientId)).toEqual([secondary.patientId]);
    expect(await db().select().from(tasks).where(eq(tasks.aboutId, secondary.id))).toEqual([]);
  });

  it('a READY secondary is voided; when the new adjudication leaves the patient nothing, none is made again', async () => {
    const { primary, secondary } = await primaryWithSecondary();
    expect((await server.gql(w.biller, SCRUB, { input: { id: secondary.id } })).data?.scrubClaim.claim.status).toBe('READY');
    await readjudicate(primary, true);
    expect((await nextOf(primary)).map((c) => [c.id, c.status])).toEqual([[secondary.id, 'VOIDED']]);
  });

  it('a SUBMITTED secondary is left as sent and flagged: one HIGH task in the BILLER queue about it', async () => {
    const { primary, secondary } = await primaryWithSecondary();
    expect((await server.gql(w.biller, SCRUB, { input: { id: secondary.id } })).data?.scrubClaim.claim.status).toBe('READY');
    expect((await server.gql(w.biller, SUBMIT, { input: { claimIds: [secondary.id], idempotencyKey: `stale-submit-${n}` } })).errors).toBeUndefined();
    const sent = await rowOf(secondary.id);
    expect(sent.status).toMatch(/SUBMITTED|ACCEPTED/);
    await readjudicate(primary, [1]);
    expect((await nextOf(primary)).map((c) => [c.id, c.status])).toEqual([[secondary.id, sent.status]]);
    const flagged = await db().select().from(tasks).where(and(eq(tasks.practiceId, w.practiceId), eq(tasks.aboutId, secondary.id)));
    expect(flagged.map((t) => [t.aboutType, t.queueRole, t.priority, t.status, t.patientId])).toEqual([['CLAIM', 'BILLER', 'HIGH', 'OPEN', secondary.patientId]]);
    expect(flagged[0]!.description).not.toMatch(/Testfamily|Testgiven/);
  });

  it('a reversal and correction of a claim without a next-payer claim makes none', async () => {
    const c = await acceptedClaim(w, '3');
    expect((await post835(w, simulated835([submittedOf(c)]).x12, `stale-alone-${++n}`)).errors).toBeUndefined();
    await readjudicate(await rowOf(c.id), [1]);
    expect(await nextOf(c)).toEqual([]);
  });
});
