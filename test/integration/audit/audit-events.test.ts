import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../server/src/db/schema/audit.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { AUDIT_EVENTS, auditCount, DEACTIVATE, GET_PATIENT, registerOk, UPDATE } from '../../helpers/patient-ops.js';
import { type GqlResult, startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const eventsOf = (practiceId: string, entityId: string) =>
  server.database.db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, practiceId), eq(auditEvents.entityId, entityId))).orderBy(asc(auditEvents.id));

type Node = { id: string; at: string; userId: string; action: string; entityId: string; patientId: string | null; requestId: string };

/** Pages through auditEvents with `first`, returning every node in order. */
async function allPages(token: string, filter: Record<string, unknown>, first: number): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const res: GqlResult = await server.gql(token, AUDIT_EVENTS, { filter, first, after });
    expect(res.errors).toBeUndefined();
    const conn: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = res.data!.auditEvents;
    nodes.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage) return nodes;
    after = conn.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('audit trail', () => {
  it('records a READ with user, roles, practice, entity, operation name and the client request id', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await registerOk(server, await server.token(practiceId, [Role.FRONT_DESK]), patientInput());
    const token = await server.token(practiceId, [Role.CLINICIAN, Role.BILLER], 'clinician-7');
    const requestId = `req-${randomUUID()}`;
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: GET_PATIENT, variables: { id: patient.id } }),
    });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    expect((await res.json()).errors).toBeUndefined();

    const reads = (await eventsOf(practiceId, patient.id)).filter((e) => e.action === 'READ');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      practiceId,
      userId: 'clinician-7',
      roles: [Role.CLINICIAN, Role.BILLER],
      entityType: 'Patient',
      entityId: patient.id,
      patientId: patient.id,
      operationName: 'GetPatient',
      requestId,
    });
  });

  it('generates a request id when the client sends none or a malformed one', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await registerOk(server, await server.token(practiceId, [Role.FRONT_DESK]), patientInput());
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'bad id with spaces' },
      body: JSON.stringify({ query: GET_PATIENT, variables: { id: patient.id } }),
    });
    const issued = res.headers.get('x-request-id');
    expect(issued).toMatch(/^[0-9a-f-]{36}$/);
    const reads = (await eventsOf(practiceId, patient.id)).filter((e) => e.action === 'READ');
    expect(reads.map((e) => e.requestId)).toEqual([issued]);
  });

  it('records every write in order: CREATE, UPDATE, DEACTIVATE', async () => {
    const practiceId = await createPractice(server.database.db);
    const token = await server.token(practiceId, [Role.PRACTICE_ADMIN], 'admin-1');
    const patient = await registerOk(server, token, patientInput());
    const upd = await server.gql(token, UPDATE, { input: { id: patient.id, expectedVersion: 1, preferredName: 'Testy' } });
    expect(upd.errors).toBeUndefined();
    const deact = await server.gql(token, DEACTIVATE, { input: { id: patient.id, expectedVersion: 2 } });
    expect(deact.errors).toBeUndefined();
    const writes = (await eventsOf(practiceId, patient.id)).filter((e) => e.action !== 'READ');
    expect(writes.map((e) => [e.action, e.operationName, e.userId, e.patientId])).toEqual([
      ['CREATE', 'Register', 'admin-1', patient.id],
      ['UPDATE', 'Update', 'admin-1', patient.id],
      ['DEACTIVATE', 'Deactivate', 'admin-1', patient.id],
    ]);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    const practiceId = await createPractice(server.database.db);
    await registerOk(server, await server.token(practiceId, [Role.FRONT_DESK]), patientInput());
    const before = await auditCount(server.database.db, practiceId);
    expect(before).toBeGreaterThan(0);
    const db = server.database.db;
    const refused = async (statement: ReturnType<typeof sql>) => {
      const err = await db.execute(statement).then(() => null, (e: unknown) => e as { cause?: { message?: string } });
      expect(err).not.toBeNull();
      expect(String(err?.cause?.message ?? err)).toMatch(/append-only/);
    };
    await refused(sql`update audit_events set user_id = 'someone-else' where practice_id = ${practiceId}`);
    await refused(sql`delete from audit_events where practice_id = ${practiceId}`);
    await refused(sql`truncate audit_events`);
    expect(await auditCount(db, practiceId)).toBe(before);
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.practiceId, practiceId));
    expect(rows.every((r) => r.userId !== 'someone-else')).toBe(true);
  });
});

describe('auditEvents query', () => {
  let practiceId: string;
  let otherPracticeId: string;
  let adminToken: string;
  const patientA = randomUUID();
  const patientB = randomUUID();
  const otherPatient = randomUUID();

  beforeAll(async () => {
    practiceId = await createPractice(server.database.db);
    otherPracticeId = await createPractice(server.database.db);
    adminToken = await server.token(practiceId, [Role.PRACTICE_ADMIN], 'admin-q');
    // 40 events over a few instants; several share an instant, and some differ only in microseconds,
    // which a millisecond cursor would skip.
    const instants = ['2026-01-01T10:00:00.000001Z', '2026-01-01T10:00:00.000002Z', '2026-01-01T10:00:00.000900Z', '2026-01-02T09:00:00Z', '2026-01-03T08:00:00Z'];
    const rows = Array.from({ length: 40 }, (_, i) => ({
      practiceId,
      at: sql`${instants[i % instants.length]}::timestamptz`,
      userId: i % 3 === 0 ? 'user-x' : 'user-y',
      roles: [Role.FRONT_DESK],
      action: 'READ',
      entityType: 'Patient',
      entityId: i % 2 === 0 ? patientA : patientB,
      patientId: i % 2 === 0 ? patientA : patientB,
      operationName: 'Seeded',
      requestId: `seed-${i}`,
    }));
    await server.database.db.insert(auditEvents).values(rows);
    await server.database.db.insert(auditEvents).values(
      Array.from({ length: 5 }, (_, i) => ({
        practiceId: otherPracticeId, userId: 'user-x', roles: [Role.FRONT_DESK], action: 'READ', entityType: 'Patient',
        entityId: otherPatient, patientId: otherPatient, operationName: 'Other', requestId: `other-${i}`,
      })),
    );
  });

  it('pages newest first through every event of the practice, without duplicates or gaps', async () => {
    const expected = await server.database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.practiceId, practiceId))
      .orderBy(sql`${auditEvents.at} desc, ${auditEvents.id} desc`);
    expect(expected).toHaveLength(40);
    const nodes = await allPages(adminToken, {}, 7);
    expect(nodes.map((n) => n.id)).toEqual(expected.map((e) => String(e.id)));
  });

  it('filters by patient, user and time window', async () => {
    const byPatient = await allPages(adminToken, { patientId: patientA }, 6);
    expect(byPatient).toHaveLength(20);
    expect(byPatient.every((n) => n.patientId === patientA)).toBe(true);

    const byUser = await allPages(adminToken, { userId: 'user-x' }, 50);
    expect(byUser).toHaveLength(14);
    expect(byUser.every((n) => n.userId === 'user-x')).toBe(true);

    // [from, to): the three events of 2026-01-01 10:00, not the later days.
    const window = await allPages(adminToken, { from: '2026-01-01T00:00:00Z', to: '2026-01-02T09:00:00Z' }, 5);
    expect(window).toHaveLength(24);
    expect(window.every((n) => n.at.startsWith('2026-01-01T10:00:00.000Z'))).toBe(true);

    const combined = await allPages(adminToken, { patientId: patientB, userId: 'user-x', from: '2026-01-02T00:00:00Z' }, 50);
    const expected = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 2 === 1 && i % 3 === 0 && i % 5 >= 3);
    expect(combined.map((n) => n.requestId).sort()).toEqual(expected.map((i) => `seed-${i}`).sort());
  });

  it("never shows another practice's events; its patient id behaves like an unknown one", async () => {
    const all = await allPages(adminToken, {}, 200);
    expect(all.some((n) => n.entityId === otherPatient)).toBe(false);
    const foreign = await server.gql(adminToken, AUDIT_EVENTS, { filter: { patientId: otherPatient } });
    const unknown = await server.gql(adminToken, AUDIT_EVENTS, { filter: { patientId: randomUUID() } });
    const malformed = await server.gql(adminToken, AUDIT_EVENTS, { filter: { patientId: 'not-a-uuid' } });
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data).toEqual(unknown.data);
    expect(malformed.data).toEqual(unknown.data);
    expect(foreign.data!.auditEvents.edges).toEqual([]);
  });

  it('rejects page sizes outside 1..200 and forged cursors with BAD_USER_INPUT', async () => {
    for (const vars of [{ first: 0 }, { first: 201 }, { after: 'garbage' }, { after: Buffer.from('["x","y"]').toString('base64url') }]) {
      const res = await server.gql(adminToken, AUDIT_EVENTS, vars);
      expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(res.data).toBeNull();
    }
  });

  it('is for PRACTICE_ADMIN only: every other role gets FORBIDDEN, no token UNAUTHENTICATED', async () => {
    for (const role of [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.ANALYST, Role.PARTNER]) {
      const res = await server.gql(await server.token(practiceId, [role]), AUDIT_EVENTS, {});
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
      expect(res.data).toBeNull();
    }
    const anonymous = await server.gql(null, AUDIT_EVENTS, {});
    expect(anonymous.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });
});
