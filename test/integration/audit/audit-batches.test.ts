import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../../server/src/db/client.js';
import { CountingLogger } from '../../../server/src/db/query-stats.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { AuditTrail } from '../../../server/src/modules/audit/audit-trail.js';
import { insertPatient, patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { busyDay } from '../../factories/scheduling.factory.js';
import { auditEntries, auditRows } from '../../helpers/audit-rows.js';
import { GET_PATIENT, registerOk } from '../../helpers/patient-ops.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { SCHEDULE } from '../scheduling/ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A practice with `n` appointments on 2027-01-12 (New York) over three providers, inserted directly. */
async function dayWith(n: number) {
  const { practiceId, location, appointments: rows } = await busyDay(server.database.db, n);
  return { practiceId, locationId: location.id, appointments: rows, desk: await server.token(practiceId, [Role.FRONT_DESK], 'desk-1') };
}

/** Parameter counts of the audit inserts run while `fn` runs (the drizzle logger sees every statement). */
async function auditInsertParams(fn: () => Promise<void>): Promise<number[]> {
  const spy = vi.spyOn(CountingLogger.prototype, 'logQuery');
  try {
    await fn();
    // drizzle calls logQuery(query, params); CountingLogger itself ignores both.
    const calls = spy.mock.calls as unknown as [string, unknown[]][];
    return calls.filter(([query]) => /insert into "audit_batches"/i.test(query)).map(([, params]) => params.length);
  } finally {
    spy.mockRestore();
  }
}

describe('audit batches', () => {
  it('a day view of N appointments writes ONE row holding its 2N reads, with the same parameters for 3 and 30', async () => {
    const params: number[][] = [];
    for (const n of [3, 30]) {
      const day = await dayWith(n);
      params.push(
        await auditInsertParams(async () => {
          const res = await server.gql(day.desk, SCHEDULE, { locationId: day.locationId, date: '2027-01-12', first: 200 });
          expect(res.errors).toBeUndefined();
          expect(res.data!.schedule.edges).toHaveLength(n);
        }),
      );
      const rows = await auditRows(server.database.db, day.practiceId);
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row).toMatchObject({ action: 'READ', userId: 'desk-1', roles: [Role.FRONT_DESK], operationName: 'Day' });
      expect(row!.entityIds).toHaveLength(2 * n);
      expect(row!.entityTypes).toHaveLength(2 * n);
      expect(row!.patientIds).toHaveLength(2 * n);
      const entities = row!.entityIds.map((id, i) => `${row!.entityTypes[i]}:${id}:${row!.patientIds[i]}`).sort();
      const expected = day.appointments.flatMap((a) => [`Appointment:${a.id}:${a.patientId}`, `Patient:${a.patientId}:${a.patientId}`]).sort();
      expect(entities).toEqual(expected);
    }
    // One insert per request, and its parameter count does not grow with the number of entities.
    expect(params[0]).toHaveLength(1);
    expect(params[1]).toEqual(params[0]);
  });

  it('a patient list of N rows writes ONE row of N Patient reads and the search; a patient read twice is one element', async () => {
    const practiceId = await createPractice(server.database.db);
    const patients = await Promise.all(Array.from({ length: 12 }, () => insertPatient(server.database.db, practiceId)));
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const list = await server.gql(token, `query List { a: patients(first: 50) { edges { node { id } } } b: patients(first: 5) { edges { node { mrn } } } }`);
    expect(list.errors).toBeUndefined();
    const rows = await auditRows(server.database.db, practiceId);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    // The two searches (same criteria: none) are one PatientSearch element; the patients are the rest.
    expect(row.entityTypes.filter((t) => t === 'PatientSearch')).toHaveLength(1);
    const searches = await auditEntries(server.database.db, { practiceId, entityType: 'PatientSearch' });
    expect(searches.map((e) => [e.batchId, e.entityId, e.patientId])).toEqual([[row.id, 'all', null]]);
    const patientIdx = row.entityTypes.flatMap((t, i) => (t === 'Patient' ? [i] : []));
    expect(patientIdx.map((i) => row.entityIds[i]).sort()).toEqual(patients.map((p) => p.id).sort());
    expect(patientIdx.map((i) => row.patientIds[i])).toEqual(patientIdx.map((i) => row.entityIds[i]));
  });

  it('a write is its own one-entity row, committed with the change', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await registerOk(server, await server.token(practiceId, [Role.FRONT_DESK], 'desk-2'), patientInput());
    const writes = (await auditRows(server.database.db, practiceId)).filter((r) => r.action !== 'READ');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ action: 'CREATE', userId: 'desk-2', entityTypes: ['Patient'], entityIds: [patient.id], patientIds: [patient.id], operationName: 'Register' });
  });

  it('a failed flush returns no data: SERVICE_UNAVAILABLE, retryable', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await insertPatient(server.database.db, practiceId);
    vi.spyOn(AuditTrail.prototype, 'flush').mockRejectedValueOnce(new Error('simulated audit outage'));
    const res = await server.gql(await server.token(practiceId, [Role.FRONT_DESK]), GET_PATIENT, { id: patient.id });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.extensions.code, e.extensions.retryable])).toEqual([['SERVICE_UNAVAILABLE', true]]);
    expect(JSON.stringify(res)).not.toContain(patient.mrn);
  });

  it('the batch arrays are compressed with lz4 where the server has it (PostgreSQL), pglz on PGlite; rows read back whole', async () => {
    const compression = rowsOf<{ attname: string; attcompression: string }>(
      await server.database.db.execute(
        sql`select attname, attcompression::text from pg_attribute where attrelid = 'audit_batches'::regclass and attname in ('entity_types', 'entity_ids', 'patient_ids') order by attname`,
      ),
    );
    const expected = server.database.engine === 'postgres' ? 'l' : '';
    expect(compression.map((c) => [c.attname, c.attcompression])).toEqual([
      ['entity_ids', expected],
      ['entity_types', expected],
      ['patient_ids', expected],
    ]);
    const practiceId = await createPractice(server.database.db);
    const entities = Array.from({ length: 300 }, (_, i) => ({ entityType: i % 2 ? 'Patient' : 'Superbill', entityId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, patientId: null }));
    const audit = new AuditTrail({ practiceId, userId: 'lz4', roles: [Role.BILLER] }, 'req-lz4', 'Big');
    for (const e of entities) audit.read(e.entityType, e.entityId);
    await audit.flush(server.database.db);
    const [stored] = await auditRows(server.database.db, practiceId);
    expect(stored!.entityIds).toEqual(entities.map((e) => e.entityId));
  });

  it('the database refuses misaligned, empty or id-less batches', async () => {
    const practiceId = await createPractice(server.database.db);
    const insert = (types: string, ids: string, patients: string) =>
      server.database.db
        .execute(
          sql`insert into audit_batches (practice_id, user_id, roles, action, request_id, entity_types, entity_ids, patient_ids)
              values (${practiceId}, 'u', '{FRONT_DESK}', 'READ', 'r', ${types}::text[], ${ids}::text[], ${patients}::uuid[])`,
        )
        .then(
          () => 'stored',
          (e: { cause?: { message?: string }; message?: string }) => String(e.cause?.message ?? e.message),
        );
    expect(await insert('{Patient,Patient}', '{a,b}', '{NULL}')).toMatch(/audit_batches_entities_aligned/);
    expect(await insert('{Patient}', '{a,b}', '{NULL,NULL}')).toMatch(/audit_batches_entities_aligned/);
    expect(await insert('{}', '{}', '{}')).toMatch(/audit_batches_entities_aligned/);
    expect(await insert('{Patient}', '{NULL}', '{NULL}')).toMatch(/audit_batches_entities_aligned/);
    expect(await insert('{{Patient}}', '{{a}}', '{{NULL}}')).toMatch(/audit_batches_entities_aligned/);
    expect(await insert('{Provider}', '{a}', '{NULL}')).toBe('stored');
    expect(await auditRows(server.database.db, practiceId)).toHaveLength(1);
  });
});
