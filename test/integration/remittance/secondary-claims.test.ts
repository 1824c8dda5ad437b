import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { balances } from '../../../server/src/modules/ledger/ledger-balance.service.js';
import { checkX12 } from '../../../server/src/x12/x12-conformance.js';
import { SPEC_837P } from '../../../server/src/x12/x12-specs.js';
import { insertCoverage } from '../../factories/claim.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { acceptedClaim, type ClaimRow, post835, remittanceWorld, type RemittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { parseIndependently } from '../../helpers/x12-independent-parser.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const db = () => server.database.db;
const rowOf = async (id: string) => (await db().select().from(claims).where(eq(claims.id, id)))[0]!;
const nextOf = async (c: ClaimRow) => db().select().from(claims).where(eq(claims.priorPayerClaimId, c.id));
const entriesOf = (claimId: string) => db().select().from(ledgerEntries).where(eq(ledgerEntries.claimId, claimId)).orderBy(ledgerEntries.number);

const CREATE = `mutation C($input: CreateSecondaryClaimInput!) { createSecondaryClaim(input: $input) { existing claim { id status payerResponsibility priorPayerClaimId payerId
  otherPayers { responsibility payerName ediPayerId payerClaimNumber adjudicationDate paid patientResponsibility } priorPayerClaim { id payerResponsibility } } } }`;
const SCRUB = `mutation S($input: ScrubClaimInput!) { scrubClaim(input: $input) { claim { id status lastScrub { findings { code severity } } } } }`;
const SUBMIT = `mutation S($input: SubmitClaimsInput!) { submitClaims(input: $input) { batches { id status x12 claims { id status } } } }`;

// The claim factory's lines: 99213 at 130.00 and 36415 at 25.00; the simulated primary allows 80 %.
const CHARGES = [13_000, 2_500];
const allowed = (c: number) => Math.floor((c * 4 + 2) / 5);
const twenty = (c: number) => Math.floor((c * 2 + 5) / 10);

describe('secondary claims (coordination of benefits)', () => {
  let w: RemittanceWorld;
  let secondPayer: Awaited<ReturnType<typeof insertPayer>>;
  /** Primary rule 3 (coinsurance to the patient); secondary member id ends in 0 (pays the share) or 3 (20 % of it stays). */
  const primaries: Record<string, ClaimRow> = {};

  const addSecondary = (c: ClaimRow, memberId: string) => insertCoverage({ ...w, patient: { id: c.patientId } } as never, secondPayer.id, { coverageOrder: 'SECONDARY', memberId, groupNumber: 'SEC-77' });

  beforeAll(async () => {
    w = await remittanceWorld(server);
    secondPayer = await insertPayer(db(), w.practiceId, { name: 'Second Synthetic Plan', ediPayerId: 'SEC02', timelyFilingDays: 3650 });
    primaries.paysAll = await acceptedClaim(w, '3');
    primaries.coinsurance = await acceptedClaim(w, '3');
    primaries.noShare = await acceptedClaim(w, '0');
    primaries.noSecondary = await acceptedClaim(w, '3');
    await addSecondary(primaries.paysAll, 'SEC1234560');
    await addSecondary(primaries.coinsurance, 'SEC1234563');
    await addSecondary(primaries.noShare, 'SEC1234570');
    const { x12 } = simulated835(Object.values(primaries).map((c) => submittedOf(c)));
    const res = await post835(w, x12, 'primary-835-0001');
    expect(res.errors).toBeUndefined();
  });

  it('posting the primary 835 creates the secondary claim (DRAFT, SBR01 S) carrying the primary adjudication, only where the patient was left a share', async () => {
    const [s] = await nextOf(primaries.paysAll!);
    expect(s).toMatchObject({ status: 'DRAFT', payerResponsibility: 'S', payerId: secondPayer.id, superbillId: primaries.paysAll!.superbillId, totalChargeCents: CHARGES[0]! + CHARGES[1]! });
    const other = s!.snapshot.otherPayers![0]!;
    const share = CHARGES.map((c) => twenty(allowed(c)));
    expect(other).toMatchObject({ responsibility: 'P', payer: { id: w.payer.id }, payerClaimNumber: primaries.paysAll!.payerClaimNumber, adjudicationDate: '2026-03-20', claimAdjustments: [] });
    expect(other.paidCents).toBe(CHARGES.reduce((a, c) => a + allowed(c) - twenty(allowed(c)), 0));
    expect(other.patientResponsibilityCents).toBe(share[0]! + share[1]!);
    expect(other.lines.map((l) => [l.position, l.paidCents, l.adjustments])).toEqual(CHARGES.map((c, i) => [i + 1, allowed(c) - share[i]!, [{ group: 'CO', reason: '45', amountCents: c - allowed(c) }, { group: 'PR', reason: '2', amountCents: share[i] }]]));
    expect(s!.snapshot.subscriber).toMatchObject({ memberId: 'SEC1234560', groupNumber: 'SEC-77' });
    expect(s!.snapshot.lines).toEqual(primaries.paysAll!.snapshot.lines);
    expect(await nextOf(primaries.noShare!)).toEqual([]);
    expect(await nextOf(primaries.noSecondary!)).toEqual([]);
  });

  it('six createSecondaryClaim at once make one claim', async () => {
    const c = await acceptedClaim(w, '0');
    await addSecondary(c, 'SEC1234600');
    expect((await post835(w, simulated835([submittedOf(c)]).x12, 'primary-835-race')).errors).toBeUndefined();
    const all = await Promise.all(Array.from({ length: 6 }, () => server.gql(w.biller, CREATE, { input: { claimId: c.id } })));
    expect(all.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    expect(new Set(all.map((r) => r.data!.createSecondaryClaim.claim.id)).size).toBe(1);
    expect(all.filter((r) => r.data!.createSecondaryClaim.existing === false)).toHaveLength(1);
    expect(await nextOf(c)).toHaveLength(1);
  });

  it('createSecondaryClaim: idempotent, refuses what cannot have one, tenancy and roles', async () => {
    const [made] = await nextOf(primaries.paysAll!);
    const again = await server.gql(w.biller, CREATE, { input: { claimId: primaries.paysAll!.id } });
    expect(again.errors).toBeUndefined();
    expect(again.data!.createSecondaryClaim).toMatchObject({ existing: true, claim: { id: made!.id, payerResponsibility: 'S', priorPayerClaimId: primaries.paysAll!.id, priorPayerClaim: { id: primaries.paysAll!.id, payerResponsibility: 'P' } } });
    expect(again.data!.createSecondaryClaim.claim.otherPayers).toEqual([{ responsibility: 'P', payerName: w.payer.name, ediPayerId: w.payer.ediPayerId, payerClaimNumber: primaries.paysAll!.payerClaimNumber, adjudicationDate: '2026-03-20', paid: made!.snapshot.otherPayers![0]!.paidCents, patientResponsibility: made!.snapshot.otherPayers![0]!.patientResponsibilityCents }]);

    // Paid in full by the primary: none was made on posting, a biller may still ask for it.
    const asked = await server.gql(w.biller, CREATE, { input: { claimId: primaries.noShare!.id } });
    expect(asked.data!.createSecondaryClaim).toMatchObject({ existing: false, claim: { status: 'DRAFT', payerResponsibility: 'S' } });

    const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
    expect(code(await server.gql(w.biller, CREATE, { input: { claimId: primaries.noSecondary!.id } }))).toBe('BAD_USER_INPUT');
    const submitted = await acceptedClaim(w, '3', { accepted: false });
    await addSecondary(submitted, 'SEC1234580');
    expect(code(await server.gql(w.biller, CREATE, { input: { claimId: submitted.id } }))).toBe('BAD_USER_INPUT');
    expect(code(await server.gql(w.biller, CREATE, { input: { claimId: made!.id } }))).toBe('BAD_USER_INPUT'); // DRAFT secondary: not adjudicated
    expect(code(await server.gql(w.biller, CREATE, { input: { claimId: '00000000-0000-4000-8000-000000000000' } }))).toBe('NOT_FOUND');
    const other = await remittanceWorld(server);
    expect(code(await server.gql(other.biller, CREATE, { input: { claimId: primaries.coinsurance!.id } }))).toBe('NOT_FOUND');
    expect(code(await server.gql(await w.token([Role.FRONT_DESK]), CREATE, { input: { claimId: primaries.coinsurance!.id } }))).toBe('FORBIDDEN');
    expect(await nextOf(primaries.noSecondary!)).toEqual([]);
  });

  describe('scrub, submit and the secondary 835', () => {
    const secondaries: Record<string, ClaimRow> = {};
    let x12: string;

    beforeAll(async () => {
      for (const k of ['paysAll', 'coinsurance'] as const) {
        const [s] = await nextOf(primaries[k]!);
        const scrubbed = await server.gql(w.biller, SCRUB, { input: { id: s!.id } });
        expect(scrubbed.data?.scrubClaim.claim.status, JSON.stringify(scrubbed)).toBe('READY');
        secondaries[k] = s!;
      }
      const res = await server.gql(w.biller, SUBMIT, { input: { claimIds: Object.values(secondaries).map((s) => s.id), idempotencyKey: 'secondary-submit-1' } });
      expect(res.errors).toBeUndefined();
      x12 = res.data!.submitClaims.batches[0].x12;
      for (const k of Object.keys(secondaries)) secondaries[k] = await rowOf(secondaries[k]!.id);
    });

    it('the submitted 837P is a secondary claim with loops 2320/2330A/2330B/2430 that conforms and x12-parser reads', async () => {
      expect(checkX12(x12, SPEC_837P)).toEqual([]);
      const segs = await parseIndependently(x12);
      const sbr = segs.filter((s) => s.name === 'SBR').map((s) => s['1']);
      expect(sbr).toEqual(['S', 'P', 'S', 'P']);
      expect(segs.filter((s) => s.name === 'NM1' && s['1'] === 'PR').map((s) => s['9'])).toEqual(['SEC02', w.payer.ediPayerId, 'SEC02', w.payer.ediPayerId]);
      expect(segs.filter((s) => s.name === 'SVD').map((s) => [s['1'], s['2']])).toEqual(
        [0, 1].flatMap(() => CHARGES.map((c) => [w.payer.ediPayerId, ((allowed(c) - twenty(allowed(c))) / 100).toString()])),
      );
      expect(segs.filter((s) => s.name === 'DTP' && s['1'] === '573')).toHaveLength(4);
    });

    it('posting the secondary 835 moves the patient share to the secondary, pays it, and leaves the patient only what the secondary left', async () => {
      for (const s of Object.values(secondaries)) expect(s.status).toMatch(/SUBMITTED|ACCEPTED/);
      const { x12: era } = simulated835(Object.values(secondaries).map((s) => submittedOf(s)));
      const res = await post835(w, era, 'secondary-835-0001');
      expect(res.errors).toBeUndefined();
      expect(res.data!.postRemittance.remittance.claims.map((c: { outcome: string; statusCode: string }) => [c.outcome, c.statusCode])).toEqual([['POSTED', '2'], ['POSTED', '2']]);
      const share = CHARGES.map((c) => twenty(allowed(c)));

      const all = await entriesOf(secondaries.paysAll!.id);
      expect(all.map((e) => [e.kind, e.claimLinePosition, e.insuranceCents, e.patientCents])).toEqual([
        ['COORDINATION_TRANSFER', 1, share[0], -share[0]!], ['COORDINATION_TRANSFER', 2, share[1], -share[1]!],
        ['INSURANCE_PAYMENT', 1, -share[0]!, 0], ['INSURANCE_PAYMENT', 2, -share[1]!, 0],
      ]);
      const paysAll = await balances(db(), w.practiceId, { patientId: secondaries.paysAll!.patientId });
      expect(paysAll.total).toMatchObject({ insuranceCents: 0, patientCents: 0 });

      const coins = await entriesOf(secondaries.coinsurance!.id);
      expect(coins.filter((e) => e.kind === 'PATIENT_RESPONSIBILITY').map((e) => [e.claimLinePosition, e.reasonCode, e.patientCents])).toEqual(share.map((s, i) => [i + 1, '2', twenty(s)]));
      const left = await balances(db(), w.practiceId, { patientId: secondaries.coinsurance!.patientId });
      expect(left.total).toMatchObject({ insuranceCents: 0, patientCents: twenty(share[0]!) + twenty(share[1]!) });
      for (const s of Object.values(secondaries)) expect((await rowOf(s.id)).status).toBe('PAID');
      // No tertiary coverage: nothing further is billed.
      for (const s of Object.values(secondaries)) expect(await nextOf(s)).toEqual([]);
    });

    it('a secondary 835 that does not add up to the share the primary left goes to the unmatched queue and posts nothing', async () => {
      const c = await acceptedClaim(w, '3');
      await addSecondary(c, 'SEC1234590');
      expect((await post835(w, simulated835([submittedOf(c)]).x12, 'primary-835-0002')).errors).toBeUndefined();
      const [s] = await nextOf(c);
      expect((await server.gql(w.biller, SCRUB, { input: { id: s!.id } })).data?.scrubClaim.claim.status).toBe('READY');
      expect((await server.gql(w.biller, SUBMIT, { input: { claimIds: [s!.id], idempotencyKey: 'secondary-submit-2' } })).errors).toBeUndefined();
      const sent = await rowOf(s!.id);
      const other = sent.snapshot.otherPayers![0]!;
      // The payer believes the primary left 1.00 more per line than it did.
      const wrong = { ...sent.snapshot, otherPayers: [{ ...other, lines: other.lines.map((l) => ({ ...l, adjustments: l.adjustments.map((a) => (a.group === 'PR' ? { ...a, amountCents: a.amountCents + 100 } : a)) })) }] };
      const res = await post835(w, simulated835([{ ...submittedOf(sent), snapshot: wrong }]).x12, 'secondary-835-0002');
      expect(res.errors).toBeUndefined();
      expect(res.data!.postRemittance.remittance.claims[0]).toMatchObject({ outcome: 'UNMATCHED', unmatchedReason: 'COORDINATION_MISMATCH' });
      expect(await entriesOf(s!.id)).toEqual([]);
    });
  });
});
