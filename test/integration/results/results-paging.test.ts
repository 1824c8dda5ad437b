import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { labMessages, labObservations, labResults } from '../../../server/src/db/schema/results.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

type Page = { totalCount: number | null; edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };

/** Reports received at these instants (microseconds kept), each with two observations; null patient = unmatched. */
async function received(practiceId: string, patientId: string | null, instants: string[]): Promise<string[]> {
  const db = server.database.db;
  const ids: string[] = [];
  for (const [i, at] of instants.entries()) {
    const [m] = await db.insert(labMessages).values({ practiceId, format: 'HL7V2', sendingFacility: 'ACME LAB', controlId: `P-${patientId ?? 'u'}-${i}`, raw: 'MSH|…', receivedBy: 'lab' }).returning();
    const [r] = await db
      .insert(labResults)
      .values({ practiceId, messageId: m!.id, patientId, matchedBy: patientId ? 'MRN' : null, reportKey: `F-${i}|2345-7`, code: '2345-7', status: 'FINAL', interpretation: 'NORMAL', sentPatient: { mrn: null, givenName: null, familyName: null, dateOfBirth: null }, receivedAt: sql`${at}::timestamptz` as unknown as Date })
      .returning();
    await db.insert(labObservations).values([1, 2].map((position) => ({ practiceId, resultId: r!.id, position, code: '2345-7', value: String(90 + position), interpretation: 'NORMAL', status: 'FINAL' })));
    ids.push(r!.id);
  }
  return ids;
}

describe('lab result lists are Relay connections', () => {
  it('pages a patient\'s results newest first, both ways, across results of the same millisecond, in a fixed number of statements', async () => {
    const db = server.database.db;
    const { practiceId } = await officeWithProvider(db);
    const patient = await insertPatient(db, practiceId);
    // Three results inside one millisecond: a cursor that dropped the microseconds would skip or repeat them.
    const ids = await received(practiceId, patient.id, ['2026-12-01T10:00:00.000100Z', '2026-12-01T10:00:00.000500Z', '2026-12-01T10:00:00.000900Z', '2026-12-02T08:00:00Z', '2026-12-03T08:00:00Z']);
    const newestFirst = [...ids].reverse();
    const doc = await server.token(practiceId, [Role.CLINICIAN]);
    const Q = 'query($p: ID!, $first: Int, $after: String, $last: Int, $before: String) { labResults(patientId: $p, first: $first, after: $after, last: $last, before: $before) { totalCount edges { cursor node { id observations { value } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }';
    const page = async (vars: Record<string, unknown>) => {
      const res = await server.gql(doc, Q, { p: patient.id, ...vars });
      expect(res.errors).toBeUndefined();
      return { page: res.data!.labResults as Page, statements: res.extensions!.stats!.sqlStatements as number };
    };

    const seen: string[] = [];
    let after: string | null = null;
    const statements: number[] = [];
    for (;;) {
      const { page: p, statements: n } = await page({ first: 2, after });
      seen.push(...p.edges.map((e) => e.node.id));
      statements.push(n);
      expect(p.totalCount).toBe(5);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst);
    // Patient check, page, count, observations and the audit write: the same for 1 row or 5.
    const one = await page({ first: 1 });
    const all = await page({ first: 5 });
    expect(all.page.edges.every((e) => e.node.id && (e.node as unknown as { observations: unknown[] }).observations.length === 2)).toBe(true);
    expect(all.statements).toBe(one.statements);
    expect(all.statements).toBeLessThanOrEqual(5);
    expect(new Set(statements).size).toBe(1);

    const back = await page({ last: 2, before: all.page.edges[4]!.cursor });
    expect(back.page.edges.map((e) => e.node.id)).toEqual(newestFirst.slice(2, 4));
    expect(back.page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });

    const bad = await server.gql(doc, Q, { p: patient.id, after: Buffer.from(JSON.stringify(['2026-12-01', 1])).toString('base64url') });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    // The front desk pages the notices (no values) the same way.
    const desk = await server.token(practiceId, [Role.FRONT_DESK]);
    const notices = await server.gql(desk, 'query($p: ID!) { resultNotices(patientId: $p, first: 3) { totalCount edges { node { id } } pageInfo { hasNextPage } } }', { p: patient.id });
    expect(notices.data!.resultNotices).toEqual({ totalCount: 5, edges: newestFirst.slice(0, 3).map((id) => ({ node: { id } })), pageInfo: { hasNextPage: true } });
  });

  it('pages the unmatched queue oldest first', async () => {
    const db = server.database.db;
    const { practiceId } = await officeWithProvider(db);
    const ids = await received(practiceId, null, ['2026-12-01T09:00:00.000001Z', '2026-12-01T09:00:00.000002Z', '2026-12-01T09:00:00.000003Z']);
    const doc = await server.token(practiceId, [Role.CLINICIAN]);
    const Q = 'query($after: String) { unmatchedResults(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }';
    const first = (await server.gql(doc, Q, {})).data!.unmatchedResults;
    expect(first).toMatchObject({ totalCount: 3, edges: ids.slice(0, 2).map((id) => ({ node: { id } })), pageInfo: { hasNextPage: true } });
    const second = (await server.gql(doc, Q, { after: first.pageInfo.endCursor })).data!.unmatchedResults;
    expect(second).toMatchObject({ edges: [{ node: { id: ids[2] } }], pageInfo: { hasNextPage: false } });
  });
});
