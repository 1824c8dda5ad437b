import { sql as dsql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBenchRemittances, REMITTANCES_QUERY, remittancesFloor, remittancesPageDigest } from '../../../bench/remittances-bench.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { acceptedClaim, remittanceWorld } from '../../factories/remittance.factory.js';
import { DEMO_HOOK_TIMEOUT } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The benchmark's remittances floor (one json_agg statement, postgres.js) must pass the bench's own
// equivalence check against the API, on the demo practice and on data made by the bench's generator.
describe.skipIf(!process.env.TEST_DATABASE_URL)('remittances page: bench floor and bench data', () => {
  let server: TestServer;
  let sql: postgres.Sql;
  let url: string;
  beforeAll(async () => {
    server = await startTestServer({}, { demo: true });
    const rows = (await server.database.db.execute(dsql`select current_database() as name`)) as unknown as { name: string }[];
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${rows[0]!.name}`;
    url = u.toString();
    sql = postgres(url, { max: 1, onnotice: () => {} });
  }, DEMO_HOOK_TIMEOUT);
  afterAll(() => sql?.end());

  /** The first page and the page after the first remittance, API against floor, as bench/run.ts checks them. */
  const compare = async (practiceId: string) => {
    const token = await server.token(practiceId, [Role.BILLER]);
    const first = await server.gql(token, REMITTANCES_QUERY, { after: null });
    expect(first.errors).toBeUndefined();
    const floorFirst = JSON.parse(await remittancesFloor(sql, practiceId, null));
    expect(floorFirst.data.remittances.edges.length).toBeGreaterThan(1);
    expect(remittancesPageDigest(first)).toBe(remittancesPageDigest(floorFirst));
    // postedAt is the same instant in both (the floor writes PostgreSQL's JSON text).
    expect(floorFirst.data.remittances.edges.map((e: any) => new Date(e.node.postedAt).toISOString())).toEqual(first.data!.remittances.edges.map((e: any) => e.node.postedAt));
    const cursorPage = await server.gql(token, `query C { remittances(first: 1) { edges { cursor node { id } } } }`);
    const head = cursorPage.data!.remittances.edges[0];
    const [{ t }] = (await sql`select posted_at::text as t from remittances where id = ${head.node.id}`) as unknown as [{ t: string }];
    const next = await server.gql(token, REMITTANCES_QUERY, { after: head.cursor });
    const floorNext = JSON.parse(await remittancesFloor(sql, practiceId, { postedAt: t, id: head.node.id }));
    expect(remittancesPageDigest(next)).toBe(remittancesPageDigest(floorNext));
    expect(next.data!.remittances.edges.map((e: any) => e.node.id)).toEqual(first.data!.remittances.edges.slice(1).map((e: any) => e.node.id));
    return first;
  };

  it('the floor passes the equivalence check on the demo practice, and the API page is 2 statements', async () => {
    const api = await compare(DEMO_PRACTICE_ID);
    // The compiled page (claims, lines and adjustments included) + the audit flush.
    expect(api.extensions?.stats?.sqlStatements).toBe(2);
  });

  it('the bench generator posts simulated 835s through postRemittance that the API and the floor read alike', async () => {
    const w = await remittanceWorld(server);
    for (const digit of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '1', '3', '5']) await acceptedClaim(w, digit, { accepted: false });
    const made = await ensureBenchRemittances(sql, url, w.practiceId);
    // 13 submitted claims (no payer claim number yet, like the bench's), six to a file: three files, every CLP posted.
    expect(made).toEqual({ remittances: 3, claims: 13 });
    const [{ n }] = (await sql`select count(*)::int as n from remittance_claims where practice_id = ${w.practiceId} and outcome = 'POSTED'`) as unknown as [{ n: number }];
    expect(n).toBe(13);
    // Run again: the practice already has remittances, nothing more is posted.
    expect(await ensureBenchRemittances(sql, url, w.practiceId)).toEqual(made);
    await compare(w.practiceId);
  });
});
