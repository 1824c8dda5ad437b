import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryStatsStorage } from '../../../server/src/db/query-stats.js';
import { orders } from '../../../server/src/db/schema/orders.js';
import { externalProviders, referrals } from '../../../server/src/db/schema/referrals.js';
import { tasks } from '../../../server/src/db/schema/tasks.js';
import { syntheticNpi } from '../../../server/src/demo/synthetic.js';
import { todayIn } from '../../../server/src/lib/dates.js';
import { addDays } from '../../../server/src/lib/local-time.js';
import { createOverdueOrderTasks } from '../../../server/src/modules/orders/order-overdue.service.js';
import { createOverdueReferralTasks } from '../../../server/src/modules/referrals/referral-overdue.service.js';
import { createProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// Issue 16: the overdue sweep runs over every practice in a fixed number of statements, each by its own today.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

let npi = 610000000;
/** A practice in `timeZone` with an order 10 days past due and an outgoing referral sent 20 days ago. */
async function practiceWithOverdueWork(timeZone: string) {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  await createLocation(db, practiceId, { timeZone });
  const provider = await createProvider(db, practiceId);
  const patient = await insertPatient(db, practiceId);
  const today = todayIn(timeZone);
  npi += 7919;
  const [specialist] = await db.insert(externalProviders).values({ practiceId, name: 'Dr. Example Specialist', npi: syntheticNpi(npi) }).returning();
  await db.insert(orders).values({ practiceId, patientId: patient.id, orderingProviderId: provider.id, kind: 'LAB', codes: ['80053'], dueDate: addDays(today, -10), orderedBy: 'doc-1' });
  await db.insert(referrals).values({ practiceId, direction: 'OUTGOING', patientId: patient.id, providerId: provider.id, externalProviderId: specialist!.id, reason: 'x', status: 'SENT', sentOn: addDays(today, -20), createdBy: 'doc-1' });
  return { practiceId, today };
}

async function sweep() {
  const stats = { statements: 0, requestId: 'sweep' };
  const created = await queryStatsStorage.run(stats, async () => (await createOverdueReferralTasks(server.database.db, null, 'sweeper')) + (await createOverdueOrderTasks(server.database.db, null, 'sweeper')));
  return { created, statements: stats.statements };
}

describe('overdue sweep over every practice', () => {
  it('makes each practice its tasks, due on its own today, in the same number of statements for one practice or three', async () => {
    const first = await practiceWithOverdueWork('America/New_York');
    const one = await sweep();
    expect(one.created).toBeGreaterThanOrEqual(2);
    // Two more practices, at both ends of the calendar.
    const far = [await practiceWithOverdueWork('Pacific/Kiritimati'), await practiceWithOverdueWork('Pacific/Pago_Pago')];
    const three = await sweep();
    expect(three.created).toBe(4);
    expect(three.statements).toBe(one.statements);
    for (const p of [first, ...far]) {
      const rows = await server.database.db.select().from(tasks).where(and(eq(tasks.practiceId, p.practiceId), eq(tasks.createdBy, 'sweeper')));
      expect(rows.map((t) => [t.sourceKey!.split(':')[0], t.sourceKey!.split(':')[2], t.queueRole, t.dueDate]).sort()).toEqual([
        ['order', 'overdue', 'FRONT_DESK', p.today],
        ['referral', 'not-scheduled', 'FRONT_DESK', p.today],
      ]);
    }
    // Once per item, ever.
    expect((await sweep()).created).toBe(0);
  });
});
