import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient, syntheticWord } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { SEARCH } from '../../helpers/patient-ops.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

type Edge = { cursor: string; node: { id: string; mrn: string; legalName: { given: string; family: string } } };
type Conn = { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; edges: Edge[] };

async function search(token: string, vars: Record<string, unknown>): Promise<Conn> {
  const res = await server.gql(token, SEARCH, vars);
  expect(res.errors).toBeUndefined();
  return res.data!.patients as Conn;
}

describe('patients search', () => {
  let practiceId: string;
  let token: string;
  beforeAll(async () => {
    practiceId = await createPractice(server.database.db);
    token = await server.token(practiceId, [Role.FRONT_DESK]);
    const db = server.database.db;
    await insertPatient(db, practiceId, { givenName: 'Jonathan', familyName: 'Smith', dateOfBirth: '1961-07-04', mrn: 'M0000101', phones: [{ kind: 'MOBILE', number: '+13125550147', primary: true }], phoneDigits: '3125550147' });
    await insertPatient(db, practiceId, { givenName: 'Jon', familyName: 'Smithers', dateOfBirth: '1970-02-02', mrn: 'M0000102' });
    await insertPatient(db, practiceId, { givenName: 'Jonas', familyName: 'Schmidt', dateOfBirth: '1961-07-04', mrn: 'M0000103', phoneDigits: '6465550199' });
    await insertPatient(db, practiceId, { givenName: 'Nathan', familyName: 'Smyth', dateOfBirth: '1985-05-05', mrn: 'M0000104' });
    await insertPatient(db, practiceId, { givenName: 'Alice', familyName: 'Wong', dateOfBirth: '1992-12-12', mrn: 'M0000105' });
  });

  it('is typo-tolerant: "jonathon smyth" ranks Jonathan Smith first', async () => {
    const conn = await search(token, { search: { name: 'jonathon smyth' } });
    expect(conn.edges[0]!.node.legalName).toEqual({ given: 'Jonathan', family: 'Smith' });
    expect(conn.edges.some((e) => e.node.legalName.family === 'Wong')).toBe(false);
    expect(conn.totalCount).toBe(conn.edges.length);
  });

  it('finds by date of birth, by MRN (any case) and by phone digits', async () => {
    const byDob = await search(token, { search: { dateOfBirth: '1961-07-04' } });
    expect(byDob.edges.map((e) => e.node.mrn).sort()).toEqual(['M0000101', 'M0000103']);
    expect(byDob.totalCount).toBe(2);

    const byMrn = await search(token, { search: { mrn: 'm0000105' } });
    expect(byMrn.edges.map((e) => e.node.legalName.family)).toEqual(['Wong']);

    for (const phone of ['555-0147', '(312) 555-0147', '+1 312 555 0147']) {
      const byPhone = await search(token, { search: { phone } });
      expect(byPhone.edges.map((e) => e.node.mrn)).toEqual(['M0000101']);
    }

    const combined = await search(token, { search: { name: 'jonas', dateOfBirth: '1961-07-04' } });
    expect(combined.edges[0]!.node.mrn).toBe('M0000103');
    expect(combined.edges.every((e) => ['M0000101', 'M0000103'].includes(e.node.mrn))).toBe(true);
  });

  it('rejects a phone search with too few digits', async () => {
    const res = await server.gql(token, SEARCH, { search: { phone: 'ab-1' } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'search.phone' }] });
  });
});

describe('patients keyset paging over 120 patients', () => {
  let token: string;
  let ids: string[];
  beforeAll(async () => {
    const practiceId = await createPractice(server.database.db);
    token = await server.token(practiceId, [Role.FRONT_DESK]);
    // Shared family names make the (family, given, id) tie-breaks matter.
    const rows = [];
    for (let i = 0; i < 120; i++) {
      rows.push(await insertPatient(server.database.db, practiceId, { familyName: `Pagefamily${i % 7}`, givenName: i % 5 === 0 ? 'Same' : syntheticWord(`p${i}`) }));
    }
    ids = rows.map((r) => r.id);
  });

  async function walk(vars: Record<string, unknown>, direction: 'forward' | 'backward', size: number) {
    const pages: Conn[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const conn: Conn = await search(token, direction === 'forward' ? { ...vars, first: size, after: cursor } : { ...vars, last: size, before: cursor });
      pages.push(conn);
      const more = direction === 'forward' ? conn.pageInfo.hasNextPage : conn.pageInfo.hasPreviousPage;
      if (!more) return pages;
      cursor = direction === 'forward' ? conn.pageInfo.endCursor : conn.pageInfo.startCursor;
    }
    throw new Error('paging did not end');
  }

  for (const [label, vars] of [['sorted by name', {}], ['ranked by a name search', { search: { name: 'pagefamily' } }]] as const) {
    it(`${label}: forward and backward visit every patient once, in the same order`, async () => {
      const forward = await walk(vars, 'forward', 17);
      const forwardIds = forward.flatMap((p) => p.edges.map((e) => e.node.id));
      expect(forwardIds).toHaveLength(120);
      expect(new Set(forwardIds)).toEqual(new Set(ids));
      expect(forward.every((p) => p.totalCount === 120)).toBe(true);
      expect(forward.map((p) => p.edges.length)).toEqual([17, 17, 17, 17, 17, 17, 17, 1]);
      expect(forward[0]!.pageInfo.hasPreviousPage).toBe(false);
      expect(forward[1]!.pageInfo.hasPreviousPage).toBe(true);

      const backward = await walk(vars, 'backward', 13);
      const backwardIds = backward.reverse().flatMap((p) => p.edges.map((e) => e.node.id));
      expect(backwardIds).toEqual(forwardIds);

      // Cursors are stable: the same cursor gives the same page again, and cursors match across directions.
      const again = await search(token, { ...vars, first: 17, after: forward[2]!.pageInfo.endCursor });
      expect(again.edges).toEqual(forward[3]!.edges);
      const allForwardCursors = forward.flatMap((p) => p.edges.map((e) => e.cursor));
      const allBackwardCursors = backward.flatMap((p) => p.edges.map((e) => e.cursor));
      expect(allBackwardCursors).toEqual(allForwardCursors);
    });
  }

  it('rejects forged cursors, first+last together and sizes outside 1..200', async () => {
    const forged = [
      { after: 'not-a-cursor' },
      { after: Buffer.from(JSON.stringify(['a', 'b', 'c'])).toString('base64url') },
      { after: Buffer.from(JSON.stringify([0.5, randomUUID()])).toString('base64url') },
      { search: { name: 'x' }, after: Buffer.from(JSON.stringify(['a', 'b', randomUUID()])).toString('base64url') },
      { first: 1, last: 1 },
      { first: 0 },
      { last: 201 },
    ];
    for (const vars of forged) {
      const res = await server.gql(token, SEARCH, vars);
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
