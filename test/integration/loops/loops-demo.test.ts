import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../../server/src/db/schema/correspondence.js';
import { tasks } from '../../../server/src/db/schema/tasks.js';
import { seedDemoPractice } from '../../../server/src/demo/seed-demo.js';
import { seedDemoCorrespondence } from '../../../server/src/demo/seed-loops.js';
import { seedDemoReferrals } from '../../../server/src/demo/seed-referrals.js';
import { seedDemoOrders } from '../../../server/src/demo/seed-orders.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const MINE = '{ myTasks { totalCount edges { node { title overdue about { type } } } } }';
const QUEUE = 'query($role: Role!) { taskQueue(role: $role, filter: { overdue: true }) { totalCount } }';

describe('demo loops', () => {
  it('seeds contacts and open, overdue and due-today tasks for the demo users and queues, once', async () => {
    const db = server.database.db;
    const { practiceId } = await seedDemoPractice(db, 40, randomUUID(), 'Loops demo', { office: false });
    const now = new Date();
    const created = await seedDemoCorrespondence(db, practiceId, now);
    expect(created).toBe(11);
    expect(await seedDemoCorrespondence(db, practiceId, now)).toBe(0);
    expect(await db.$count(contacts, eq(contacts.practiceId, practiceId))).toBe(8);
    expect(await db.$count(tasks, eq(tasks.practiceId, practiceId))).toBe(11);

    const desk = await server.token(practiceId, [Role.FRONT_DESK], 'demo-front_desk');
    const mine = await server.gql(desk, MINE);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myTasks.totalCount).toBe(2);
    const clinician = await server.gql(await server.token(practiceId, [Role.CLINICIAN], 'demo-clinician'), MINE);
    expect(clinician.data!.myTasks.edges[0].node).toMatchObject({ overdue: true, about: { type: 'CONTACT' } });
    for (const role of ['FRONT_DESK', 'CLINICIAN']) expect((await server.gql(desk, QUEUE, { role })).data!.taskQueue.totalCount, role).toBeGreaterThan(0);
    const contactsPage = await server.gql(desk, '{ contacts(first: 3) { totalCount edges { node { topic } } } }');
    expect(contactsPage.data!.contacts.totalCount).toBe(8);
  }, 120_000);

  it('seeds referrals in every status with their histories, overdue ones with their task, once', async () => {
    const db = server.database.db;
    await ensureCodeFixture(db);
    const { practiceId } = await seedDemoPractice(db, 40, randomUUID(), 'Referrals demo', { office: false });
    const now = new Date();
    expect(await seedDemoReferrals(db, practiceId, now)).toBe(11);
    expect(await seedDemoReferrals(db, practiceId, now)).toBe(0);
    const token = await server.token(practiceId, [Role.FRONT_DESK], 'demo-front_desk');
    const all = await server.gql(token, '{ referrals(first: 50) { totalCount edges { node { id status direction history { toStatus } tasks { sourceKey } } } } }');
    expect(all.errors).toBeUndefined();
    const nodes = all.data!.referrals.edges.map((e: any) => e.node);
    expect(new Set(nodes.map((n: any) => n.status))).toEqual(new Set(['DRAFT', 'RECEIVED', 'SENT', 'SCHEDULED', 'SEEN', 'REPORT_RECEIVED', 'CLOSED', 'DECLINED', 'CANCELLED']));
    for (const n of nodes) expect(n.history.at(-1).toStatus, n.id).toBe(n.status);
    expect(nodes.flatMap((n: any) => n.tasks.map((t: any) => t.sourceKey.split(':')[2])).sort()).toEqual(['no-report', 'not-scheduled']);
    const lists = await server.gql(token, '{ referralsAwaitingScheduling { totalCount } referralsAwaitingReport { totalCount } referralAuthorizationsExpiring { totalCount } }');
    expect(lists.data).toEqual({ referralsAwaitingScheduling: { totalCount: 2 }, referralsAwaitingReport: { totalCount: 1 }, referralAuthorizationsExpiring: { totalCount: 2 } });
    const letter = await server.gql(token, 'query($id: ID!) { referralLetter(id: $id) { byteLength } }', { id: nodes.find((n: any) => n.status === 'SENT').id });
    expect(letter.data!.referralLetter.byteLength).toBeGreaterThan(1000);
    // The patients' charts show them: Patient.referrals, and Patient.tasks with the overdue referrals' tasks.
    const charts = await server.gql(token, '{ referrals(first: 50) { edges { node { id tasks { id status } patient { referrals { id } tasks { id } } } } } }');
    expect(charts.errors).toBeUndefined();
    for (const n of charts.data!.referrals.edges.map((e: any) => e.node)) {
      expect(n.patient.referrals.map((r: any) => r.id)).toContain(n.id);
      for (const t of n.tasks.filter((x: any) => x.status === 'OPEN')) expect(n.patient.tasks.map((x: any) => x.id)).toContain(t.id);
    }
  }, 120_000);

  it('seeds open orders at every step, overdue ones and an unreviewed result with their task, once', async () => {
    const db = server.database.db;
    const { practiceId } = await seedDemoPractice(db, 40, randomUUID(), 'Orders demo', { office: false });
    const now = new Date();
    expect(await seedDemoOrders(db, practiceId, now)).toBe(9);
    expect(await seedDemoOrders(db, practiceId, now)).toBe(0);
    const token = await server.token(practiceId, [Role.FRONT_DESK], 'demo-front_desk');
    const open = await server.gql(token, '{ openOrders(first: 50) { totalCount edges { node { status overdue history { toStatus } tasks { sourceKey } } } } }');
    expect(open.errors).toBeUndefined();
    const nodes = open.data!.openOrders.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(7);
    expect(new Set(nodes.map((n: any) => n.status))).toEqual(new Set(['ORDERED', 'SCHEDULED', 'COLLECTED', 'RESULTED']));
    expect(nodes.filter((n: any) => n.overdue)).toHaveLength(2);
    for (const n of nodes) expect(n.history.at(-1).toStatus).toBe(n.status);
    expect(nodes.flatMap((n: any) => n.tasks.map((t: any) => t.sourceKey.split(':')[2])).sort()).toEqual(['overdue', 'overdue', 'review']);
    // The patients' charts show them (Patient.orders, any status).
    const charts = await server.gql(token, '{ openOrders(first: 50) { edges { node { id patient { orders { id status } } } } } }');
    expect(charts.errors).toBeUndefined();
    for (const n of charts.data!.openOrders.edges.map((e: any) => e.node)) expect(n.patient.orders.map((o: any) => o.id)).toContain(n.id);
  }, 120_000);
});
