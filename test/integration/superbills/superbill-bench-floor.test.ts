import { sql as dsql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBenchSuperbills, SUPERBILLS_QUERY, superbillsFloor } from '../../../bench/superbills-bench.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertAppointment } from '../../factories/appointment.factory.js';
import { billingWorld } from '../../factories/superbill.factory.js';
import { DEMO_HOOK_TIMEOUT } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The benchmark's floor (one json_agg statement, postgres.js) must answer exactly what the API answers.
describe.skipIf(!process.env.TEST_DATABASE_URL)('superbills page: bench floor and bench data', () => {
  let server: TestServer;
  let sql: postgres.Sql;
  beforeAll(async () => {
    server = await startTestServer({}, { demo: true });
    const rows = (await server.database.db.execute(dsql`select current_database() as name`)) as unknown as { name: string }[];
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.name}`;
    sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  }, DEMO_HOOK_TIMEOUT);
  afterAll(() => sql?.end());

  const compare = async (practiceId: string, to: string) => {
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    // The first request of a practice also checks that the practice exists (then cached): warm it.
    await server.gql(token, '{ superbills(first: 1) { totalCount } }');
    const api = await server.gql(token, SUPERBILLS_QUERY, { to });
    expect(api.errors).toBeUndefined();
    const floor = JSON.parse(await superbillsFloor(sql, practiceId, to));
    expect(floor.data.superbills.edges.length).toBeGreaterThan(0);
    expect(floor).toEqual({ data: api.data });
    return api;
  };

  it('the floor equals the API on the demo practice, and the API page stays at 2 statements', async () => {
    const practiceId = DEMO_PRACTICE_ID;
    const [{ d }] = (await sql`select max(date_of_service)::text as d from superbills where practice_id = ${practiceId}`) as unknown as [{ d: string }];
    const api = await compare(practiceId, d);
    // The compiled page (diagnoses, lines, patients and providers included) + the audit flush.
    expect(api.extensions?.stats?.sqlStatements).toBe(2);
  });

  it('the bench data generator makes superbills the API and the floor read alike', async () => {
    const w = await billingWorld(server);
    for (let i = 1; i <= 20; i++) {
      await insertAppointment(server.database.db, w.practiceId, { patientId: w.patient.id, providerId: w.provider.id, locationId: w.location.id, appointmentTypeId: w.type.id }, new Date(Date.UTC(2026, 0, i, 15)), { status: 'COMPLETED' });
    }
    expect(await ensureBenchSuperbills(sql, w.practiceId, 15)).toBe(15);
    expect(await ensureBenchSuperbills(sql, w.practiceId, 15)).toBe(15);
    await compare(w.practiceId, '2026-12-31');
  });
});
