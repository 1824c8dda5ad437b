import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverageHistory, coverages } from '../../../server/src/db/schema/insurance.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { ADD, coverageInput, coverageWorld, END, GET, PATIENT_COVERAGES, REORDER, SEARCH_COVERAGES, UPDATE } from './coverage-setup.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('coverages', () => {
  it('adds a coverage, audits the write and the read, keeps member ids out of errors', async () => {
    const { db, patient, payer, token } = await coverageWorld(server);
    const res = await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id) });
    expect(res.errors).toBeUndefined();
    const c = res.data!.addCoverage.coverage;
    expect(c).toMatchObject({ memberId: 'W123456789', groupNumber: 'G-1', order: 'PRIMARY', subscriberRelationship: 'SELF', subscriber: null, copayOnCard: 2500, status: 'ACTIVE', version: 1, payer: { name: 'Acme Health' } });
    const read = await server.gql(token, GET, { id: c.id });
    expect(read.data!.coverage.id).toBe(c.id);
    const events = await auditEntries(db, { entityId: c.id });
    expect(events.map((e) => e.action).sort()).toEqual(['CREATE', 'READ', 'READ']);
    expect(events.every((e) => e.patientId === patient.id)).toBe(true);
  });

  it('requires subscriber details for a dependent and refuses them for SELF', async () => {
    const { patient, payer, token } = await coverageWorld(server);
    const missing = await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { subscriberRelationship: 'CHILD' }) });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.subscriber' }] });
    const subscriber = { name: { given: 'Parent', family: 'Testfamily' }, dateOfBirth: '1970-02-03', sex: 'MALE' };
    const ok = await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { subscriberRelationship: 'CHILD', subscriber }) });
    expect(ok.data!.addCoverage.coverage.subscriber).toEqual({ name: { given: 'Parent', family: 'Testfamily' }, dateOfBirth: '1970-02-03', sex: 'MALE' });
  });

  it('rejects malformed member ids and bad dates without touching the database', async () => {
    const { db, patient, payer, token } = await coverageWorld(server);
    for (const memberId of ['A', 'W12*34~56', 'has space', '-LEADING', 'X'.repeat(31)]) {
      const res = await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { memberId }) });
      expect(res.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
      if (memberId.length > 3) expect(JSON.stringify(res.errors)).not.toContain(memberId);
    }
    const dates = await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { effectiveDate: '2026-05-01', endDate: '2026-04-30' }) });
    expect(dates.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.endDate' }] });
    expect(await db.select().from(coverages).where(eq(coverages.patientId, patient.id))).toEqual([]);
  });

  it('allows one active coverage of each order per date, enforced by the database under concurrency', async () => {
    const { db, patient, payer, token } = await coverageWorld(server);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => server.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { memberId: `M00${i}X` }) })));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.order' }] });
    expect(await db.select().from(coverages).where(eq(coverages.patientId, patient.id))).toHaveLength(1);
    // A non-overlapping period of the same order is fine.
    const id = ok[0]!.data!.addCoverage.coverage.id;
    const ended = await server.gql(token, END, { input: { id, expectedVersion: 1, endDate: '2026-06-30' } });
    expect(ended.data!.endCoverage.coverage).toMatchObject({ endDate: '2026-06-30', version: 2 });
    const next = await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { memberId: 'NEXT1', effectiveDate: '2026-07-01' }) });
    expect(next.errors).toBeUndefined();
  });

  it('updates with expectedVersion, keeps every version in history, and answers VERSION_CONFLICT when stale', async () => {
    const { db, patient, payer, token } = await coverageWorld(server);
    const c = (await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id) })).data!.addCoverage.coverage;
    const upd = await server.gql(token, UPDATE, { input: { id: c.id, expectedVersion: 1, memberId: 'NEW555', copayOnCard: 4000 } });
    expect(upd.data!.updateCoverage.coverage).toMatchObject({ memberId: 'NEW555', copayOnCard: 4000, version: 2 });
    const stale = await server.gql(token, UPDATE, { input: { id: c.id, expectedVersion: 1, planName: 'x' } });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'VERSION_CONFLICT', actualVersion: 2 });
    const history = await db.select().from(coverageHistory).where(eq(coverageHistory.coverageId, c.id));
    expect(history.map((h) => [h.coverageVersion, h.action, h.snapshot.memberId])).toEqual([[1, 'CREATE', 'W123456789'], [2, 'UPDATE', 'NEW555']]);
    const viaApi = await server.gql(token, `query($id: ID!) { coverage(id: $id) { history { version action memberId order } } }`, { id: c.id });
    expect(viaApi.data!.coverage.history).toEqual([{ version: 1, action: 'CREATE', memberId: 'W123456789', order: 'PRIMARY' }, { version: 2, action: 'UPDATE', memberId: 'NEW555', order: 'PRIMARY' }]);
  });

  it('swaps primary and secondary in one reorder', async () => {
    const { patient, payer, token } = await coverageWorld(server);
    const a = (await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id) })).data!.addCoverage.coverage;
    const b = (await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { memberId: 'SEC1', order: 'SECONDARY' }) })).data!.addCoverage.coverage;
    const res = await server.gql(token, REORDER, { input: { patientId: patient.id, coverageIds: [b.id, a.id] } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.reorderCoverages.coverages).toEqual([{ id: b.id, order: 'PRIMARY', version: 2 }, { id: a.id, order: 'SECONDARY', version: 2 }]);
    const list = await server.gql(token, PATIENT_COVERAGES, { id: patient.id, asOf: '2026-03-01' });
    expect(list.data!.patient.coverages.map((c: { id: string }) => c.id)).toEqual([b.id, a.id]);
    // Promoting the secondary alone would leave two primaries: refused when the transaction commits.
    const clash = await server.gql(token, REORDER, { input: { patientId: patient.id, coverageIds: [a.id] } });
    expect(clash.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.order' }] });
    const after = await server.gql(token, GET, { id: a.id });
    expect(after.data!.coverage).toMatchObject({ order: 'SECONDARY', version: 2 });
  });

  it('Patient.coverages(asOf) filters by date and costs a fixed number of statements for many patients', async () => {
    const { db, practiceId, payer, token } = await coverageWorld(server);
    const count = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const p = await insertPatient(db, practiceId);
        await server.gql(token, ADD, { input: coverageInput(p.id, payer.id, { memberId: `P${i}X${n}`, endDate: '2026-12-31' }) });
      }
      const res = await server.gql(token, SEARCH_COVERAGES, { asOf: '2026-06-01' });
      expect(res.errors).toBeUndefined();
      return res;
    };
    const few = await count(2);
    const many = await count(6);
    expect(many.data!.patients.edges.length).toBeGreaterThan(few.data!.patients.edges.length);
    expect(many.extensions!.stats!.sqlStatements).toBe(few.extensions!.stats!.sqlStatements);
    const later = await server.gql(token, SEARCH_COVERAGES, { asOf: '2027-01-01' });
    expect(later.data!.patients.edges.every((e: { node: { coverages: unknown[] } }) => e.node.coverages.length === 0)).toBe(true);
  });

});
