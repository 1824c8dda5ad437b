import type { buildPatientSummary } from '../../../server/src/modules/fhir/patient-summary.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { fhirProblems } from '../../../server/src/modules/fhir/fhir-validator.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { insertCoverage } from '../../factories/loops.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const SUMMARY = 'query($p: ID!) { patientSummary(patientId: $p) }';

describe('patientSummary: a FHIR R4 Bundle for a transfer of care', () => {
  it('holds the patient, coverage, appointment, lab observations and documents, and passes the R4 validator', async () => {
    const db = server.database.db;
    const { practiceId, provider, location, type } = await officeWithProvider(db);
    const patient = await insertPatient(db, practiceId);
    const payer = await insertPayer(db, practiceId);
    await insertCoverage(db, practiceId, patient.id, payer.id);
    await insertAppointment(db, practiceId, { patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id }, new Date('2026-11-20T15:00:00Z'), { status: 'COMPLETED' });
    const doc = await server.token(practiceId, [Role.CLINICIAN]);
    const upload = await fetch(server.url.replace('/graphql', `/documents?${new URLSearchParams({ patientId: patient.id, type: 'LAB_REPORT', documentDate: '2026-11-21', title: 'Outside lab' })}`), { method: 'POST', headers: { authorization: `Bearer ${doc}`, 'content-type': 'text/plain' }, body: 'Outside lab report (synthetic)\n' });
    expect(upload.status).toBe(201);
    const lab = await partnerToken(server, practiceId, [Scope.RESULTS_WRITE]);
    const oru = ['MSH|^~\\&|LAB|ACME|EHR|OFFICE|20261201093000||ORU^R01|SUM-1|P|2.5', `PID|1||${patient.mrn}^^^O^MR||${patient.familyName}^${patient.givenName}||19750101|M`, 'OBR|1||F-S|2093-3^Cholesterol^LN|||20261201080000|||||||||||||||20261201092000|||F', 'OBX|1|NM|2093-3^Cholesterol^LN||245|mg/dL|<200|H|||F', 'OBX|2|ST|8251-1^Service comment^LN||Fasting sample|||N|||F'].join('\r');
    expect((await fetch(server.url.replace('/graphql', '/results/hl7'), { method: 'POST', headers: { authorization: `Bearer ${lab.token}` }, body: oru })).status).toBe(200);

    const res = await server.gql(doc, SUMMARY, { p: patient.id });
    const bundle = JSON.parse(res.data!.patientSummary) as ReturnType<typeof buildPatientSummary>;
    expect(fhirProblems(bundle)).toEqual([]);
    expect(bundle.entry!.map((e) => e.resource!.resourceType).sort()).toEqual(['Appointment', 'Coverage', 'DocumentReference', 'Observation', 'Observation', 'Patient']);
    const obs = bundle.entry!.filter((e) => e.resource!.resourceType === 'Observation').map((e) => e.resource as { valueQuantity?: { value: number }; valueString?: string; interpretation?: unknown });
    expect(obs.map((o) => o.valueQuantity?.value ?? o.valueString)).toEqual([245, 'Fasting sample']);
    expect(bundle.entry!.find((e) => e.resource!.resourceType === 'Appointment')!.resource).toMatchObject({ status: 'fulfilled' });
    expect(res.extensions!.stats!.sqlStatements).toBeLessThanOrEqual(7);
    expect(await auditEntries(db, { practiceId, entityType: 'PatientSummary', action: 'EXPORT' })).toHaveLength(1);

    // The validator is a real judge: a broken bundle fails it.
    const broken = structuredClone(bundle);
    (broken.entry![0]!.resource as { birthDate: string }).birthDate = '1975-13-40';
    delete (broken.entry!.find((e) => e.resource!.resourceType === 'Coverage')!.resource as { beneficiary?: unknown }).beneficiary;
    expect(fhirProblems(broken).map((p) => p.path)).toEqual(expect.arrayContaining(['Bundle.entry[0].resource.birthDate', 'Bundle.entry[1].resource.beneficiary']));

    for (const role of [Role.FRONT_DESK, Role.BILLER, Role.ANALYST]) expect((await server.gql(await server.token(practiceId, [role]), SUMMARY, { p: patient.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    const stranger = await server.token((await officeWithProvider(db)).practiceId, [Role.CLINICIAN]);
    expect((await server.gql(stranger, SUMMARY, { p: patient.id })).errors![0]!.extensions.code).toBe('NOT_FOUND');
  });
});
