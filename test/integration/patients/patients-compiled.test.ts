import { beforeAll, describe, expect, it } from 'vitest';
import { coverages } from '../../../server/src/db/schema/insurance.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The patients page is read by the selection compiler (one statement, coverages included); `patient(id)`
// still maps rows and loads coverages. Both must answer the same.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const ADDRESS = 'address { line1 line2 city state postalCode country }';
const COVERAGE = `id patientId payerId planName memberId groupNumber subscriberRelationship
  subscriber { name { given middle family } dateOfBirth sex ${ADDRESS} } order effectiveDate endDate copayOnCard status version createdAt updatedAt payer { id name }`;
const EVERY_FIELD = `id mrn legalName { given middle family } preferredName dateOfBirth sexAtBirth genderIdentity
  phones { kind number primary } email ${ADDRESS} preferredLanguage emergencyContacts { name relationship phone }
  consents { sms email voicemail portal } status notes version createdAt updatedAt
  all: coverages { ${COVERAGE} }`;
const page = (fields: string) => `query PatientsPage${fields.includes('$asOf') ? '($asOf: LocalDate)' : ''} { patients(first: 50) { totalCount edges { cursor node { ${fields} } } } }`;
const one = (fields: string) => `query OldPath($id: ID!${fields.includes('$asOf') ? ', $asOf: LocalDate' : ''}) { patient(id: $id) { ${fields} } }`;

/** `n` patients; every patient has a primary coverage, every other one an ended secondary with a subscriber, every third a cancelled one. */
async function world(n: number) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const payer = await insertPayer(db, practiceId, { name: 'Synthetic Health' });
  for (let i = 0; i < n; i++) {
    const p = await insertPatient(db, practiceId, { familyName: `Compiledfamily${String(i).padStart(2, '0')}`, middleName: i % 2 ? 'M' : null, notes: i % 3 ? null : 'synthetic note', emergencyContacts: [{ name: 'Synthetic Contact', relationship: 'friend', phone: '+12125550111' }] });
    await db.insert(coverages).values({ practiceId, patientId: p.id, payerId: payer.id, memberId: `W${i}`, subscriberRelationship: 'SELF', coverageOrder: 'PRIMARY', effectiveDate: '2025-01-01', copayCents: 2_500, planName: i % 2 ? 'Gold' : null });
    if (i % 2 === 0) {
      await db.insert(coverages).values({
        practiceId, patientId: p.id, payerId: payer.id, memberId: `S${i}`, subscriberRelationship: 'SPOUSE', coverageOrder: 'SECONDARY', effectiveDate: '2024-01-01', endDate: '2025-06-30',
        subscriber: { given: 'Sub', middle: i % 4 ? 'X' : undefined, family: 'Scriber', dateOfBirth: '1970-01-02', sex: 'FEMALE', address: i % 4 ? { line1: '2 Synthetic Rd', city: 'Albany', state: 'NY', postalCode: '12207', country: 'US' } : undefined },
      } as typeof coverages.$inferInsert);
    }
    if (i % 3 === 0) await db.insert(coverages).values({ practiceId, patientId: p.id, payerId: payer.id, memberId: `C${i}`, subscriberRelationship: 'SELF', coverageOrder: 'TERTIARY', effectiveDate: '2025-01-01', status: 'CANCELLED' });
  }
  const token = await server.token(practiceId, [Role.FRONT_DESK]);
  // Authentication looks a new practice up once and remembers it; count the steady state.
  await server.gql(token, '{ __typename }');
  return { practiceId, token };
}

type Node = Record<string, any> & { id: string };

describe('the compiled patients page', () => {
  it('answers every field, coverages with and without asOf, exactly as patient(id) does', async () => {
    const { token } = await world(6);
    const fields = `${EVERY_FIELD} today: coverages(asOf: $asOf) { id order memberId }`;
    const res = await server.gql(token, page(fields), { asOf: '2025-03-01' });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.patients.edges.map((e: { node: Node }) => e.node) as Node[];
    expect(nodes).toHaveLength(6);
    for (const node of nodes) {
      const old = await server.gql(token, one(fields), { id: node.id, asOf: '2025-03-01' });
      expect(old.errors).toBeUndefined();
      expect(node).toEqual(old.data!.patient);
    }
    // Every coverage ever recorded, in COB order; as of a date, only the ACTIVE ones covering it.
    expect(nodes[0]!.all.map((c: Node) => c.order)).toEqual(['PRIMARY', 'SECONDARY', 'TERTIARY']);
    expect(nodes[0]!.today.map((c: Node) => c.order)).toEqual(['PRIMARY', 'SECONDARY']);
    expect(nodes[0]!.all[1].subscriber).toMatchObject({ name: { given: 'Sub', middle: null, family: 'Scriber' }, address: null });
  });

  it('the same field with two different arguments (under aliases) is left to the loader, and both answers are right', async () => {
    const { token } = await world(3);
    const res = await server.gql(token, page('id a: coverages { id } b: coverages(asOf: $asOf) { id }'), { asOf: '2026-01-01' });
    expect(res.errors).toBeUndefined();
    // The page + the coverage loader (one statement per distinct date) + the audit flush.
    expect(res.extensions?.stats?.sqlStatements).toBe(4);
    const node = res.data!.patients.edges[0].node;
    expect(node).toEqual((await server.gql(token, one('id a: coverages { id } b: coverages(asOf: $asOf) { id }'), { id: node.id, asOf: '2026-01-01' })).data!.patient);
    expect(node.a.length).toBeGreaterThan(node.b.length);
  });

  it('5 and 50 patients with coverages: one statement plus the audit flush, every patient and coverage audited in order', async () => {
    for (const n of [5, 50]) {
      const { practiceId, token } = await world(n);
      const res = await server.gql(token, page('id mrn legalName { given family } dateOfBirth coverages { id order memberId payerId }'));
      expect(res.errors).toBeUndefined();
      expect(res.data!.patients.edges).toHaveLength(n);
      expect(res.extensions?.stats?.sqlStatements, `${n} patients`).toBe(2);
      const nodes = res.data!.patients.edges.map((e: { node: Node }) => e.node) as Node[];
      const reads = (await auditEntries(server.database.db, { practiceId, action: 'READ' })).filter((e) => e.operationName === 'PatientsPage');
      expect(reads.map((e) => [e.entityType, e.entityId, e.patientId])).toEqual([
        ['PatientSearch', 'all', null],
        ...nodes.map((p) => ['Patient', p.id, p.id]),
        ...nodes.flatMap((p) => p.coverages.map((c: Node) => ['Coverage', c.id, p.id])),
      ]);
    }
  });

  it('role rules run on the tree: a demographics partner gets the patients, FORBIDDEN on notes and coverages, and no coverage read is recorded', async () => {
    const { practiceId } = await world(3);
    const partner = (await partnerToken(server, practiceId, [Scope.PATIENTS_READ_DEMOGRAPHICS])).token;
    const res = await server.gql(partner, page('id mrn notes'));
    expect(res.data!.patients.edges).toHaveLength(3);
    expect(res.data!.patients.edges.every((e: { node: Node }) => e.node.mrn && e.node.notes === null)).toBe(true);
    expect(new Set(res.errors!.map((e) => `${e.extensions.code}:${e.path?.at(-1)}`))).toEqual(new Set(['FORBIDDEN:notes']));
    // Patient.coverages and the page are non-null: the refusal nulls the whole answer, as before the compiler.
    const refused = await server.gql(partner, page('id coverages { id }'));
    expect(refused.data).toBeNull();
    expect(refused.errors!.every((e) => e.extensions.code === 'FORBIDDEN' && e.path?.at(-1) === 'coverages')).toBe(true);
    const reads = (await auditEntries(server.database.db, { practiceId, action: 'READ' })).filter((e) => e.operationName === 'PatientsPage');
    expect(reads.filter((e) => e.entityType === 'Coverage')).toEqual([]);
  });

  it('pages forward and backward by name order and by a ranked name search, as the uncompiled path did', async () => {
    const { token } = await world(9);
    for (const search of [null, { name: 'compiledfamily' }]) {
      const all = (await server.gql(token, `query($s: PatientSearchInput) { patients(first: 50, search: $s) { edges { node { id } } } }`, { s: search })).data!.patients.edges.map((e: { node: Node }) => e.node.id);
      expect(all).toHaveLength(9);
      const forward: string[] = [];
      let after: string | null = null;
      for (;;) {
        const p: any = (await server.gql(token, `query($s: PatientSearchInput, $a: String) { patients(first: 4, after: $a, search: $s) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { s: search, a: after })).data!.patients;
        forward.push(...p.edges.map((e: { node: Node }) => e.node.id));
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor;
      }
      expect(forward).toEqual(all);
      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        const p: any = (await server.gql(token, `query($s: PatientSearchInput, $b: String) { patients(last: 4, before: $b, search: $s) { pageInfo { hasPreviousPage startCursor } edges { node { id } } } }`, { s: search, b: before })).data!.patients;
        backward.unshift(...p.edges.map((e: { node: Node }) => e.node.id));
        if (!p.pageInfo.hasPreviousPage) break;
        before = p.pageInfo.startCursor;
      }
      expect(backward).toEqual(all);
    }
  });
});
