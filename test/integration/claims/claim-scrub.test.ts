import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { coverages, payers } from '../../../server/src/db/schema/insurance.js';
import { claimWorld, finalizedSuperbill, insertEligibility } from '../../factories/claim.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { CREATE_CLAIMS, GET_CLAIM, SCRUB, UPDATE_CLAIM } from './claim-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

type World = Awaited<ReturnType<typeof claimWorld>>;
interface Finding { code: string; severity: string; message: string; path: string }

async function draftClaim(w: World) {
  const res = await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } });
  return res.data!.createClaims.claims[0] as { id: string; version: number };
}

async function scrub(w: World, id: string) {
  const res = await server.gql(w.biller, SCRUB, { input: { id } });
  expect(res.errors).toBeUndefined();
  return res.data!.scrubClaim.claim as { status: string; lastScrub: { clean: boolean; findings: Finding[]; revision: number } };
}

const codesOf = (findings: Finding[]) => findings.map((f) => f.code);

/** Changes the stored snapshot of a claim (a test's way to reach parts no mutation edits). */
const patchSnapshot = (id: string, path: string[], value: unknown) =>
  server.database.db.update(claims).set({ snapshot: sql`jsonb_set(${claims.snapshot}, ${`{${path.join(',')}}`}::text[], ${JSON.stringify(value)}::jsonb)` }).where(eq(claims.id, id));

describe('scrubClaim', () => {
  it('a clean claim passes every edit and becomes READY, with the result stored and the move in the history', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    const scrubbed = await scrub(w, c.id);
    expect(scrubbed.status).toBe('READY');
    expect(scrubbed.lastScrub).toMatchObject({ clean: true, findings: [], revision: 1 });
    const got = (await server.gql(w.biller, GET_CLAIM, { id: c.id })).data!.claim;
    expect(got.lastScrub.clean).toBe(true);
    expect(got.history.map((h: { from: string; to: string; source: string }) => [h.from, h.to, h.source])).toEqual([[null, 'DRAFT', 'USER'], ['DRAFT', 'READY', 'SCRUB']]);
  });

  it('a finding with severity ERROR keeps the claim DRAFT; a READY claim that no longer passes goes back to DRAFT', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    expect((await scrub(w, c.id)).status).toBe('READY');
    await server.database.db.update(coverages).set({ status: 'CANCELLED' }).where(eq(coverages.id, w.coverage!.id));
    const again = await scrub(w, c.id);
    expect(again.status).toBe('DRAFT');
    expect(again.lastScrub.clean).toBe(false);
    expect(again.lastScrub.findings).toEqual([{ code: 'COVERAGE_NOT_ACTIVE', severity: 'ERROR', message: 'The coverage billed was cancelled', path: 'subscriber' }]);
  });

  it('MEMBER_ID_INVALID: a malformed member id', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await server.gql(w.biller, UPDATE_CLAIM, { input: { id: c.id, expectedVersion: c.version, memberId: 'AB#12 $' } });
    const s = await scrub(w, c.id);
    expect(s.lastScrub.findings).toEqual([expect.objectContaining({ code: 'MEMBER_ID_INVALID', path: 'subscriber.memberId', severity: 'ERROR' })]);
    expect(s.status).toBe('DRAFT');
  });

  it('COVERAGE_NOT_ACTIVE: the coverage ended before the date of service', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await server.database.db.update(coverages).set({ endDate: '2026-03-01' }).where(eq(coverages.id, w.coverage!.id));
    expect(codesOf((await scrub(w, c.id)).lastScrub.findings)).toEqual(['COVERAGE_NOT_ACTIVE']);
  });

  it('NOT_ELIGIBLE fires on a NOT_ELIGIBLE answer for the date of service, not on an ELIGIBLE one', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await insertEligibility(w, w.coverage!.id, 'ELIGIBLE');
    expect(codesOf((await scrub(w, c.id)).lastScrub.findings)).toEqual([]);
    const v = await claimWorld(server);
    const d = await draftClaim(v);
    await insertEligibility(v, v.coverage!.id, 'NOT_ELIGIBLE');
    expect(codesOf((await scrub(v, d.id)).lastScrub.findings)).toEqual(['NOT_ELIGIBLE']);
  });

  it('PRIOR_AUTH_MISSING: required by the eligibility answer (over the payer setting), satisfied by an authorization number', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await insertEligibility(w, w.coverage!.id, 'ELIGIBLE', true);
    const s = await scrub(w, c.id);
    expect(s.lastScrub.findings).toEqual([expect.objectContaining({ code: 'PRIOR_AUTH_MISSING', path: 'priorAuthorizationNumber' })]);
    const [row] = await server.database.db.select({ version: claims.version }).from(claims).where(eq(claims.id, c.id));
    await server.gql(w.biller, UPDATE_CLAIM, { input: { id: c.id, expectedVersion: row!.version, priorAuthorizationNumber: 'AUTH-0001' } });
    expect((await scrub(w, c.id)).lastScrub.findings).toEqual([]);
    // The payer setting applies when no eligibility answer says anything; an answer of false wins over it.
    const p = await claimWorld(server, { payer: { priorAuthorizationRequired: true } });
    const d = await draftClaim(p);
    expect(codesOf((await scrub(p, d.id)).lastScrub.findings)).toEqual(['PRIOR_AUTH_MISSING']);
    await insertEligibility(p, p.coverage!.id, 'ELIGIBLE', false);
    expect(codesOf((await scrub(p, d.id)).lastScrub.findings)).toEqual([]);
  });

  it('NPI_INVALID, TIN_INVALID and BILLING_ADDRESS_PO_BOX on the billing provider', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await patchSnapshot(c.id, ['billingProvider', 'npi'], '1234567890');
    await patchSnapshot(c.id, ['billingProvider', 'tin'], '001234567');
    await patchSnapshot(c.id, ['billingProvider', 'address', 'line1'], 'P.O. Box 4411');
    const s = await scrub(w, c.id);
    expect(s.lastScrub.findings.map((f) => [f.code, f.path])).toEqual([
      ['NPI_INVALID', 'billingProvider.npi'],
      ['TIN_INVALID', 'billingProvider.tin'],
      ['BILLING_ADDRESS_PO_BOX', 'billingProvider.address.line1'],
    ]);
  });

  it('BILLING_ZIP_INCOMPLETE: a five-digit billing provider or service facility ZIP (not a nine-digit one, dashed or not)', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await patchSnapshot(c.id, ['billingProvider', 'address', 'postalCode'], '12207-1234');
    expect(codesOf((await scrub(w, c.id)).lastScrub.findings)).toEqual([]);
    await patchSnapshot(c.id, ['billingProvider', 'address', 'postalCode'], '12207');
    await patchSnapshot(c.id, ['serviceFacility', 'address', 'postalCode'], '10001');
    expect((await scrub(w, c.id)).lastScrub.findings.map((f) => [f.code, f.severity, f.path])).toEqual([
      ['BILLING_ZIP_INCOMPLETE', 'ERROR', 'billingProvider.address.postalCode'],
      ['BILLING_ZIP_INCOMPLETE', 'ERROR', 'serviceFacility.address.postalCode'],
    ]);
    await patchSnapshot(c.id, ['serviceFacility'], null);
    expect((await scrub(w, c.id)).lastScrub.findings.map((f) => f.path)).toEqual(['billingProvider.address.postalCode']);
  });

  it('BILLING_PHONE_MISSING: no billing phone (or one without digits) for the submitter contact', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await patchSnapshot(c.id, ['billingProvider', 'phone'], null);
    expect((await scrub(w, c.id)).lastScrub.findings.map((f) => [f.code, f.severity, f.path])).toEqual([['BILLING_PHONE_MISSING', 'ERROR', 'billingProvider.phone']]);
    await patchSnapshot(c.id, ['billingProvider', 'phone'], '--');
    expect(codesOf((await scrub(w, c.id)).lastScrub.findings)).toEqual(['BILLING_PHONE_MISSING']);
    await patchSnapshot(c.id, ['billingProvider', 'phone'], '(518) 555-0100');
    expect(codesOf((await scrub(w, c.id)).lastScrub.findings)).toEqual([]);
  });

  it('SUBSCRIBER_ADDRESS_MISSING: the subscriber is the patient and neither has an address; a dependent patient without one', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await patchSnapshot(c.id, ['subscriber', 'address'], null);
    expect(codesOf((await scrub(w, c.id)).lastScrub.findings)).toEqual([]);
    await patchSnapshot(c.id, ['patient', 'address'], null);
    expect((await scrub(w, c.id)).lastScrub.findings.map((f) => [f.code, f.severity, f.path])).toEqual([['SUBSCRIBER_ADDRESS_MISSING', 'ERROR', 'subscriber.address']]);
    await patchSnapshot(c.id, ['subscriber', 'address'], { line1: '9 Oak Road', line2: null, city: 'Albany', state: 'NY', postalCode: '12208' });
    expect(codesOf((await scrub(w, c.id)).lastScrub.findings)).toEqual([]);
    await patchSnapshot(c.id, ['patient', 'relationshipToSubscriber'], '19');
    expect((await scrub(w, c.id)).lastScrub.findings.map((f) => [f.code, f.path])).toEqual([['SUBSCRIBER_ADDRESS_MISSING', 'patient.address']]);
  });

  it('NPI_INVALID on a referring provider whose NPI fails the Luhn check', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await patchSnapshot(c.id, ['referringProvider'], { npi: '1234567894', name: { given: 'Ref', family: 'Doctor', middle: null }, taxonomyCode: null });
    expect((await scrub(w, c.id)).lastScrub.findings.map((f) => [f.code, f.path])).toEqual([['NPI_INVALID', 'referringProvider.npi']]);
  });

  it('DIAGNOSIS_INVALID (not billable), DIAGNOSIS_POINTER_INVALID, PROCEDURE_INVALID, MODIFIER_INVALID and CHARGE_NOT_POSITIVE, each on its path', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    const res = await server.gql(w.biller, UPDATE_CLAIM, {
      input: {
        id: c.id, expectedVersion: c.version, diagnoses: ['E11'],
        lines: [
          { code: '99213', modifiers: ['ZZ'], charge: 13_000, diagnosisPointers: ['A', 'B'] },
          { code: 'G9999', charge: 0, diagnosisPointers: ['A'] },
        ],
      },
    });
    expect(res.errors).toBeUndefined();
    const s = await scrub(w, c.id);
    expect(s.lastScrub.findings.map((f) => [f.code, f.path])).toEqual([
      ['DIAGNOSIS_INVALID', 'diagnoses.0'],
      ['DIAGNOSIS_POINTER_INVALID', 'lines.0.diagnosisPointers.1'],
      ['PROCEDURE_INVALID', 'lines.1.code'],
      ['MODIFIER_INVALID', 'lines.0.modifiers.0'],
      ['CHARGE_NOT_POSITIVE', 'lines.1.chargeCents'],
    ]);
    expect(s.lastScrub.findings[0]!.message).toMatch(/category, not a billable code/);
  });

  it('TELEHEALTH_MODIFIER_MISSING: a telehealth line without 95 for a payer that wants it (and not for one that does not)', async () => {
    const w = await claimWorld(server, { modality: 'TELEHEALTH' });
    const c = await draftClaim(w);
    expect((await scrub(w, c.id)).lastScrub.findings).toEqual([]);
    await server.database.db.update(payers).set({ telehealthModifier95: true }).where(eq(payers.id, w.payer.id));
    const [row] = await server.database.db.select({ version: claims.version }).from(claims).where(eq(claims.id, c.id));
    await server.gql(w.biller, UPDATE_CLAIM, { input: { id: c.id, expectedVersion: row!.version, memberId: 'XZ123456789' } });
    const s = await scrub(w, c.id);
    expect(s.lastScrub.findings).toEqual([expect.objectContaining({ code: 'TELEHEALTH_MODIFIER_MISSING', path: 'lines.0.modifiers', severity: 'ERROR' })]);
  });

  it('DUPLICATE_CLAIM warns (and does not block) when another superbill\'s claim bills the same code for the patient, provider and date', async () => {
    const w = await claimWorld(server);
    const first = await draftClaim(w);
    const secondSuperbill = await finalizedSuperbill(w, { diagnoses: ['I10'], lines: [{ code: '36415', units: 1, diagnosisPointers: ['A'] }] }, new Date(w.visit.getTime() + 3 * 3_600_000));
    const [second] = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: secondSuperbill } })).data!.createClaims.claims;
    const s = await scrub(w, second.id);
    expect(s.lastScrub.findings).toEqual([{ code: 'DUPLICATE_CLAIM', severity: 'WARNING', path: 'lines.0.code', message: `Claim ${first.id} already bills 36415 for this patient, provider and date` }]);
    expect(s).toMatchObject({ status: 'READY', lastScrub: { clean: true } });
    // The first claim shares 36415 with the second, and 99213 with no one.
    expect((await scrub(w, first.id)).lastScrub.findings.map((f) => [f.code, f.path])).toEqual([['DUPLICATE_CLAIM', 'lines.1.code']]);
  });

  it('TIMELY_FILING_EXCEEDED when the payer\'s limit (days from the date of service) has passed', async () => {
    const w = await claimWorld(server, { payer: { timelyFilingDays: 30 } });
    const c = await draftClaim(w);
    const s = await scrub(w, c.id);
    expect(s.lastScrub.findings).toEqual([expect.objectContaining({ code: 'TIMELY_FILING_EXCEEDED', path: 'dateOfService', message: "The payer's filing limit of 30 days ended on 2026-04-01" })]);
  });

  it('scrubs only DRAFT and READY claims; other practices\' claims are NOT_FOUND', async () => {
    const w = await claimWorld(server);
    const c = await draftClaim(w);
    await server.gql(w.biller, UPDATE_CLAIM, { input: { id: c.id, expectedVersion: c.version, memberId: 'XZ1' } });
    const other = await claimWorld(server);
    const res = await server.gql(other.biller, SCRUB, { input: { id: c.id } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const [row] = await server.database.db.select().from(claims).where(eq(claims.id, c.id));
    expect(row!.lastScrub).toBeNull();
    await server.database.db.update(claims).set({ status: 'SUBMITTED' }).where(eq(claims.id, c.id));
    expect((await server.gql(w.biller, SCRUB, { input: { id: c.id } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
  });
});
