import { createClient } from '@medoffice/sdk';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { supplyMovements, supplyReorderAlerts } from '../../../server/src/db/schema/supplies.js';
import { tasks } from '../../../server/src/db/schema/tasks.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { seedDemoSupplies } from '../../../server/src/demo/seed-supplies.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { DEMO_HOOK_TIMEOUT, demoNow } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { stockLedger } from '../../factories/supply.factory.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
}, DEMO_HOOK_TIMEOUT);

describe('demo supplies', () => {
  it('stocks both locations consistently, with something to reorder, lots expiring, orders in three states and visits consuming gloves; once', async () => {
    const db = server.database.db;
    const now = demoNow();
    const practiceId = DEMO_PRACTICE_ID;
    const admin = createClient({ url: server.url, token: await server.token(practiceId, [Role.FRONT_DESK]), retry: false });
    const items = (await admin.supplyItems({ first: 50 })).supplyItems.edges.map((e) => e.node);
    expect(items).toHaveLength(10);
    expect(items.filter((i) => i.hcpcsCode).map((i) => i.hcpcsCode).sort()).toEqual(['A4550', 'A4565', 'J1100', 'J3420', 'Q2035']);
    for (const item of items) {
      const l = await stockLedger(db, practiceId, item.id);
      expect(l.balances, item.sku).toEqual(l.moves);
      expect(l.balances.every((b) => b.quantity >= 0), item.sku).toBe(true);
    }
    const locations = [...new Set((await db.select({ l: supplyMovements.locationId }).from(supplyMovements).where(eq(supplyMovements.practiceId, practiceId))).map((r) => r.l))];
    expect(locations).toHaveLength(2);
    let reorder = 0;
    let alerts = 0;
    for (const locationId of locations) {
      reorder += (await admin.suppliesToReorder({ locationId })).suppliesToReorder.length;
      alerts += (await admin.supplyReorderAlerts({ locationId })).supplyReorderAlerts.length;
      expect((await admin.expiringSupplyLots({ locationId, withinDays: 30 })).expiringSupplyLots.length).toBe(3);
    }
    expect(reorder).toBeGreaterThanOrEqual(2);
    expect(alerts).toBe(reorder);
    // Every open alert has its one reorder task in the PRACTICE_ADMIN queue, about the item.
    const open = await db.select().from(supplyReorderAlerts).where(and(eq(supplyReorderAlerts.practiceId, practiceId), isNull(supplyReorderAlerts.clearedAt)));
    const reorderTasks = await db.select().from(tasks).where(and(eq(tasks.practiceId, practiceId), eq(tasks.aboutType, 'SUPPLY_ITEM')));
    expect(reorderTasks.map((t) => [t.sourceKey, t.aboutId, t.queueRole, t.status]).sort()).toEqual(open.map((a) => [`supply-alert:${a.id}`, a.itemId, 'PRACTICE_ADMIN', 'OPEN']).sort());
    const orders = (await admin.purchaseOrders({ first: 10 })).purchaseOrders.edges.map((e) => e.node.status).sort();
    expect(orders).toEqual(['DRAFT', 'RECEIVED', 'SUBMITTED']);
    const moves = await db.select().from(supplyMovements).where(eq(supplyMovements.practiceId, practiceId));
    expect(moves.filter((m) => m.kind === 'CONSUME' && m.appointmentId).length).toBe(40);
    expect(new Set(moves.map((m) => m.kind))).toEqual(new Set(['ADJUST', 'RECEIVE', 'ALLOCATE', 'CONSUME']));
    // Seeding again records nothing.
    expect(await seedDemoSupplies(db, practiceId, now)).toBe(0);
    expect(await db.$count(supplyMovements, eq(supplyMovements.practiceId, practiceId))).toBe(moves.length);
    expect(await db.$count(tasks, and(eq(tasks.practiceId, practiceId), eq(tasks.aboutType, 'SUPPLY_ITEM')))).toBe(open.length);
  });
});
