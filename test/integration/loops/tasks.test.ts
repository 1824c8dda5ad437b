import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskEvents, tasks } from '../../../server/src/db/schema/tasks.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { todayIn } from '../../../server/src/lib/dates.js';
import { addDays } from '../../../server/src/lib/local-time.js';
import { taskQueueTopic, taskUserTopic } from '../../../server/src/modules/tasks/task-change.publisher.js';
import { ensureTasks } from '../../../server/src/modules/tasks/task-create.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { subscribe, type TestSubscription, waitUntil } from '../../helpers/ws-client.js';

const FIELDS = 'id title patientId about { type id } assigneeUserId queueRole priority dueDate overdue status sourceKey version closedAt';
const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { ${FIELDS} } } }`;
const MINE = `query($filter: TaskFilter, $first: Int, $after: String) { myTasks(filter: $filter, first: $first, after: $after) { totalCount edges { node { ${FIELDS} patient { id } history { kind byUserId } } } pageInfo { hasNextPage endCursor } } }`;
const QUEUE = `query($role: Role!, $filter: TaskFilter, $first: Int, $after: String) { taskQueue(role: $role, filter: $filter, first: $first, after: $after) { totalCount edges { node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const TASK = `query($id: ID!) { task(id: $id) { ${FIELDS} history { kind fromStatus toStatus assigneeUserId queueRole comment byUserId } comments { comment } } }`;
const STATUS = `mutation($input: UpdateTaskStatusInput!) { updateTaskStatus(input: $input) { task { ${FIELDS} } } }`;
const CLAIM = `mutation($input: ClaimTaskInput!) { claimTask(input: $input) { task { ${FIELDS} } } }`;
const REASSIGN = `mutation($input: ReassignTaskInput!) { reassignTask(input: $input) { task { ${FIELDS} } } }`;
const COMMENT = `mutation($input: CommentOnTaskInput!) { commentOnTask(input: $input) { task { id version } } }`;
const LOG = `mutation($input: LogContactInput!) { logContact(input: $input) { contact { id channel direction patientId party { name organization phone } topic summary attachments { reference label } loggedBy } followUpTaskId } }`;
const CONTACTS = `query($filter: ContactFilter, $first: Int, $after: String) { contacts(filter: $filter, first: $first, after: $after) { totalCount edges { node { id topic occurredAt patient { id } } } pageInfo { hasNextPage endCursor } } }`;
const SUB = `subscription($role: Role) { taskChanged(role: $role) { taskId kind status assigneeUserId queueRole } }`;

let server: TestServer;
const open: TestSubscription[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

async function office() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  await createLocation(db, practiceId, { timeZone: 'America/New_York' });
  const patient = await insertPatient(db, practiceId);
  const today = todayIn('America/New_York');
  const as = async (roles: Role[], userId: string) => {
    const token = await server.token(practiceId, roles, userId);
    return (q: string, v?: Record<string, unknown>) => server.gql(token, q, v);
  };
  return { db, practiceId, patient, today, desk: await as([Role.FRONT_DESK], 'desk-1'), desk2: await as([Role.FRONT_DESK], 'desk-2'), biller: await as([Role.BILLER], 'biller-1'), admin: await as([Role.PRACTICE_ADMIN], 'admin-1') };
}

describe('tasks', () => {
  it('myTasks lists overdue first, then by priority and due date, with filters, in a fixed number of statements', async () => {
    const { patient, today, desk } = await office();
    const specs = [
      { title: 'normal-tomorrow', priority: 'NORMAL', dueDate: addDays(today, 1) },
      { title: 'urgent-none', priority: 'URGENT' },
      { title: 'low-overdue', priority: 'LOW', dueDate: addDays(today, -3), patientId: patient.id },
      { title: 'high-today', priority: 'HIGH', dueDate: today },
      { title: 'normal-overdue', priority: 'NORMAL', dueDate: addDays(today, -1) },
      { title: 'high-later', priority: 'HIGH', dueDate: addDays(today, 9) },
    ];
    for (const s of specs) expect((await desk(CREATE, { input: s })).errors).toBeUndefined();
    const titles: string[] = [];
    let after: string | null = null;
    let statements = 0;
    for (;;) {
      const page = await desk(MINE, { first: 2, after });
      expect(page.errors).toBeUndefined();
      statements = Math.max(statements, page.extensions!.stats!.sqlStatements);
      titles.push(...page.data!.myTasks.edges.map((e: any) => e.node.title));
      if (!page.data!.myTasks.pageInfo.hasNextPage) break;
      after = page.data!.myTasks.pageInfo.endCursor;
    }
    expect(titles).toEqual(['normal-overdue', 'low-overdue', 'urgent-none', 'high-today', 'high-later', 'normal-tomorrow']);
    // page + count + patients + histories + audit flush, whatever the page size
    expect(statements).toBeLessThanOrEqual(5);
    const big = await desk(MINE, { first: 50 });
    expect(big.extensions!.stats!.sqlStatements).toBe(statements);
    const overdue = await desk(MINE, { filter: { overdue: true } });
    expect(overdue.data!.myTasks.edges.map((e: any) => [e.node.title, e.node.overdue])).toEqual([['normal-overdue', true], ['low-overdue', true]]);
    expect((await desk(MINE, { filter: { dueToday: true } })).data!.myTasks.edges.map((e: any) => e.node.title)).toEqual(['high-today']);
    const forPatient = await desk(MINE, { filter: { patientId: patient.id } });
    expect(forPatient.data!.myTasks.edges.map((e: any) => [e.node.title, e.node.patient.id])).toEqual([['low-overdue', patient.id]]);
    const foreign = await desk(MINE, { after: Buffer.from(JSON.stringify(['x'])).toString('base64url') });
    expect(foreign.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('a queue task is claimed once, worked, reassigned and closed, every step in its history', async () => {
    const { db, practiceId, today, desk, desk2, biller, admin } = await office();
    const created = await desk(CREATE, { input: { title: 'Call back about the referral', queueRole: 'FRONT_DESK', dueDate: addDays(today, -1), priority: 'HIGH' } });
    const t = created.data!.createTask.task;
    expect(t).toMatchObject({ assigneeUserId: null, queueRole: 'FRONT_DESK', status: 'OPEN', overdue: true, version: 1 });
    const queue = await desk(QUEUE, { role: 'FRONT_DESK' });
    expect(queue.data!.taskQueue.edges.map((e: any) => e.node.id)).toEqual([t.id]);
    expect((await desk(QUEUE, { role: 'ANALYST' })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    // Starting work on an unclaimed task is refused; a BILLER cannot claim from the FRONT_DESK queue.
    expect((await desk(STATUS, { input: { id: t.id, status: 'IN_PROGRESS', expectedVersion: 1 } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await biller(CLAIM, { input: { id: t.id, expectedVersion: 1 } })).errors?.[0]?.extensions.fields).toEqual([{ path: 'input.id', message: 'is in the FRONT_DESK queue; only that role (or PRACTICE_ADMIN) claims from it' }]);

    // Two front-desk users claim at once: one wins, the other is told.
    const [a, b] = await Promise.all([desk(CLAIM, { input: { id: t.id, expectedVersion: 1 } }), desk2(CLAIM, { input: { id: t.id, expectedVersion: 1 } })]);
    const winners = [a, b].filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    const loser = [a, b].find((r) => r.errors)!;
    expect(['BAD_USER_INPUT', 'VERSION_CONFLICT']).toContain(loser.errors![0]!.extensions.code);
    const claimed = winners[0]!.data!.claimTask.task;
    expect(claimed).toMatchObject({ status: 'IN_PROGRESS', queueRole: 'FRONT_DESK', version: 2 });
    expect((await desk(QUEUE, { role: 'FRONT_DESK' })).data!.taskQueue.totalCount).toBe(0);

    const toBiller = await admin(REASSIGN, { input: { id: t.id, expectedVersion: 2, assigneeUserId: 'biller-1' } });
    expect(toBiller.data!.reassignTask.task).toMatchObject({ assigneeUserId: 'biller-1', status: 'IN_PROGRESS', version: 3 });
    expect((await biller(MINE, {})).data!.myTasks.edges.map((e: any) => e.node.id)).toEqual([t.id]);
    const back = await biller(REASSIGN, { input: { id: t.id, expectedVersion: 3, queueRole: 'FRONT_DESK' } });
    expect(back.data!.reassignTask.task).toMatchObject({ assigneeUserId: null, status: 'OPEN', version: 4 });
    expect((await biller(REASSIGN, { input: { id: t.id, expectedVersion: 4 } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    await desk(CLAIM, { input: { id: t.id, expectedVersion: 4 } });
    expect((await desk(COMMENT, { input: { id: t.id, comment: 'Left a voicemail' } })).data!.commentOnTask.task.version).toBe(5);
    const done = await desk(STATUS, { input: { id: t.id, status: 'DONE', expectedVersion: 5, comment: 'Booked' } });
    expect(done.data!.updateTaskStatus.task).toMatchObject({ status: 'DONE', overdue: false, version: 6 });
    expect(done.data!.updateTaskStatus.task.closedAt).not.toBeNull();
    expect((await desk(STATUS, { input: { id: t.id, status: 'OPEN', expectedVersion: 6 } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await desk(STATUS, { input: { id: t.id, status: 'CANCELLED', expectedVersion: 2 } })).errors?.[0]?.extensions.code).toBe('VERSION_CONFLICT');

    const read = await desk(TASK, { id: t.id });
    const winner = winners[0] === a ? 'desk-1' : 'desk-2';
    expect(read.data!.task.history.map((h: any) => [h.kind, h.fromStatus, h.toStatus, h.assigneeUserId, h.queueRole, h.comment, h.byUserId])).toEqual([
      ['CREATED', null, 'OPEN', null, 'FRONT_DESK', null, 'desk-1'],
      ['CLAIMED', 'OPEN', 'IN_PROGRESS', winner, 'FRONT_DESK', null, winner],
      ['REASSIGNED', 'IN_PROGRESS', 'IN_PROGRESS', 'biller-1', 'FRONT_DESK', null, 'admin-1'],
      ['REASSIGNED', 'IN_PROGRESS', 'OPEN', null, 'FRONT_DESK', null, 'biller-1'],
      ['CLAIMED', 'OPEN', 'IN_PROGRESS', 'desk-1', 'FRONT_DESK', null, 'desk-1'],
      ['COMMENTED', null, null, null, null, 'Left a voicemail', 'desk-1'],
      ['STATUS_CHANGED', 'IN_PROGRESS', 'DONE', null, null, 'Booked', 'desk-1'],
    ]);
    expect(read.data!.task.comments).toEqual([{ comment: 'Left a voicemail' }]);
    // Each write has its audit row; the read too.
    const audits = await auditEntries(db, { practiceId, entityId: t.id });
    expect(audits.filter((e) => e.action !== 'READ').map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    expect(audits.filter((e) => e.action === 'READ').map((e) => e.userId)).toContain('desk-1');
    // The history is append-only.
    await expect(db.execute(sql`update task_events set comment = 'x' where task_id = ${t.id}`)).rejects.toThrow();
    await expect(db.delete(taskEvents).where(eq(taskEvents.taskId, t.id))).rejects.toThrow();
  });

  it('ensureTasks makes a task once per source key, even when asked concurrently and after it is done', async () => {
    const { db, practiceId, patient, desk } = await office();
    const spec = { sourceKey: `test:${patient.id}:overdue`, title: 'Overdue follow-up', patientId: patient.id, about: { type: 'PATIENT' as const, id: patient.id }, queueRole: 'FRONT_DESK' };
    const runs = await Promise.all(Array.from({ length: 6 }, () => db.transaction((tx) => ensureTasks(tx, practiceId, 'sweeper', [spec, spec]))));
    expect(runs.reduce((n, r) => n + r.created.length, 0)).toBe(1);
    const [made] = runs.flatMap((r) => r.created);
    expect(runs.filter((r) => r.created.length === 0).every((r) => r.existing.map((t) => t.id).join() === made!.id)).toBe(true);
    await desk(CLAIM, { input: { id: made!.id, expectedVersion: 1 } });
    await desk(STATUS, { input: { id: made!.id, status: 'DONE', expectedVersion: 2 } });
    const later = await db.transaction((tx) => ensureTasks(tx, practiceId, 'sweeper', [spec]));
    expect(later.created).toEqual([]);
    expect(later.existing.map((t) => t.status)).toEqual(['DONE']);
    const [{ n }] = await db.select({ n: count() }).from(tasks).where(eq(tasks.practiceId, practiceId));
    expect(n).toBe(1);
    const [{ e }] = await db.select({ e: count() }).from(taskEvents).where(eq(taskEvents.taskId, made!.id));
    expect(e).toBe(3);
  });

  it('refuses bad input, other practices\' records and ANALYST without writing anything', async () => {
    const { db, practiceId, desk } = await office();
    const other = await createPractice(db);
    const theirPatient = await insertPatient(db, other);
    const theirTask = (await db.transaction((tx) => ensureTasks(tx, other, 'x', [{ sourceKey: 'k', title: 't', queueRole: 'FRONT_DESK' }]))).created[0]!;
    expect((await desk(CREATE, { input: { title: 'x', patientId: theirPatient.id } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await desk(CREATE, { input: { title: 'x', about: { type: 'PATIENT', id: theirPatient.id } } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await desk(CREATE, { input: { title: ' ' } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await desk(CREATE, { input: { title: 'x', queueRole: 'ANALYST' } })).errors?.[0]?.extensions.fields?.[0]?.path).toBe('input.queueRole');
    expect((await desk(TASK, { id: theirTask.id })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await desk(CLAIM, { input: { id: theirTask.id, expectedVersion: 1 } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const [{ n }] = await db.select({ n: count() }).from(tasks).where(eq(tasks.practiceId, practiceId));
    expect(n).toBe(0);
    const analyst = await server.gql(await server.token(practiceId, [Role.ANALYST]), MINE, {});
    expect(analyst.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('taskChanged reaches the assignee and the queue, never another practice', async () => {
    const { practiceId, desk } = await office();
    const token = await server.token(practiceId, [Role.FRONT_DESK], 'desk-1');
    const mine = subscribe(server.wsUrl, token, SUB, {});
    const queue = subscribe(server.wsUrl, token, SUB, { role: 'FRONT_DESK' });
    open.push(mine, queue);
    await waitUntil(() => server.app.pubsub.localSubscriberCount(taskUserTopic(practiceId, 'desk-1')) === 1 && server.app.pubsub.localSubscriberCount(taskQueueTopic(practiceId, 'FRONT_DESK')) === 1);
    const other = await office();
    await other.desk(CREATE, { input: { title: 'theirs', queueRole: 'FRONT_DESK' } });
    const t = (await desk(CREATE, { input: { title: 'q', queueRole: 'FRONT_DESK' } })).data!.createTask.task;
    expect((await queue.next()).data!.taskChanged).toEqual({ taskId: t.id, kind: 'CREATED', status: 'OPEN', assigneeUserId: null, queueRole: 'FRONT_DESK' });
    await desk(CLAIM, { input: { id: t.id, expectedVersion: 1 } });
    expect((await mine.next()).data!.taskChanged).toMatchObject({ taskId: t.id, kind: 'CLAIMED', assigneeUserId: 'desk-1' });
    expect((await queue.next()).data!.taskChanged).toMatchObject({ taskId: t.id, kind: 'CLAIMED' });
    await desk(REASSIGN, { input: { id: t.id, expectedVersion: 2, assigneeUserId: 'desk-2' } });
    // The previous assignee hears that it left them.
    expect((await mine.next()).data!.taskChanged).toMatchObject({ taskId: t.id, kind: 'REASSIGNED', assigneeUserId: 'desk-2' });
  });
});

describe('correspondence', () => {
  it('logs contacts with a follow-up task and lists them newest first in a fixed number of statements', async () => {
    const { db, practiceId, patient, desk } = await office();
    const logged = await desk(LOG, {
      input: { channel: 'PHONE', direction: 'INBOUND', patientId: patient.id, party: { name: 'Pat Example', organization: 'Example Pharmacy', phone: '+12125550123' }, topic: 'Refill', summary: 'Asks for a refill', attachments: [{ reference: 'doc:1', label: 'Fax' }], occurredAt: '2026-01-02T15:00:00Z', followUp: { title: 'Send refill request to clinician', queueRole: 'CLINICIAN', priority: 'HIGH' } },
    });
    expect(logged.errors).toBeUndefined();
    const c = logged.data!.logContact;
    expect(c.contact).toMatchObject({ channel: 'PHONE', patientId: patient.id, party: { name: 'Pat Example', organization: 'Example Pharmacy', phone: '+12125550123' }, attachments: [{ reference: 'doc:1', label: 'Fax' }], loggedBy: 'desk-1' });
    const task = await desk(TASK, { id: c.followUpTaskId });
    expect(task.data!.task).toMatchObject({ about: { type: 'CONTACT', id: c.contact.id }, patientId: patient.id, queueRole: 'CLINICIAN', priority: 'HIGH' });
    // A task about the contact by hand: its patient comes from the contact.
    const byHand = await desk(CREATE, { input: { title: 'x', about: { type: 'CONTACT', id: c.contact.id } } });
    expect(byHand.data!.createTask.task.patientId).toBe(patient.id);
    for (const at of ['2026-01-03T10:00:00Z', '2026-01-01T09:00:00Z']) await desk(LOG, { input: { channel: 'EMAIL', direction: 'OUTBOUND', topic: 'General', summary: 'No patient', occurredAt: at } });
    const page1 = await desk(CONTACTS, { first: 2 });
    expect(page1.data!.contacts.totalCount).toBe(3);
    expect(page1.data!.contacts.edges.map((e: any) => e.node.occurredAt)).toEqual(['2026-01-03T10:00:00.000Z', '2026-01-02T15:00:00.000Z']);
    expect(page1.data!.contacts.edges[1].node.patient.id).toBe(patient.id);
    expect(page1.extensions!.stats!.sqlStatements).toBeLessThanOrEqual(4);
    const page2 = await desk(CONTACTS, { first: 2, after: page1.data!.contacts.pageInfo.endCursor });
    expect(page2.errors).toBeUndefined();
    expect(page2.data!.contacts.edges.map((e: any) => e.node.occurredAt)).toEqual(['2026-01-01T09:00:00.000Z']);
    expect((await desk(CONTACTS, { filter: { patientId: patient.id } })).data!.contacts.totalCount).toBe(1);
    const reads = await auditEntries(db, { practiceId, entityType: 'Contact', action: 'READ' });
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a malformed phone, a future contact and another practice\'s patient, storing nothing but the valid multi-line one', async () => {
    const { db, practiceId, desk } = await office();
    const theirs = await insertPatient(db, await createPractice(db));
    const base = { channel: 'FAX', direction: 'INBOUND', topic: 't', summary: 's' };
    expect((await desk(LOG, { input: { ...base, party: { fax: '555' } } })).errors?.[0]?.extensions.fields?.[0]?.path).toBe('input.party.fax');
    expect((await desk(LOG, { input: { ...base, occurredAt: '2999-01-01T00:00:00Z' } })).errors?.[0]?.extensions.fields).toEqual([{ path: 'input.occurredAt', message: 'is in the future' }]);
    expect((await desk(LOG, { input: { ...base, patientId: theirs.id } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    // Free text keeps its line breaks; a name does not take them.
    const multiline = await desk(LOG, { input: { ...base, summary: 'Line one\nLine two', outcome: 'Done\tok' } });
    expect(multiline.errors).toBeUndefined();
    expect(multiline.data!.logContact.contact.summary).toBe('Line one\nLine two');
    expect((await desk(LOG, { input: { ...base, party: { name: 'A\nB' } } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await desk(CONTACTS, {})).data!.contacts.totalCount).toBe(1);
    const analyst = await server.gql(await server.token(practiceId, [Role.ANALYST]), CONTACTS, {});
    expect(analyst.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
