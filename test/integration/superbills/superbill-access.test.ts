import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { billingWorld, goodContent } from '../../factories/superbill.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { APPOINTMENT_SUPERBILL, CORRECT, CREATE, FINALIZE, GET, LIST, PATIENT_SUPERBILLS, PDF, UPDATE, VOID } from './superbill-ops.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { Scope } from '../../../server/src/graphql/scopes.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;

async function withDraft() {
  const w = await billingWorld(server);
  const s = (await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } })).data!.createSuperbill.superbill;
  return { w, s };
}

describe('roles', () => {
  it('FRONT_DESK, BILLER and PRACTICE_ADMIN read and write; CLINICIAN, ANALYST and PARTNER get FORBIDDEN on every field, nested ones included', async () => {
    const { w, s } = await withDraft();
    const ops = (id: string): [string, Record<string, unknown>][] => [
      [GET, { id }],
      [LIST, {}],
      [PDF, { id }],
      [UPDATE, { input: { id, expectedVersion: 1 } }],
      [FINALIZE, { input: { id, expectedVersion: 1 } }],
      [VOID, { input: { id, expectedVersion: 1, reason: 'x' } }],
      [CORRECT, { input: { id, expectedVersion: 1 } }],
      [CREATE, { input: { appointmentId: w.appointment.id } }],
    ];
    // PARTNER: a client that reads patient demographics and has no billing scope.
    const partner = (await partnerToken(server, w.practiceId, [Scope.PATIENTS_READ_DEMOGRAPHICS])).token;
    for (const role of [Role.CLINICIAN, Role.ANALYST, Role.PARTNER]) {
      const token = role === Role.PARTNER ? partner : await server.token(w.practiceId, [role]);
      for (const [doc, vars] of ops(s.id)) expect(codeOf(await server.gql(token, doc, vars)), `${role} ${doc.slice(0, 30)}`).toBe('FORBIDDEN');
      // Nested paths: the appointment or patient is readable for the role, its superbills are not.
      const nestedA = await server.gql(token, APPOINTMENT_SUPERBILL, { id: w.appointment.id });
      const nestedP = await server.gql(token, PATIENT_SUPERBILLS, { id: w.patient.id });
      // ANALYST reads neither parent; PARTNER reads patients but not appointments.
      const readsAppointment = role === Role.CLINICIAN;
      const readsPatient = role !== Role.ANALYST;
      const where = (res: typeof nestedA) => res.errors?.map((e) => [e.path?.join('.'), e.extensions.code]);
      expect(where(nestedA), role).toEqual([[readsAppointment ? 'appointment.superbill' : 'appointment', 'FORBIDDEN']]);
      if (readsAppointment) expect(nestedA.data!.appointment).toMatchObject({ id: w.appointment.id, superbill: null });
      expect(where(nestedP), role).toEqual([[readsPatient ? 'patient.superbills' : 'patient', 'FORBIDDEN']]);
      if (readsPatient) expect(nestedP.data!.patient).toMatchObject({ id: w.patient.id, superbills: null });
    }
    for (const role of [Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN]) {
      const token = await server.token(w.practiceId, [role]);
      expect((await server.gql(token, GET, { id: s.id })).errors, role).toBeUndefined();
      expect((await server.gql(token, APPOINTMENT_SUPERBILL, { id: w.appointment.id })).data!.appointment.superbill).toEqual({ id: s.id, status: 'DRAFT' });
      expect((await server.gql(token, PATIENT_SUPERBILLS, { id: w.patient.id })).data!.patient.superbills).toEqual([{ id: s.id, status: 'DRAFT' }]);
    }
    const desk = await server.token(w.practiceId, [Role.FRONT_DESK]);
    expect((await server.gql(desk, FINALIZE, { input: { id: s.id, expectedVersion: 1 } })).errors).toBeUndefined();
    expect(codeOf(await server.gql(null, GET, { id: s.id }))).toBe('UNAUTHENTICATED');
  });
});

describe('tenancy', () => {
  it("another practice's superbill, appointment, patient, provider, location or payer is NOT_FOUND, and never listed", async () => {
    const { s, w: theirs } = await withDraft();
    const mine = await billingWorld(server);
    for (const [doc, vars] of [
      [GET, { id: s.id }],
      [PDF, { id: s.id }],
      [UPDATE, { input: { id: s.id, expectedVersion: 1 } }],
      [FINALIZE, { input: { id: s.id, expectedVersion: 1 } }],
      [VOID, { input: { id: s.id, expectedVersion: 1, reason: 'x' } }],
      [CORRECT, { input: { id: s.id, expectedVersion: 1 } }],
      [CREATE, { input: { appointmentId: theirs.appointment.id } }],
      [CREATE, { input: { patientId: theirs.patient.id, renderingProviderId: mine.provider.id, locationId: mine.location.id, dateOfService: '2026-03-02' } }],
      [CREATE, { input: { patientId: mine.patient.id, renderingProviderId: theirs.provider.id, locationId: mine.location.id, dateOfService: '2026-03-02' } }],
      [CREATE, { input: { patientId: mine.patient.id, renderingProviderId: mine.provider.id, locationId: theirs.location.id, dateOfService: '2026-03-02' } }],
      [CREATE, { input: { appointmentId: mine.appointment.id, payerId: theirs.payer95.id } }],
      [GET, { id: 'not-a-uuid' }],
    ] as const) {
      expect(codeOf(await server.gql(mine.biller, doc, vars)), JSON.stringify(vars)).toBe('NOT_FOUND');
    }
    expect((await server.gql(mine.biller, LIST, {})).data!.superbills.totalCount).toBe(0);
    expect((await server.gql(mine.biller, LIST, { filter: { patientId: theirs.patient.id } })).data!.superbills.edges).toEqual([]);
    expect((await server.gql(theirs.biller, GET, { id: s.id })).data!.superbill.version).toBe(1);
  });
});

describe('audit', () => {
  it('records every write on its transaction and every read of a superbill with its patient', async () => {
    const { w, s } = await withDraft();
    await server.gql(w.biller, UPDATE, { input: { id: s.id, expectedVersion: 1, priorAuthorizationNumber: 'PA-1' } });
    await server.gql(w.biller, FINALIZE, { input: { id: s.id, expectedVersion: 2 } });
    await server.gql(w.biller, VOID, { input: { id: s.id, expectedVersion: 3, reason: 'Duplicate' } });
    const writes = await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: s.id });
    expect(writes.filter((e) => e.action !== 'READ').map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    expect(writes.every((e) => e.patientId === w.patient.id && e.entityType === 'Superbill')).toBe(true);
    const before = (await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: s.id, action: 'READ' })).length;
    await server.gql(w.biller, LIST, {});
    const reads = await auditEntries(server.database.db, { practiceId: w.practiceId, action: 'READ' });
    const last = reads.filter((e) => e.batchId === reads[reads.length - 1]!.batchId);
    expect(last.map((e) => e.entityType).sort()).toEqual(['Patient', 'Superbill']);
    expect((await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: s.id, action: 'READ' })).length).toBe(before + 1);
    // A refused change writes nothing.
    const count = (await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: s.id })).length;
    expect(codeOf(await server.gql(w.biller, UPDATE, { input: { id: s.id, expectedVersion: 4, diagnoses: ['I10'] } }))).toBe('BAD_USER_INPUT');
    expect((await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: s.id })).length).toBe(count);
  });
});
