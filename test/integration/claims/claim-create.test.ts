import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { coverages } from '../../../server/src/db/schema/insurance.js';
import { claimWorld } from '../../factories/claim.factory.js';
import { PRICES } from '../../factories/superbill.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { CREATE_CLAIMS, GET_CLAIM, SUPERBILL_CLAIMS } from './claim-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

describe('createClaims', () => {
  it('makes one DRAFT claim to the primary payer with a snapshot of the superbill, coverage, payer and billing profile', async () => {
    const w = await claimWorld(server);
    const res = await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createClaims.existing).toBe(false);
    const [c] = res.data!.createClaims.claims;
    expect(c).toMatchObject({
      status: 'DRAFT', frequencyCode: '1', revision: 1, version: 1, superbillId: w.superbillId, patientId: w.patient.id, payerId: w.payer.id, coverageId: w.coverage!.id,
      renderingProviderId: w.provider.id, dateOfService: '2026-03-02', placeOfServiceCode: '11', totalCharge: PRICES['99213'] + PRICES['36415'], patientPaid: 2_500,
      subscriber: { memberId: 'XZ123456789', groupNumber: 'GRP001', groupName: 'Synthetic PPO', relationshipCode: '18', claimFilingIndicator: 'CI' },
      billingProvider: { name: 'Synthetic Family Practice LLC', npi: '1234567893', tin: '123456789' },
      renderingProvider: { npi: w.provider.npi }, originalClaimId: null, originalPayerClaimNumber: null, lastScrub: null,
    });
    expect(c.patientAccountNumber).toMatch(/^C\d{7}$/);
    expect(c.diagnoses).toEqual([{ pointer: 'A', code: 'E11.9' }, { pointer: 'B', code: 'I10' }]);
    expect(c.lines.map((l: { code: string; modifiers: string[]; charge: number; diagnosisPointers: string[] }) => [l.code, l.modifiers, l.charge, l.diagnosisPointers])).toEqual([
      ['99213', ['25'], PRICES['99213'], ['A', 'B']],
      ['36415', [], PRICES['36415'], ['A']],
    ]);
    const got = await server.gql(w.biller, GET_CLAIM, { id: c.id });
    expect(got.data!.claim.history).toEqual([expect.objectContaining({ from: null, to: 'DRAFT', revision: 1, source: 'USER' })]);
    expect(got.data!.claim.payer).toEqual({ id: w.payer.id, name: w.payer.name });
    expect((await server.gql(w.biller, SUPERBILL_CLAIMS, { id: w.superbillId })).data!.superbill.claims).toEqual([{ id: c.id, status: 'DRAFT', frequencyCode: '1' }]);
  });

  it('freezes what was billed: a later coverage edit does not change the claim', async () => {
    const w = await claimWorld(server);
    const [c] = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims.claims;
    await server.database.db.update(coverages).set({ memberId: 'CHANGED999', groupNumber: 'OTHER' }).where(eq(coverages.id, w.coverage!.id));
    const got = (await server.gql(w.biller, GET_CLAIM, { id: c.id })).data!.claim;
    expect(got.subscriber).toMatchObject({ memberId: 'XZ123456789', groupNumber: 'GRP001' });
  });

  it('is idempotent: a second call returns the same claim and stores nothing more', async () => {
    const w = await claimWorld(server);
    const first = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims;
    const [a, b] = await Promise.all([1, 2].map(() => server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })));
    for (const again of [a!, b!]) {
      expect(again.errors).toBeUndefined();
      expect(again.data!.createClaims).toMatchObject({ existing: true, claims: [{ id: first.claims[0].id }] });
    }
    expect(await server.database.db.select({ id: claims.id }).from(claims).where(eq(claims.superbillId, w.superbillId))).toHaveLength(1);
  });

  it('a self-pay visit (no primary coverage in force) gets no claim and no error', async () => {
    const w = await claimWorld(server, { coverage: null });
    const res = await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createClaims).toEqual({ existing: false, claims: [] });
    const ended = await claimWorld(server, { coverage: { effectiveDate: '2025-01-01', endDate: '2026-02-28' } });
    expect((await server.gql(ended.biller, CREATE_CLAIMS, { input: { superbillId: ended.superbillId } })).data!.createClaims.claims).toEqual([]);
  });

  it('takes the coverage in force on the date of service and its subscriber when the patient is a dependent', async () => {
    const w = await claimWorld(server, { coverage: { subscriberRelationship: 'CHILD', subscriber: { given: 'Parentgiven', family: 'Parentfamily', dateOfBirth: '1950-05-05', sex: 'FEMALE' } } });
    const [c] = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims.claims;
    expect(c.subscriber.relationshipCode).toBe('19');
    const [row] = await server.database.db.select().from(claims).where(eq(claims.id, c.id));
    expect(row!.snapshot.subscriber).toMatchObject({ name: { given: 'Parentgiven', family: 'Parentfamily' }, dateOfBirth: '1950-05-05', sex: 'F' });
    expect(row!.snapshot.patient).toMatchObject({ id: w.patient.id, relationshipToSubscriber: '19' });
  });

  it('refuses a superbill that is not FINALIZED, and unknown or malformed ids', async () => {
    const w = await claimWorld(server);
    const created = await server.gql(w.biller, `mutation C($input: CreateSuperbillInput!) { createSuperbill(input: $input) { superbill { id } } }`, {
      input: { patientId: w.patient.id, renderingProviderId: w.provider.id, locationId: w.location.id, dateOfService: '2026-03-03', diagnoses: ['I10'], lines: [{ code: '99213', diagnosisPointers: ['A'] }] },
    });
    const res = await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: created.data!.createSuperbill.superbill.id } });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.superbillId' }] });
    expect(errorOf(await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: 'nope' } }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(errorOf(await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: '00000000-0000-4000-8000-000000000000' } }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await server.database.db.select({ id: claims.id }).from(claims).where(eq(claims.practiceId, w.practiceId))).toHaveLength(0);
  });
});
