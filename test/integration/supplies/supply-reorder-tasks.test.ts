import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { supplyReorderAlerts } from '../../../server/src/db/schema/supplies.js';
import { taskEvents, tasks } from '../../../server/src/db/schema/tasks.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { ensureOpenAlertTasks } from '../../../server/src/modules/supplies/supply-alerts.service.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { supplyOffice } from '../../factories/supply.factory.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
});

describe('a task when an item falls below its reorder point (issue 18)', () => {
  it('creates one PRACTICE_ADMIN task per fall below: none for more consumption while below, a new one after a restock', async () => {
    const o = await supplyOffice(server);
    const reorderTasks = () =>
      o.db.select().from(tasks).where(and(eq(tasks.practiceId, o.practiceId), eq(tasks.aboutType, 'SUPPLY_ITEM'), eq(tasks.aboutId, o.gloves.id))).orderBy(asc(tasks.createdAt), asc(tasks.id));
    await o.admin.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, counted: 150, reason: 'opening stock' } });
    await o.admin.setSupplyLevel({ input: { itemId: o.gloves.id, locationId: o.main.id, reorderPoint: 100, parLevel: 300 } });
    expect(await reorderTasks()).toHaveLength(0);

    const clinician = await o.client([Role.CLINICIAN]);
    await clinician.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 60 } });
    const [first, ...more] = await reorderTasks();
    expect(more).toHaveLength(0);
    const [alert] = (await o.admin.supplyReorderAlerts({ locationId: o.main.id })).supplyReorderAlerts;
    expect(first).toMatchObject({ sourceKey: `supply-alert:${alert!.id}`, queueRole: 'PRACTICE_ADMIN', assigneeUserId: null, status: 'OPEN', priority: 'HIGH', createdBy: 'system:supplies', title: 'Reorder Nitrile gloves, medium: 90 on hand, reorder point 100' });
    expect(await o.db.select().from(taskEvents).where(eq(taskEvents.taskId, first!.id))).toMatchObject([{ kind: 'CREATED', toStatus: 'OPEN', queueRole: 'PRACTICE_ADMIN' }]);
    // It shows in the admins' queue, about the item.
    const queue = (await o.admin.taskQueue({ role: Role.PRACTICE_ADMIN })).taskQueue.edges.map((e) => e.node);
    expect(queue.find((t) => t.id === first!.id)?.about).toEqual({ type: 'SUPPLY_ITEM', id: o.gloves.id });

    // Still below: no new task, however often stock moves.
    await clinician.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 10 } });
    await o.admin.setSupplyLevel({ input: { itemId: o.gloves.id, locationId: o.main.id, reorderPoint: 101, parLevel: 300 } });
    expect(await reorderTasks()).toHaveLength(1);

    // Restocked (alert cleared), then below again: a new alert and a new task, the first one untouched.
    await o.admin.countSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, counted: 250, reason: 'delivery' } });
    expect(await reorderTasks()).toHaveLength(1);
    await clinician.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 250 } });
    const after = await reorderTasks();
    expect(after).toHaveLength(2);
    const open = (await o.admin.supplyReorderAlerts({ locationId: o.main.id })).supplyReorderAlerts;
    expect(after[1]).toMatchObject({ sourceKey: `supply-alert:${open[0]!.id}`, priority: 'URGENT', title: 'Reorder Nitrile gloves, medium: 0 on hand, reorder point 101' });
    expect(after[0]!.status).toBe('OPEN');
  });

  it('a withdrawal the database refuses creates no task', async () => {
    const o = await supplyOffice(server);
    await o.admin.setSupplyLevel({ input: { itemId: o.gloves.id, locationId: o.branch.id, reorderPoint: 5, parLevel: 20 } });
    const count = () => o.db.$count(tasks, eq(tasks.practiceId, o.practiceId));
    const before = await count();
    const clinician = await o.client([Role.CLINICIAN]);
    await expect(clinician.consumeSupplies({ input: { itemId: o.gloves.id, place: { locationId: o.main.id }, quantity: 1 } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await count()).toBe(before);
  });

  it('open alerts raised before alerts made tasks get their task once (the demo seed runs this)', async () => {
    const o = await supplyOffice(server);
    const [alert] = await o.db.insert(supplyReorderAlerts).values({ practiceId: o.practiceId, itemId: o.vaccine.id, locationId: o.main.id, onHand: 2, reorderPoint: 5 }).returning();
    expect(await o.db.transaction((tx) => ensureOpenAlertTasks(tx, o.practiceId))).toBe(1);
    expect(await o.db.transaction((tx) => ensureOpenAlertTasks(tx, o.practiceId))).toBe(0);
    const rows = await o.db.select().from(tasks).where(eq(tasks.practiceId, o.practiceId));
    expect(rows).toMatchObject([{ sourceKey: `supply-alert:${alert!.id}`, aboutType: 'SUPPLY_ITEM', aboutId: o.vaccine.id, title: 'Reorder Influenza vaccine, 0.5 mL: 2 on hand, reorder point 5' }]);
  });
});
