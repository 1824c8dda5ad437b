import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { orders } from '../../../server/src/db/schema/orders.js';
import { syntheticNpi } from '../../../server/src/demo/synthetic.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { todayIn } from '../../../server/src/lib/dates.js';
import { addDays } from '../../../server/src/lib/local-time.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { startOverdueTaskLoop } from '../../../server/src/modules/tasks/overdue-task.loop.js';
import { taskQueueTopic } from '../../../server/src/modules/tasks/task-change.publisher.js';
import { ensureTasks } from '../../../server/src/modules/tasks/task-create.js';
import { officeWithProvider } from '../../factories/appointment.factory.js';
import { claimWorld } from '../../factories/claim.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { supplyOffice } from '../../factories/supply.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { subscribe, type TestSubscription, waitUntil } from '../../helpers/ws-client.js';
import { UPDATE_CLAIM } from '../claims/claim-ops.js';
import { readyClaim, SUBMIT } from '../claims/claim-submit-ops.js';

// Issue 16: tasks made or closed inside other modules' transactions reach taskChanged after the commit.
const SUB = `subscription($role: Role) { taskChanged(role: $role) { taskId kind status assigneeUserId queueRole } }`;
const TASKS_ABOUT = `query($id: ID!) { referral(id: $id) { tasks { id sourceKey status } } }`;

let server: TestServer;
const open: TestSubscription[] = [];
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
});
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

/** A subscription to a role queue of the practice, ready once the server holds it. */
async function queueOf(practiceId: string, role: Role) {
  const sub = subscribe(server.wsUrl, await server.token(practiceId, [role], `${role.toLowerCase()}-watcher`), SUB, { role });
  open.push(sub);
  await waitUntil(() => server.app.pubsub.localSubscriberCount(taskQueueTopic(practiceId, role)) === 1);
  return async () => (await sub.next()).data!.taskChanged;
}

describe('taskChanged for tasks other modules create or close', () => {
  it('a claim rejection opens a BILLER task and the correction closes it, each announced after its commit', async () => {
    const w = await claimWorld(server, { coverage: { memberId: 'REJ4455667' } });
    const id = await readyClaim(server, w);
    const next = await queueOf(w.practiceId, Role.BILLER);
    const sent = await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: `rej-${id}` } });
    expect(sent.errors).toBeUndefined();
    const created = await next();
    expect(created).toEqual({ taskId: expect.any(String), kind: 'CREATED', status: 'OPEN', assigneeUserId: null, queueRole: 'BILLER' });
    const [claim] = await server.database.db.select({ version: claims.version }).from(claims).where(eq(claims.id, id));
    expect((await server.gql(w.biller, UPDATE_CLAIM, { input: { id, expectedVersion: claim!.version, memberId: 'REJ4455668' } })).errors).toBeUndefined();
    expect(await next()).toEqual({ taskId: created.taskId, kind: 'STATUS_CHANGED', status: 'DONE', assigneeUserId: null, queueRole: 'BILLER' });
  });

  it('a supply falling below its reorder point announces its PRACTICE_ADMIN task', async () => {
    const o = await supplyOffice(server);
    await o.admin.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, counted: 150, reason: 'opening stock' } });
    await o.admin.setSupplyLevel({ input: { itemId: o.gloves.id, locationId: o.main.id, reorderPoint: 100, parLevel: 300 } });
    const next = await queueOf(o.practiceId, Role.PRACTICE_ADMIN);
    await (await o.client([Role.CLINICIAN])).consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 60 } });
    expect(await next()).toEqual({ taskId: expect.any(String), kind: 'CREATED', status: 'OPEN', assigneeUserId: null, queueRole: 'PRACTICE_ADMIN' });
  });

  it('an incoming referral announces its booking task, and scheduling the referral announces it closed', async () => {
    const db = server.database.db;
    const { practiceId, location, type } = await officeWithProvider(db);
    const patient = await insertPatient(db, practiceId);
    const desk = async (q: string, v?: Record<string, unknown>) => server.gql(await server.token(practiceId, [Role.FRONT_DESK], 'desk-1'), q, v);
    const today = todayIn('America/New_York');
    const referrer = await desk(`mutation($input: ExternalProviderInput!) { createExternalProvider(input: $input) { externalProvider { id } } }`, { input: { name: 'Dr. Example Referrer', npi: syntheticNpi(410000000) } });
    const next = await queueOf(practiceId, Role.FRONT_DESK);
    const received = await desk(`mutation($input: ReceiveReferralInput!) { receiveReferral(input: $input) { referral { id version } } }`, {
      input: { patientId: patient.id, referringProviderId: referrer.data!.createExternalProvider.externalProvider.id, reason: 'Knee pain; please see.', diagnosisCodes: ['I10'], urgency: 'ROUTINE', booking: { appointmentTypeId: type.id, locationId: location.id, latestDate: addDays(today, 14) } },
    });
    expect(received.errors).toBeUndefined();
    const r = received.data!.receiveReferral.referral;
    const created = await next();
    expect(created).toMatchObject({ kind: 'CREATED', status: 'OPEN', queueRole: 'FRONT_DESK' });
    const moved = await desk(`mutation($input: MoveReferralInput!) { moveReferral(input: $input) { referral { status } } }`, { input: { id: r.id, expectedVersion: r.version, to: 'SCHEDULED', scheduledFor: `${addDays(today, 7)}T14:00:00Z` } });
    expect(moved.errors).toBeUndefined();
    expect(await next()).toEqual({ taskId: created.taskId, kind: 'STATUS_CHANGED', status: 'DONE', assigneeUserId: null, queueRole: 'FRONT_DESK' });
    expect((await desk(TASKS_ABOUT, { id: r.id })).data!.referral.tasks).toEqual([{ id: created.taskId, sourceKey: `referral:${r.id}:book`, status: 'DONE' }]);
  });

  it('the periodic overdue sweep announces the tasks it creates', async () => {
    const db = server.database.db;
    const { practiceId, provider } = await officeWithProvider(db);
    const patient = await insertPatient(db, practiceId);
    const next = await queueOf(practiceId, Role.FRONT_DESK);
    const [order] = await db
      .insert(orders)
      .values({ practiceId, patientId: patient.id, orderingProviderId: provider.id, kind: 'LAB', codes: ['80053'], diagnosisCodes: ['E11.9'], priority: 'ROUTINE', dueDate: addDays(todayIn('UTC'), -10), orderedBy: 'doc-1' })
      .returning();
    const loop = startOverdueTaskLoop(db, server.app.pubsub, 20, { info: () => {}, error: () => {} });
    try {
      expect(await next()).toEqual({ taskId: expect.any(String), kind: 'CREATED', status: 'OPEN', assigneeUserId: null, queueRole: 'FRONT_DESK' });
    } finally {
      await loop.stop();
    }
    expect(order).toBeDefined();
  });

  it('publishes nothing for a transaction that rolls back, nor for a savepoint that does', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    await createLocation(db, practiceId);
    const next = await queueOf(practiceId, Role.BILLER);
    const spec = (sourceKey: string) => ({ sourceKey, title: sourceKey, queueRole: 'BILLER' });
    await expect(
      db.transaction(async (tx) => {
        await ensureTasks(tx, practiceId, 'test', [spec('rolled-back')]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const kept = await db.transaction(async (tx) => {
      await tx.transaction(async (sp) => {
        await ensureTasks(sp, practiceId, 'test', [spec('savepoint-rolled-back')]);
        sp.rollback();
      }).catch(() => {});
      return (await ensureTasks(tx, practiceId, 'test', [spec('committed')])).created[0]!;
    });
    // The first message is the committed task: neither the rolled-back transaction nor the savepoint published.
    expect(await next()).toMatchObject({ taskId: kept.id, kind: 'CREATED' });
  });
});
