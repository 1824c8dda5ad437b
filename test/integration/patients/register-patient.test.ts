import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { patients } from '../../../server/src/db/schema/patients.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { auditCount, patientSnapshot, REGISTER, registerOk } from '../../helpers/patient-ops.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('registerPatient', () => {
  it('numbers MRNs sequentially within each practice', async () => {
    const a = await createPractice(server.database.db);
    const b = await createPractice(server.database.db);
    const tokenA = await server.token(a, [Role.FRONT_DESK]);
    const tokenB = await server.token(b, [Role.FRONT_DESK]);
    const res = await server.gql(tokenA, REGISTER, { input: patientInput() });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerPatient).toMatchObject({ patient: { mrn: 'M0000001', version: 1, status: 'ACTIVE' }, likelyDuplicates: [] });
    expect((await registerOk(server, tokenA, patientInput())).mrn).toBe('M0000002');
    // Another practice has its own sequence.
    expect((await registerOk(server, tokenB, patientInput())).mrn).toBe('M0000001');
    expect((await registerOk(server, tokenA, patientInput())).mrn).toBe('M0000003');
  });

  it('gives 20 concurrent registrations 20 distinct MRNs M0000001..M0000020', async () => {
    const practiceId = await createPractice(server.database.db);
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const results = await Promise.all(Array.from({ length: 20 }, () => server.gql(token, REGISTER, { input: patientInput() })));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const stored = await server.database.db.select({ mrn: patients.mrn }).from(patients).where(eq(patients.practiceId, practiceId));
    const expected = Array.from({ length: 20 }, (_, i) => `M${String(i + 1).padStart(7, '0')}`);
    expect(stored.map((r) => r.mrn).sort()).toEqual(expected);
    expect(results.map((r) => r.data!.registerPatient.patient.mrn).sort()).toEqual(expected);
  });

  it('returns likely duplicates (similar name, same DOB) instead of registering, until confirmed', async () => {
    const practiceId = await createPractice(server.database.db);
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const first = await registerOk(server, token, patientInput({ legalName: { given: 'Jonathan', family: 'Smith' }, dateOfBirth: '1961-07-04' }));
    const before = await patientSnapshot(server.database.db, practiceId);
    const auditsBefore = await auditCount(server.database.db, practiceId);

    const again = await server.gql(token, REGISTER, { input: patientInput({ legalName: { given: 'Jonathon', family: 'Smith' }, dateOfBirth: '1961-07-04' }) });
    expect(again.errors).toBeUndefined();
    expect(again.data!.registerPatient).toEqual({ patient: null, likelyDuplicates: [{ id: first.id }] });
    expect(await patientSnapshot(server.database.db, practiceId)).toEqual(before);
    // Showing the duplicate is a read of that patient.
    expect(await auditCount(server.database.db, practiceId)).toBe(auditsBefore + 1);

    const confirmed = await server.gql(token, REGISTER, {
      input: patientInput({ legalName: { given: 'Jonathon', family: 'Smith' }, dateOfBirth: '1961-07-04', confirmNotDuplicate: true }),
    });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.registerPatient.patient.mrn).toBe('M0000002');
    expect(confirmed.data!.registerPatient.likelyDuplicates).toEqual([{ id: first.id }]);
    expect(await patientSnapshot(server.database.db, practiceId)).toHaveLength(2);
  });

  it('does not flag a similar name with another DOB, or the same DOB with another name', async () => {
    const practiceId = await createPractice(server.database.db);
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    await registerOk(server, token, patientInput({ legalName: { given: 'Maria', family: 'Garcia' }, dateOfBirth: '1990-01-01' }));
    await registerOk(server, token, patientInput({ legalName: { given: 'Maria', family: 'Garcia' }, dateOfBirth: '1990-01-02' }));
    await registerOk(server, token, patientInput({ legalName: { given: 'Wei', family: 'Zhang' }, dateOfBirth: '1990-01-01' }));
    expect(await patientSnapshot(server.database.db, practiceId)).toHaveLength(3);
  });

  it('detects a duplicate even when both registrations race', async () => {
    const practiceId = await createPractice(server.database.db);
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const input = patientInput({ legalName: { given: 'Racey', family: 'Twinregistration' }, dateOfBirth: '1970-03-03' });
    const results = await Promise.all([server.gql(token, REGISTER, { input }), server.gql(token, REGISTER, { input })]);
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(results.filter((r) => r.data!.registerPatient.patient !== null)).toHaveLength(1);
    expect(await patientSnapshot(server.database.db, practiceId)).toHaveLength(1);
  });
});
