import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { claimWorld } from '../../factories/claim.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { ASSIGN, CREATE_CLAIMS, FOLLOW_UP, GET_CLAIM, LIST_CLAIMS, NOTE, QUEUE, REPLACE_CLAIM, SCRUB, SUPERBILL_CLAIMS, UPDATE_CLAIM, VOID_CLAIM } from './claim-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;
const CLAIM_PATIENT = `query P($id: ID!) { claim(id: $id) { id patient { id mrn } } }`;

async function withClaim() {
  const w = await claimWorld(server);
  const [c] = (await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims.claims;
  return { w, c: c as { id: string; version: number } };
}

const writes = (id: string, superbillId: string): [string, Record<string, unknown>][] => [
  [CREATE_CLAIMS, { input: { superbillId } }],
  [SCRUB, { input: { id } }],
  [UPDATE_CLAIM, { input: { id, expectedVersion: 1 } }],
  [REPLACE_CLAIM, { input: { id, expectedVersion: 1, reason: 'x' } }],
  [VOID_CLAIM, { input: { id, expectedVersion: 1, reason: 'x' } }],
  [ASSIGN, { input: { id, assigneeId: 'u' } }],
  [FOLLOW_UP, { input: { id, date: '2026-12-31' } }],
  [NOTE, { input: { id, body: 'x' } }],
];
const reads = (id: string): [string, Record<string, unknown>][] => [
  [GET_CLAIM, { id }],
  [LIST_CLAIMS, {}],
  [QUEUE, {}],
];

describe('roles', () => {
  it('billing readers read (FRONT_DESK included); only BILLER, PRACTICE_ADMIN and billing:write write; CLINICIAN and ANALYST are FORBIDDEN', async () => {
    const { w, c } = await withClaim();
    for (const role of [Role.CLINICIAN, Role.ANALYST]) {
      const token = await server.token(w.practiceId, [role]);
      for (const [doc, vars] of [...reads(c.id), ...writes(c.id, w.superbillId)]) expect(codeOf(await server.gql(token, doc, vars)), `${role} ${doc.slice(0, 30)}`).toBe('FORBIDDEN');
    }
    const desk = await server.token(w.practiceId, [Role.FRONT_DESK]);
    for (const [doc, vars] of reads(c.id)) expect((await server.gql(desk, doc, vars)).errors, `desk ${doc.slice(0, 30)}`).toBeUndefined();
    for (const [doc, vars] of writes(c.id, w.superbillId)) expect(codeOf(await server.gql(desk, doc, vars)), `desk ${doc.slice(0, 30)}`).toBe('FORBIDDEN');
    const admin = await server.token(w.practiceId, [Role.PRACTICE_ADMIN]);
    expect((await server.gql(admin, NOTE, { input: { id: c.id, body: 'Admin note' } })).errors).toBeUndefined();
    expect(codeOf(await server.gql(null, GET_CLAIM, { id: c.id }))).toBe('UNAUTHENTICATED');
  });

  it('partner clients: billing:read reads, billing:write also works claims; Claim.patient needs patients:read-demographics; other scopes reach nothing', async () => {
    const { w, c } = await withClaim();
    const token = async (scopes: Scope[]) => (await partnerToken(server, w.practiceId, scopes)).token;
    const reader = await token([Scope.BILLING_READ]);
    for (const [doc, vars] of reads(c.id)) expect((await server.gql(reader, doc, vars)).errors, doc.slice(0, 30)).toBeUndefined();
    expect((await server.gql(reader, SUPERBILL_CLAIMS, { id: w.superbillId })).data!.superbill.claims).toEqual([{ id: c.id, status: 'DRAFT', frequencyCode: '1' }]);
    expect(codeOf(await server.gql(reader, SCRUB, { input: { id: c.id } }))).toBe('FORBIDDEN');
    // Nested: the claim is readable, its patient is not without the demographics scope.
    const nested = await server.gql(reader, CLAIM_PATIENT, { id: c.id });
    expect(nested.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toEqual([['claim.patient', 'FORBIDDEN']]);
    const both = await token([Scope.BILLING_READ, Scope.PATIENTS_READ_DEMOGRAPHICS]);
    expect((await server.gql(both, CLAIM_PATIENT, { id: c.id })).data!.claim.patient.id).toBe(w.patient.id);
    const writer = await token([Scope.BILLING_WRITE]);
    expect((await server.gql(writer, SCRUB, { input: { id: c.id } })).data!.scrubClaim.claim.status).toBe('READY');
    for (const s of [Scope.PATIENTS_READ_DEMOGRAPHICS, Scope.SCHEDULING_READ, Scope.ELIGIBILITY_WRITE]) {
      const other = await token([s]);
      for (const [doc, vars] of reads(c.id)) expect(codeOf(await server.gql(other, doc, vars)), `${s} ${doc.slice(0, 30)}`).toBe('FORBIDDEN');
    }
  });
});

describe('tenancy', () => {
  it("another practice's claim or superbill is NOT_FOUND to every operation and never listed", async () => {
    const { w: theirs, c } = await withClaim();
    const mine = await claimWorld(server);
    for (const [doc, vars] of [...writes(c.id, theirs.superbillId), [GET_CLAIM, { id: c.id }], [GET_CLAIM, { id: 'not-a-uuid' }]] as [string, Record<string, unknown>][]) {
      expect(codeOf(await server.gql(mine.biller, doc, vars)), doc.slice(0, 40)).toBe('NOT_FOUND');
    }
    expect((await server.gql(mine.biller, LIST_CLAIMS, { filter: { patientId: theirs.patient.id } })).data!.claims.totalCount).toBe(0);
    expect((await server.gql(mine.biller, QUEUE, { filter: { includeSnoozed: true } })).data!.claimsNeedingFollowUp.edges).toEqual([]);
    expect((await server.gql(theirs.biller, GET_CLAIM, { id: c.id })).data!.claim).toMatchObject({ version: 1, status: 'DRAFT', assigneeId: null, notes: [] });
  });
});

describe('audit', () => {
  it('records each write on its transaction and each read of a claim with its patient; a refused change writes nothing', async () => {
    const { w, c } = await withClaim();
    await server.gql(w.biller, SCRUB, { input: { id: c.id } });
    await server.gql(w.biller, NOTE, { input: { id: c.id, body: 'x' } });
    const rows = await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: c.id });
    expect(rows.filter((e) => e.action !== 'READ').map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE']);
    expect(rows.every((e) => e.patientId === w.patient.id && e.entityType === 'Claim')).toBe(true);
    const before = (await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: c.id, action: 'READ' })).length;
    await server.gql(w.biller, LIST_CLAIMS, {});
    expect((await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: c.id, action: 'READ' })).length).toBe(before + 1);
    const count = (await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: c.id })).length;
    expect(codeOf(await server.gql(w.biller, UPDATE_CLAIM, { input: { id: c.id, expectedVersion: 99, memberId: 'AB1' } }))).toBe('VERSION_CONFLICT');
    expect((await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: c.id })).length).toBe(count);
  });
});
