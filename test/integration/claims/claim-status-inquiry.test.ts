import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { claimWorld } from '../../factories/claim.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { CREATE_CLAIMS } from './claim-ops.js';
import { CHECK_STALE, CHECK_STATUS, CLAIM_ANSWERS, CLAIM_FORM, readyClaim, SUBMIT } from './claim-submit-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;
const key = () => `key-${Math.random().toString(36).slice(2)}`;
type World = Awaited<ReturnType<typeof claimWorld>>;

async function submitted(w: World): Promise<string> {
  const id = await readyClaim(server, w);
  const res = await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: key() } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return id;
}

describe('checkClaimStatus', () => {
  it('sends a 276 for an accepted claim and stores the 277 answer (status, payer claim number, amounts), exposed on the claim', async () => {
    const w = await claimWorld(server);
    const id = await submitted(w);
    const before = (await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim;
    expect(before.status).toBe('ACCEPTED');
    const res = await server.gql(w.biller, CHECK_STATUS, { input: { claimId: id } });
    expect(res.errors).toBeUndefined();
    const { inquiry, claim } = res.data!.checkClaimStatus;
    expect(inquiry).toMatchObject({ claimId: id, outcome: 'ANSWERED', reason: null, payerClaimNumber: before.payerClaimNumber, problems: [], traceNumber: expect.stringMatching(/^CS\d{9}$/) });
    expect(['F0', 'F1', 'F2', 'P1']).toContain(inquiry.status.category);
    const [row] = await server.database.db.select().from(claims).where(eq(claims.id, id));
    expect(inquiry.charge).toBe(row!.totalChargeCents);
    expect(inquiry.status.categoryDescription).toBeTruthy();
    // Adjudication comes with the remittance: the status inquiry does not move an ACCEPTED claim.
    expect(claim.status).toBe('ACCEPTED');
    const got = (await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim;
    expect(got.statusInquiries).toEqual([expect.objectContaining({ id: inquiry.id, outcome: 'ANSWERED' })]);
  });

  it('a claim whose batch is SENT_UNKNOWN: a timeout is stored as NO_RESPONSE; a payer that has no such claim (A4) makes it REJECTED, to be corrected and resent', async () => {
    const w = await claimWorld(server, { coverage: { memberId: 'SLOW7788' } });
    const id = await submitted(w);
    const first = (await server.gql(w.biller, CHECK_STATUS, { input: { claimId: id } })).data!.checkClaimStatus;
    expect(first.inquiry).toMatchObject({ outcome: 'NO_RESPONSE', reason: expect.stringContaining('UPSTREAM_TIMEOUT'), status: null });
    expect(first.claim.status).toBe('SUBMITTED');
    // The payer's answer differs for the member id it finds (the simulator's REJ rule: claim not found).
    await server.database.db.update(claims).set({ snapshot: sql`jsonb_set(${claims.snapshot}, '{subscriber,memberId}', '"REJ7788"')` }).where(eq(claims.id, id));
    const second = (await server.gql(w.biller, CHECK_STATUS, { input: { claimId: id } })).data!.checkClaimStatus;
    expect(second.inquiry).toMatchObject({ outcome: 'ANSWERED', status: { category: 'A4', code: '35' } });
    expect(second.claim.status).toBe('REJECTED');
    const got = (await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim;
    expect(got.history.at(-1)).toMatchObject({ from: 'SUBMITTED', to: 'REJECTED', source: 'STATUS_INQUIRY', reason: expect.stringContaining('A4:35'), reference: second.inquiry.id });
  });

  it('a SUBMITTED claim the payer holds becomes ACCEPTED with its claim number', async () => {
    const w = await claimWorld(server, { coverage: { memberId: 'SLOW9911' } });
    const id = await submitted(w);
    await server.database.db.update(claims).set({ snapshot: sql`jsonb_set(${claims.snapshot}, '{subscriber,memberId}', '"XZ9911"')` }).where(eq(claims.id, id));
    const done = (await server.gql(w.biller, CHECK_STATUS, { input: { claimId: id } })).data!.checkClaimStatus;
    expect(done.inquiry.outcome).toBe('ANSWERED');
    expect(done.claim.status).toBe('ACCEPTED');
  });

  it('checkStaleClaimStatuses asks about claims without a response for N days, once; bad input, roles and tenancy', async () => {
    const w = await claimWorld(server, { coverage: { memberId: 'SLOW5500' } });
    const id = await submitted(w);
    expect((await server.gql(w.biller, CHECK_STALE, { input: { olderThanDays: 10 } })).data!.checkStaleClaimStatuses.inquiries).toEqual([]);
    await server.database.db.update(claims).set({ submittedAt: new Date(Date.now() - 20 * 86_400_000) }).where(eq(claims.id, id));
    const stale = (await server.gql(w.biller, CHECK_STALE, { input: { olderThanDays: 10 } })).data!.checkStaleClaimStatuses.inquiries;
    expect(stale).toEqual([expect.objectContaining({ claimId: id, outcome: 'NO_RESPONSE' })]);
    expect((await server.gql(w.biller, CHECK_STALE, { input: { olderThanDays: 10 } })).data!.checkStaleClaimStatuses.inquiries).toEqual([]);
    expect(codeOf(await server.gql(w.biller, CHECK_STALE, { input: { olderThanDays: 0 } }))).toBe('BAD_USER_INPUT');

    const draft = await claimWorld(server);
    const d = (await server.gql(draft.biller, CREATE_CLAIMS, { input: { superbillId: draft.superbillId } })).data!.createClaims.claims[0].id;
    expect(codeOf(await server.gql(draft.biller, CHECK_STATUS, { input: { claimId: d } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(draft.biller, CHECK_STATUS, { input: { claimId: id } }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(await w.token([Role.FRONT_DESK]), CHECK_STATUS, { input: { claimId: id } }))).toBe('FORBIDDEN');
  });
});

describe('claimForm', () => {
  it('returns the claim on the CMS-1500 as a PDF (payer or patient copy) for claim readers; another practice\'s claim is NOT_FOUND', async () => {
    const w = await claimWorld(server);
    const id = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims.claims[0];
    const res = await server.gql(w.biller, CLAIM_FORM, { id: id.id });
    expect(res.errors).toBeUndefined();
    const pdf = res.data!.claimForm;
    expect(pdf).toMatchObject({ fileName: `claim-${id.patientAccountNumber}.pdf`, contentType: 'application/pdf' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(pdf.byteLength);
    const copy = (await server.gql(await w.token([Role.FRONT_DESK]), CLAIM_FORM, { id: id.id, patientCopy: true })).data!.claimForm;
    expect(copy.fileName).toBe(`claim-${id.patientAccountNumber}-patient-copy.pdf`);
    expect(codeOf(await server.gql(await w.token([Role.CLINICIAN]), CLAIM_FORM, { id: id.id }))).toBe('FORBIDDEN');
    const other = await claimWorld(server);
    expect(codeOf(await server.gql(other.biller, CLAIM_FORM, { id: id.id }))).toBe('NOT_FOUND');
  });
});
