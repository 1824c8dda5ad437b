import { sql as dsql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBenchCoverages, PATIENTS_QUERY, patientCursor, patientsFloor } from '../../../bench/patients-bench.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The benchmark's patients floor (one json_agg statement, postgres.js) must answer exactly what the API answers.
describe.skipIf(!process.env.TEST_DATABASE_URL)('patients page: bench floor and bench data', () => {
  let server: TestServer;
  let sql: postgres.Sql;
  beforeAll(async () => {
    server = await startTestServer();
    const rows = (await server.database.db.execute(dsql`select current_database() as name`)) as unknown as { name: string }[];
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.name}`;
    sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  });
  afterAll(() => sql?.end());

  it('the floor equals the API on the bench coverages, first page and after a cursor, and the API page is 2 statements', async () => {
    const practiceId = await createPractice(server.database.db);
    const patients = [];
    for (let i = 0; i < 60; i++) patients.push(await insertPatient(server.database.db, practiceId, { familyName: `Floorfamily${String(i % 20).padStart(2, '0')}`, mrn: `B${String(i).padStart(7, '0')}` }));
    const coverages = await ensureBenchCoverages(sql, practiceId);
    expect(coverages).toBe(60 + 18);
    expect(await ensureBenchCoverages(sql, practiceId)).toBe(coverages);
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    await server.gql(token, '{ __typename }');
    const sorted = [...patients].sort((a, b) => (a.familyName + a.givenName + a.id < b.familyName + b.givenName + b.id ? -1 : 1));
    for (const after of [null, patientCursor([sorted[4]!.familyName, sorted[4]!.givenName, sorted[4]!.id])]) {
      const api = await server.gql(token, PATIENTS_QUERY, { after });
      expect(api.errors).toBeUndefined();
      expect(api.extensions?.stats?.sqlStatements).toBe(2);
      const floor = JSON.parse(await patientsFloor(sql, practiceId, after));
      expect(floor.data.patients.edges).toHaveLength(50);
      expect(floor).toEqual({ data: api.data });
    }
  });
});
