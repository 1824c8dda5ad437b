import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPractice } from '../../../server/src/demo/seed-demo.js';
import { seedDemoOrders } from '../../../server/src/demo/seed-orders.js';
import { seedDemoResults } from '../../../server/src/demo/seed-results.js';
import { demoId } from '../../../server/src/demo/synthetic.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('demo results', () => {
  it('seeds a normal, a critical (answering an order), a corrected and an unmatched result, once, readable through the API', async () => {
    const db = server.database.db;
    const { practiceId } = await seedDemoPractice(db, 60, randomUUID(), 'Results demo', { office: false });
    const now = new Date();
    await seedDemoOrders(db, practiceId, now);
    expect(await seedDemoResults(db, practiceId, now)).toBe(5);
    expect(await seedDemoResults(db, practiceId, now)).toBe(0);

    const doc = await server.token(practiceId, [Role.CLINICIAN]);
    const unmatched = (await server.gql(doc, '{ unmatchedResults { edges { node { sentPatient { mrn } interpretation } } } }')).data!.unmatchedResults.edges.map((e: { node: unknown }) => e.node);
    expect(unmatched).toEqual([{ sentPatient: { mrn: 'OUTSIDE-0042' }, interpretation: 'ABNORMAL' }]);
    const order = (await server.gql(doc, 'query($id: ID!) { order(id: $id) { status patientId } }', { id: demoId(practiceId, 'order-4') })).data!.order;
    expect(order.status).toBe('RESULTED');
    const results = (await server.gql(doc, 'query($p: ID!) { labResults(patientId: $p) { edges { node { interpretation orderId observations { abnormalFlag } } } } }', { p: order.patientId })).data!.labResults.edges.map((e: { node: unknown }) => e.node);
    expect(results).toEqual([{ interpretation: 'CRITICAL', orderId: demoId(practiceId, 'order-4'), observations: [{ abnormalFlag: 'HH' }, { abnormalFlag: 'HH' }] }]);
    const queue = (await server.gql(doc, '{ taskQueue(role: CLINICIAN) { edges { node { about { type } priority } } } }')).data!.taskQueue.edges.map((e: { node: { about: { type: string } | null; priority: string } }) => e.node);
    // The critical result is URGENT; the corrected CBC has one open task (its preliminary version's was cancelled).
    expect(queue.filter((t: { about: { type: string } | null }) => t.about?.type === 'RESULT').map((t: { priority: string }) => t.priority).sort()).toEqual(['HIGH', 'URGENT']);
  });
});
