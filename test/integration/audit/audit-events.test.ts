import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditBatches } from '../../../server/src/db/schema/audit.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { auditEntries, auditRows } from '../../helpers/audit-rows.js';
import { AUDIT_EVENTS, auditCount, DEACTIVATE, GET_PATIENT, registerOk, UPDATE } from '../../helpers/patient-ops.js';
import { type GqlResult, startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const eventsOf = (practiceId: string, entityId: string) => auditEntries(server.database.db, { practiceId, entityId });

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
  it('records a READ with user, roles, practice, entity, operation name and the server\'s request id', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await registerOk(server, await server.token(practiceId, [Role.FRONT_DESK]), patientInput());
    const token = await server.token(practiceId, [Role.CLINICIAN, Role.BILLER], 'clinician-7');
    const requestId = `req-${randomUUID()}`;
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: GET_PATIENT, variables: { id: patient.id } }),
    });
    // The client's id is its correlation id, echoed back; the request id is the server's own.
    expect(res.headers.get('x-correlation-id')).toBe(requestId);
    const issued = res.headers.get('x-request-id');
    expect(issued).toMatch(/^[0-9a-f-]{36}$/);
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
      requestId: issued,
    });
  });

  // A client-chosen request id used to be the audit's request id, so two requests could share one.
  it('gives two requests sent with the same client id different request ids in the audit trail', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await registerOk(server, await server.token(practiceId, [Role.FRONT_DESK]), patientInput());
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const issued: (string | null)[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'same-client-id-0001' },
        body: JSON.stringify({ query: GET_PATIENT, variables: { id: patient.id } }),
      });
      expect(res.headers.get('x-correlation-id')).toBe('same-client-id-0001');
      issued.push(res.headers.get('x-request-id'));
    }
    expect(new Set(issued).size).toBe(2);
    const reads = (await eventsOf(practiceId, patient.id)).filter((e) => e.action === 'READ');
    expect(reads.map((e) => e.requestId).sort()).toEqual([...issued].sort());
  });

  it('generates a request id and echoes no correlation id when the client sends a malformed one', async () => {
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
    expect(res.headers.get('x-correlation-id')).toBeNull();
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

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_batches', async () => {
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
    await refused(sql`update audit_batches set user_id = 'someone-else' where practice_id = ${practiceId}`);
    await refused(sql`update audit_batches set entity_ids = entity_ids || 'smuggled'::text, entity_types = entity_types || 'Patient'::text, patient_ids = patient_ids || null::uuid where practice_id = ${practiceId}`);
    await refused(sql`delete from audit_batches where practice_id = ${practiceId}`);
    await refused(sql`truncate audit_batches`);
    expect(await auditCount(db, practiceId)).toBe(before);
    const rows = await auditRows(db, practiceId);
    expect(rows.every((r) => r.userId !== 'someone-else' && !r.entityIds.includes('smuggled'))).toBe(true);
  });
});

describe('auditEvents query', () => {
  let practiceId: string;
  let otherPracticeId: string;
  let adminToken: string;
  const patientA = randomUUID();
  const patientB = randomUUID();
  const otherPatient = randomUUID();
  // Ascending. Several batches share an instant, and some differ only in microseconds, which a
  // millisecond cursor would skip.
  const instants = ['2026-01-01T10:00:00.000001Z', '2026-01-01T10:00:00.000002Z', '2026-01-01T10:00:00.000900Z', '2026-01-02T09:00:00Z', '2026-01-03T08:00:00Z'];
  /** Every seeded entity with what the API should say about it; `instant` indexes `instants`. */
  type Seeded = { id: string; instant: number; batchId: number; ordinal: number; userId: string; entityId: string; patientId: string | null; requestId: string };
  const seeded: Seeded[] = [];
  /** The seeded events that pass `keep`, in the order the API must return them (newest first). */
  const expectedIds = (keep: (e: Seeded) => boolean = () => true) =>
    seeded
      .filter(keep)
      .sort((a, b) => b.instant - a.instant || b.batchId - a.batchId || b.ordinal - a.ordinal)
      .map((e) => e.id);

  beforeAll(async () => {
    const db = server.database.db;
    practiceId = await createPractice(db);
    otherPracticeId = await createPractice(db);
    adminToken = await server.token(practiceId, [Role.PRACTICE_ADMIN], 'admin-q');
    // 14 batches of 1–7 entities (56 in all): patient A's, patient B's and patient-less ones mixed.
    for (let i = 0; i < 14; i++) {
      const size = 1 + ((i * 5) % 7);
      const patientIds = Array.from({ length: size }, (_, j) => [patientA, patientB, null][(i + j) % 3]!);
      const entityIds = patientIds.map(() => randomUUID());
      const userId = i % 3 === 0 ? 'user-x' : 'user-y';
      const [row] = await db
        .insert(auditBatches)
        .values({
          practiceId, at: sql`${instants[i % instants.length]}::timestamptz`, userId, roles: [Role.FRONT_DESK], action: 'READ',
          operationName: 'Seeded', requestId: `seed-${i}`, entityTypes: patientIds.map((p) => (p ? 'Appointment' : 'Provider')), entityIds, patientIds,
        })
        .returning({ id: auditBatches.id });
      patientIds.forEach((patientId, j) => {
        seeded.push({ id: `${row!.id}.${j + 1}`, instant: i % instants.length, batchId: row!.id, ordinal: j + 1, userId, entityId: entityIds[j]!, patientId, requestId: `seed-${i}` });
      });
    }
    await db.insert(auditBatches).values(
      Array.from({ length: 3 }, (_, i) => ({
        practiceId: otherPracticeId, userId: 'user-x', roles: [Role.FRONT_DESK], action: 'READ', operationName: 'Other', requestId: `other-${i}`,
        entityTypes: ['Patient', 'Appointment'], entityIds: [otherPatient, randomUUID()], patientIds: [otherPatient, otherPatient],
      })),
    );
  });

  it('pages newest first through every event of the practice, each exactly once, across batch boundaries', async () => {
    expect(seeded).toHaveLength(56);
    const nodes = await allPages(adminToken, {}, 7);
    expect(nodes.map((n) => n.id)).toEqual(expectedIds());
    expect(new Set(nodes.map((n) => n.entityId)).size).toBe(56);
    const byId = new Map(seeded.map((e) => [e.id, e]));
    for (const n of nodes) {
      const e = byId.get(n.id)!;
      expect([n.entityId, n.patientId, n.userId, n.requestId]).toEqual([e.entityId, e.patientId, e.userId, e.requestId]);
    }
  });

  it("filters by patient (only that patient's entities of a batch), user and time window", async () => {
    const byPatient = await allPages(adminToken, { patientId: patientA }, 4);
    expect(byPatient.map((n) => n.id)).toEqual(expectedIds((e) => e.patientId === patientA));
    expect(byPatient.every((n) => n.patientId === patientA)).toBe(true);

    const byUser = await allPages(adminToken, { userId: 'user-x' }, 50);
    expect(byUser.map((n) => n.id)).toEqual(expectedIds((e) => e.userId === 'user-x'));

    // [from, to): the batches of 2026-01-01 10:00, not the later days.
    const window = await allPages(adminToken, { from: '2026-01-01T00:00:00Z', to: '2026-01-02T09:00:00Z' }, 5);
    expect(window.map((n) => n.id)).toEqual(expectedIds((e) => e.instant <= 2));
    expect(window.every((n) => n.at.startsWith('2026-01-01T10:00:00.000Z'))).toBe(true);

    const combined = await allPages(adminToken, { patientId: patientB, userId: 'user-x', from: '2026-01-02T00:00:00Z' }, 1);
    const expected = expectedIds((e) => e.patientId === patientB && e.userId === 'user-x' && e.instant >= 3);
    expect(expected.length).toBeGreaterThan(1);
    expect(combined.map((n) => n.id)).toEqual(expected);
  });

  it("never shows another practice's events; its patient id behaves like an unknown one", async () => {
    const all = await allPages(adminToken, {}, 200);
    expect(all.some((n) => n.entityId === otherPatient || n.patientId === otherPatient)).toBe(false);
    const foreign = await server.gql(adminToken, AUDIT_EVENTS, { filter: { patientId: otherPatient } });
    const unknown = await server.gql(adminToken, AUDIT_EVENTS, { filter: { patientId: randomUUID() } });
    const malformed = await server.gql(adminToken, AUDIT_EVENTS, { filter: { patientId: 'not-a-uuid' } });
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data).toEqual(unknown.data);
    expect(malformed.data).toEqual(unknown.data);
    expect(foreign.data!.auditEvents.edges).toEqual([]);
  });

  it('rejects page sizes outside 1..200 and forged cursors with BAD_USER_INPUT', async () => {
    const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const forged = [
      'garbage',
      cursor(['x', 'y']),
      cursor(['2026-01-01T10:00:00.000001Z', 5]), // the pre-batch (at, id) shape
      cursor(['2026-01-01T10:00:00.000001Z', 5, 0]),
      cursor(['2026-01-01T10:00:00.000001Z', '5', 1]),
      cursor(['2026-01-01T10:00:00.000001Z', 5, 1.5]),
      cursor(['2026', 5, 1]),
      cursor(['2026-02-31T00:00:00.000000Z', 5, 1]),
    ];
    for (const vars of [{ first: 0 }, { first: 201 }, ...forged.map((after) => ({ after }))]) {
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
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });
});
