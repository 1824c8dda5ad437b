import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { labMessages, labResults } from '../../../server/src/db/schema/results.js';
import { tasks } from '../../../server/src/db/schema/tasks.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const RESULT = '{ id version patientId orderId orderingProviderId status revision current interpretation supersedesId matchedBy reviewedBy reviewedAt releasedAt observations { code value units referenceRange abnormalFlag interpretation status } }';

async function office() {
  const db = server.database.db;
  const { practiceId, provider } = await officeWithProvider(db);
  const patient = await insertPatient(db, practiceId, { givenName: 'Alphaone', familyName: 'Resultson', dateOfBirth: '1980-01-02' });
  const lab = await partnerToken(server, practiceId, [Scope.RESULTS_WRITE]);
  const doc = await server.token(practiceId, [Role.CLINICIAN], 'doc-1');
  return { db, practiceId, provider, patient, lab: lab.token, doc, desk: await server.token(practiceId, [Role.FRONT_DESK]) };
}

function oru(o: { control: string; mrn: string; name?: string; dob?: string; placer?: string; filler?: string; status?: string; flag?: string; value?: string; npi?: string }) {
  return [
    `MSH|^~\\&|LABSYS|ACME LAB|EHR|OFFICE|20261201093000-0500||ORU^R01^ORU_R01|${o.control}|P|2.5.1`,
    `PID|1||${o.mrn}^^^OFFICE^MR||${o.name ?? 'Resultson^Alphaone'}||${o.dob ?? '19800102'}|F`,
    `ORC|RE|${o.placer ?? ''}|${o.filler ?? 'F-1'}|||||||||${o.npi ?? ''}^Doc^Test^^^^^^NPI`,
    `OBR|1|${o.placer ?? ''}|${o.filler ?? 'F-1'}|24323-8^Comprehensive metabolic panel^LN|||20261201080000-0500|||||||||||||||20261201092000-0500|||${o.status ?? 'F'}`,
    `OBX|1|NM|2345-7^Glucose^LN||${o.value ?? '250'}|mg/dL|70-99|${o.flag ?? 'HH'}|||${o.status ?? 'F'}|||20261201090000-0500`,
    `OBX|2|NM|2951-2^Sodium^LN||140|mmol/L|136-145|N|||${o.status ?? 'F'}|||20261201090000-0500`,
  ].join('\r');
}

const post = (path: 'hl7' | 'fhir', token: string, body: string) =>
  fetch(server.url.replace('/graphql', `/results/${path}`), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': path === 'hl7' ? 'application/hl7-v2' : 'application/fhir+json' }, body });

/** The nodes of a connection. */
const nodes = (c: { edges: { node: any }[] }): any[] => c.edges.map((e) => e.node);

const segments = (ack: string) => ack.split('\r').filter(Boolean).map((s) => s.split('|'));

describe('lab results over the lab interface', () => {
  it('stores an ORU once, acknowledges it (again on a resend), matches patient and order, and opens an urgent review task', async () => {
    const { db, practiceId, provider, patient, lab, doc } = await office();
    const order = (await server.gql(doc, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { order { id } } }', { i: { patientId: patient.id, orderingProviderId: provider.id, kind: 'LAB', codes: ['2345-7'] } })).data!.placeOrder.order;
    const msg = oru({ control: 'CTL-1', mrn: patient.mrn, placer: order.id });
    const res = await post('hl7', lab, msg);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/hl7-v2/);
    const ack = segments(await res.text());
    expect(ack[0]!.slice(0, 9)).toEqual(['MSH', '^~\\&', 'EHR', 'OFFICE', 'LABSYS', 'ACME LAB', expect.stringMatching(/^\d{14}\+0000$/), '', 'ACK^R01^ACK']);
    expect(ack[1]).toEqual(['MSA', 'AA', 'CTL-1', 'Message accepted']);
    const messageId = res.headers.get('x-lab-message-id');

    const [stored] = await db.select().from(labResults).where(eq(labResults.practiceId, practiceId));
    expect(stored).toMatchObject({ patientId: patient.id, orderId: order.id, orderingProviderId: provider.id, matchedBy: 'MRN', interpretation: 'CRITICAL', status: 'FINAL', revision: 1 });
    const o = (await server.gql(doc, 'query($id: ID!) { order(id: $id) { status tasks { sourceKey } } }', { id: order.id })).data!.order;
    expect(o.status).toBe('RESULTED');
    const [task] = await db.select().from(tasks).where(and(eq(tasks.practiceId, practiceId), eq(tasks.aboutType, 'RESULT')));
    expect(task).toMatchObject({ aboutId: stored!.id, queueRole: 'CLINICIAN', priority: 'URGENT', status: 'OPEN', patientId: patient.id });

    // The same message again: acknowledged AA with the same control id, stored once.
    const again = await post('hl7', lab, msg);
    expect(again.status).toBe(200);
    expect(segments(await again.text())[1]!.slice(0, 3)).toEqual(['MSA', 'AA', 'CTL-1']);
    expect(again.headers.get('x-lab-message-id')).toBe(messageId);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(labResults).where(eq(labResults.practiceId, practiceId)))[0]!.n).toBe(1);

    // The clinician reads it with its values in a fixed number of statements.
    const read = await server.gql(doc, `query($p: ID!) { labResults(patientId: $p) { edges { node ${RESULT} } } }`, { p: patient.id });
    expect(nodes(read.data!.labResults)[0].observations).toEqual([
      { code: '2345-7', value: '250', units: 'mg/dL', referenceRange: '70-99', abnormalFlag: 'HH', interpretation: 'CRITICAL', status: 'FINAL' },
      { code: '2951-2', value: '140', units: 'mmol/L', referenceRange: '136-145', abnormalFlag: 'N', interpretation: 'NORMAL', status: 'FINAL' },
    ]);
    expect(read.extensions!.stats!.sqlStatements).toBeLessThanOrEqual(4);
  });

  it('refuses a malformed message with ACK AE naming the segment and field, and stores nothing', async () => {
    const { db, practiceId, patient, lab } = await office();
    const res = await post('hl7', lab, oru({ control: 'BAD-1', mrn: patient.mrn, flag: 'QQ' }));
    expect(res.status).toBe(400);
    const ack = segments(await res.text());
    expect(ack[1]!.slice(0, 2)).toEqual(['MSA', 'AE']);
    expect(ack[1]![2]).toBe('BAD-1');
    expect(ack[2]!.slice(0, 4)).toEqual(['ERR', '', 'OBX^1^8', '102^Data type error^HL70357']);
    const wrongType = await post('hl7', lab, oru({ control: 'BAD-2', mrn: patient.mrn }).replace('ORU^R01^ORU_R01', 'ADT^A01'));
    expect(segments(await wrongType.text())[1]!.slice(0, 3)).toEqual(['MSA', 'AR', 'BAD-2']);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(labMessages).where(eq(labMessages.practiceId, practiceId)))[0]!.n).toBe(0);
  });

  it('keeps a corrected report as a new version beside the old one', async () => {
    const { patient, lab, doc } = await office();
    expect((await post('hl7', lab, oru({ control: 'V-1', mrn: patient.mrn, filler: 'F-9', flag: 'N', value: '90' }))).status).toBe(200);
    expect((await post('hl7', lab, oru({ control: 'V-2', mrn: patient.mrn, filler: 'F-9', status: 'C', flag: 'H', value: '120' }))).status).toBe(200);
    const all = nodes((await server.gql(doc, `query($p: ID!) { labResults(patientId: $p, includeHistory: true) { edges { node ${RESULT} } } }`, { p: patient.id })).data!.labResults);
    expect(all.map((r: { revision: number; status: string; current: boolean }) => [r.revision, r.status, r.current])).toEqual([[2, 'CORRECTED', true], [1, 'FINAL', false]]);
    expect(all[0].supersedesId).toBe(all[1].id);
    expect(all[1].observations[0].value).toBe('90');
    const current = nodes((await server.gql(doc, `query($p: ID!) { labResults(patientId: $p) { edges { node ${RESULT} } } }`, { p: patient.id })).data!.labResults);
    expect(current.map((r: { revision: number }) => r.revision)).toEqual([2]);
  });

  it('puts an unmatched result in the queue; matching it by hand opens its review task; review then release', async () => {
    const { db, practiceId, patient, lab, doc } = await office();
    await post('hl7', lab, oru({ control: 'U-1', mrn: 'NOPE-1', name: 'Nobody^Known', dob: '19500505', flag: 'H' }));
    // Name + DOB close to a registered patient matches without the MRN.
    await post('hl7', lab, oru({ control: 'U-2', mrn: 'OTHER-9', name: 'Resultson^Alphaone', dob: '19800102', filler: 'F-2', flag: 'N' }));
    const queue = nodes((await server.gql(doc, `{ unmatchedResults { edges { node ${RESULT.replace('{ id', '{ id sentPatient { mrn familyName }')} } } }`)).data!.unmatchedResults);
    expect(queue.map((r: { sentPatient: { mrn: string } }) => r.sentPatient.mrn)).toEqual(['NOPE-1']);
    const byName = (await db.select().from(labResults).where(and(eq(labResults.practiceId, practiceId), eq(labResults.fillerOrderNumber, 'F-2'))))[0]!;
    expect(byName).toMatchObject({ patientId: patient.id, matchedBy: 'NAME_DOB' });
    expect((await db.select().from(tasks).where(eq(tasks.practiceId, practiceId))).length).toBe(0);

    const matched = (await server.gql(doc, `mutation($i: MatchResultInput!) { matchResult(input: $i) ${RESULT} }`, { i: { id: queue[0].id, patientId: patient.id, expectedVersion: queue[0].version } })).data!.matchResult;
    expect(matched).toMatchObject({ patientId: patient.id, matchedBy: 'STAFF' });
    const [task] = await db.select().from(tasks).where(and(eq(tasks.practiceId, practiceId), eq(tasks.aboutId, matched.id)));
    expect(task).toMatchObject({ priority: 'HIGH', status: 'OPEN' });

    const early = await server.gql(doc, `mutation($i: ResultVersionInput!) { releaseResult(input: $i) { id } }`, { i: { id: matched.id, expectedVersion: matched.version } });
    expect(early.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
    expect((await server.gql(admin, `mutation($i: ResultVersionInput!) { reviewResult(input: $i) { id } }`, { i: { id: matched.id, expectedVersion: matched.version } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    const reviewed = (await server.gql(doc, `mutation($i: ResultVersionInput!) { reviewResult(input: $i) ${RESULT} }`, { i: { id: matched.id, expectedVersion: matched.version } })).data!.reviewResult;
    expect(reviewed.reviewedBy).toBe('doc-1');
    expect((await db.select().from(tasks).where(eq(tasks.id, task!.id)))[0]!.status).toBe('DONE');
    const released = (await server.gql(admin, `mutation($i: ResultVersionInput!) { releaseResult(input: $i) ${RESULT} }`, { i: { id: reviewed.id, expectedVersion: reviewed.version } })).data!.releaseResult;
    expect(released.releasedAt).not.toBeNull();
  });

  it('takes a FHIR R4 bundle, and refuses one that breaks the R4 rules naming the element', async () => {
    const { db, practiceId, patient, lab, doc } = await office();
    const bundle = (status: string) => ({
      resourceType: 'Bundle',
      type: 'collection',
      identifier: { system: 'urn:lab:acme', value: `B-${status}` },
      entry: [
        { fullUrl: 'urn:uuid:0b0d3b8e-0000-4000-8000-000000000001', resource: { resourceType: 'Patient', identifier: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: patient.mrn }], name: [{ family: 'Resultson', given: ['Alphaone'] }], birthDate: '1980-01-02' } },
        { fullUrl: 'urn:uuid:0b0d3b8e-0000-4000-8000-000000000002', resource: { resourceType: 'DiagnosticReport', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] }, subject: { reference: 'urn:uuid:0b0d3b8e-0000-4000-8000-000000000001' }, identifier: [{ value: 'FH-1' }], issued: '2026-12-01T14:00:00Z', result: [{ reference: 'urn:uuid:0b0d3b8e-0000-4000-8000-000000000003' }] } },
        { fullUrl: 'urn:uuid:0b0d3b8e-0000-4000-8000-000000000003', resource: { resourceType: 'Observation', status, code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] }, valueQuantity: { value: 9.1, unit: '%' }, referenceRange: [{ low: { value: 4, unit: '%' }, high: { value: 5.6, unit: '%' } }], interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' }] }] } },
      ],
    });
    const ok = await post('fhir', lab, JSON.stringify(bundle('final')));
    expect(ok.status).toBe(201);
    const [r] = nodes((await server.gql(doc, `query($p: ID!) { labResults(patientId: $p) { edges { node ${RESULT} } } }`, { p: patient.id })).data!.labResults);
    expect(r).toMatchObject({ status: 'FINAL', interpretation: 'ABNORMAL', matchedBy: 'MRN', observations: [{ code: '4548-4', value: '9.1', units: '%', referenceRange: '4-5.6 %', abnormalFlag: 'H' }] });
    expect((await post('fhir', lab, JSON.stringify(bundle('final')))).status).toBe(200);

    const bad = await post('fhir', lab, JSON.stringify(bundle('done')));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', expression: ['Bundle.entry[2].resource.status'] }] });
    const wrongShape = bundle('final');
    (wrongShape.entry[2]!.resource as Record<string, unknown>).valueQuantity = { value: 'high' };
    const shapeOut = await (await post('fhir', lab, JSON.stringify(wrongShape))).json();
    expect(shapeOut.issue.map((i: { expression: string[] }) => i.expression[0])).toContain('Bundle.entry[2].resource.value[x].value');
    expect(JSON.stringify(shapeOut)).not.toContain('high');
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(labMessages).where(eq(labMessages.practiceId, practiceId)))[0]!.n).toBe(1);
  });

  it('roles: the front desk sees only that a result arrived; the lab credential only posts; staff tokens cannot post; other practices see nothing', async () => {
    const { patient, lab, doc, desk, practiceId } = await office();
    await post('hl7', lab, oru({ control: 'R-1', mrn: patient.mrn }));
    const [r] = nodes((await server.gql(doc, `query($p: ID!) { labResults(patientId: $p) { edges { node { id } } } }`, { p: patient.id })).data!.labResults);
    expect(nodes((await server.gql(desk, `query($p: ID!) { resultNotices(patientId: $p) { edges { node { id reviewed released } } } }`, { p: patient.id })).data!.resultNotices)).toEqual([{ id: r.id, reviewed: false, released: false }]);
    expect((await server.gql(desk, `query($id: ID!) { labResult(id: $id) { id } }`, { id: r.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    for (const role of [Role.ANALYST, Role.BILLER]) expect((await server.gql(await server.token(practiceId, [role]), `query($p: ID!) { resultNotices(patientId: $p) { totalCount } }`, { p: patient.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await server.gql(lab, `query($p: ID!) { patient(id: $p) { id } }`, { p: patient.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await server.gql(lab, '{ providers(first: 1) { totalCount } }')).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await post('hl7', doc, oru({ control: 'R-2', mrn: patient.mrn }))).status).toBe(403);
    const other = await officeWithProvider(server.database.db);
    const stranger = await server.token(other.practiceId, [Role.CLINICIAN]);
    expect((await server.gql(stranger, `query($id: ID!) { labResult(id: $id) { id } }`, { id: r.id })).errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(stranger, `query($p: ID!) { labResults(patientId: $p) { totalCount } }`, { p: patient.id })).errors![0]!.extensions.code).toBe('NOT_FOUND');
  });
});
