import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../server/src/db/schema/audit.js';
import { coverageHistory, coverages } from '../../../server/src/db/schema/insurance.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const COVERAGE_FIELDS = 'id patientId payerId planName memberId groupNumber subscriberRelationship subscriber { name { given family } dateOfBirth sex } order effectiveDate endDate copayOnCard status version payer { id name ediPayerId }';
const ADD = `mutation($input: AddCoverageInput!) { addCoverage(input: $input) { coverage { ${COVERAGE_FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateCoverageInput!) { updateCoverage(input: $input) { coverage { ${COVERAGE_FIELDS} } } }`;
const END = `mutation($input: EndCoverageInput!) { endCoverage(input: $input) { coverage { id endDate version } } }`;
const REORDER = `mutation($input: ReorderCoveragesInput!) { reorderCoverages(input: $input) { coverages { id order version } } }`;
const GET = `query($id: ID!) { coverage(id: $id) { ${COVERAGE_FIELDS} } }`;
const PATIENT_COVERAGES = `query($id: ID!, $asOf: LocalDate) { patient(id: $id) { id coverages(asOf: $asOf) { id order memberId } } }`;
const SEARCH_COVERAGES = `query($asOf: LocalDate) { patients(first: 50) { edges { node { id coverages(asOf: $asOf) { id order payer { name } } } } } }`;
const PAYERS = `query { payers { id name ediPayerId type } }`;
const ADD_PAYER = `mutation($input: AddPayerInput!) { addPayer(input: $input) { payer { id name ediPayerId type eligibilityRoute } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function setup() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const patient = await insertPatient(db, practiceId);
  const payer = await insertPayer(db, practiceId, { name: 'Acme Health' });
  const token = await server.token(practiceId, [Role.FRONT_DESK]);
  return { db, practiceId, patient, payer, token };
}

const coverageInput = (patientId: string, payerId: string, over: Record<string, unknown> = {}) => ({ patientId, payerId, memberId: 'w123456789', groupNumber: 'g-1', planName: 'Gold PPO', effectiveDate: '2026-01-01', copayOnCard: 2500, ...over });

describe('payers', () => {
  it('adds and lists payers of the practice only; duplicate EDI ids are refused', async () => {
    const { practiceId, token } = await setup();
    const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
    const res = await server.gql(admin, ADD_PAYER, { input: { name: 'Blue Example', ediPayerId: 'bx001', type: 'COMMERCIAL' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.addPayer.payer).toMatchObject({ ediPayerId: 'BX001', eligibilityRoute: 'DEFAULT' });
    const dup = await server.gql(admin, ADD_PAYER, { input: { name: 'Again', ediPayerId: 'BX001', type: 'COMMERCIAL' } });
    expect(dup.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.ediPayerId' }] });
    const list = await server.gql(token, PAYERS);
    expect(list.data!.payers.map((p: { name: string }) => p.name)).toEqual(['Acme Health', 'Blue Example']);
    const frontDesk = await server.gql(token, ADD_PAYER, { input: { name: 'X', ediPayerId: 'X1', type: 'OTHER' } });
    expect(frontDesk.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });
});

describe('coverages', () => {
  it('adds a coverage, audits the write and the read, keeps member ids out of errors', async () => {
    const { db, patient, payer, token } = await setup();
    const res = await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id) });
    expect(res.errors).toBeUndefined();
    const c = res.data!.addCoverage.coverage;
    expect(c).toMatchObject({ memberId: 'W123456789', groupNumber: 'G-1', order: 'PRIMARY', subscriberRelationship: 'SELF', subscriber: null, copayOnCard: 2500, status: 'ACTIVE', version: 1, payer: { name: 'Acme Health' } });
    const read = await server.gql(token, GET, { id: c.id });
    expect(read.data!.coverage.id).toBe(c.id);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.entityId, c.id));
    expect(events.map((e) => e.action).sort()).toEqual(['CREATE', 'READ', 'READ']);
    expect(events.every((e) => e.patientId === patient.id)).toBe(true);
  });

  it('requires subscriber details for a dependent and refuses them for SELF', async () => {
    const { patient, payer, token } = await setup();
    const missing = await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { subscriberRelationship: 'CHILD' }) });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.subscriber' }] });
    const subscriber = { name: { given: 'Parent', family: 'Testfamily' }, dateOfBirth: '1970-02-03', sex: 'MALE' };
    const ok = await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id, { subscriberRelationship: 'CHILD', subscriber }) });
    expect(ok.data!.addCoverage.coverage.subscriber).toEqual({ name: { given: 'Parent', family: 'Testfamily' }, dateOfBirth: '1970-02-03', sex: 'MALE' });
  });

  it('rejects malformed member ids and bad dates without touching the database', async () => {
    const { db, patient, payer, token } = await setup();
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
    const { db, patient, payer, token } = await setup();
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
    const { db, patient, payer, token } = await setup();
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
    const { patient, payer, token } = await setup();
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
    const { db, practiceId, payer, token } = await setup();
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

  it('treats another practice’s coverage, patient or payer as missing', async () => {
    const mine = await setup();
    const other = await setup();
    const c = (await server.gql(other.token, ADD, { input: coverageInput(other.patient.id, other.payer.id) })).data!.addCoverage.coverage;
    expect((await server.gql(mine.token, GET, { id: c.id })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.token, UPDATE, { input: { id: c.id, expectedVersion: 1, planName: 'x' } })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.token, ADD, { input: coverageInput(other.patient.id, mine.payer.id) })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(mine.token, ADD, { input: coverageInput(mine.patient.id, other.payer.id) })).errors![0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('enforces roles: ANALYST cannot read, CLINICIAN cannot write', async () => {
    const { practiceId, patient, payer, token } = await setup();
    const c = (await server.gql(token, ADD, { input: coverageInput(patient.id, payer.id) })).data!.addCoverage.coverage;
    const analyst = await server.token(practiceId, [Role.ANALYST]);
    expect((await server.gql(analyst, GET, { id: c.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    const clinician = await server.token(practiceId, [Role.CLINICIAN]);
    expect((await server.gql(clinician, GET, { id: c.id })).errors).toBeUndefined();
    expect((await server.gql(clinician, ADD, { input: coverageInput(patient.id, payer.id, { order: 'TERTIARY' }) })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await server.gql(null, GET, { id: c.id })).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});
