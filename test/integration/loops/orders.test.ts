import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderHistory, orders } from '../../../server/src/db/schema/orders.js';
import { taskEvents, tasks } from '../../../server/src/db/schema/tasks.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { todayIn } from '../../../server/src/lib/dates.js';
import { addDays } from '../../../server/src/lib/local-time.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { loincCheckDigitOk } from '../../../server/src/modules/orders/order.service.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const O = 'id kind status priority dueDate overdue codes diagnosisCodes scheduledFor appointmentId collectedOrPerformedAt resultedAt resultReference reviewedBy cancelReason version';
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { ${O} } } }`;
const MOVE = `mutation($input: MoveOrderInput!) { moveOrder(input: $input) { order { ${O} } } }`;
const ONE = `query($id: ID!) { order(id: $id) { ${O} history { fromStatus toStatus note byUserId } tasks { sourceKey queueRole } } }`;
const OPEN = `query($filter: OrderFilter, $first: Int, $after: String) { openOrders(filter: $filter, first: $first, after: $after) { totalCount edges { node { id status overdue priority patient { id } history { toStatus } } } pageInfo { hasNextPage endCursor } } }`;
const SWEEP = 'mutation { createOverdueOrderTasks { created } }';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
});

async function office() {
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const patient = await insertPatient(db, practiceId);
  const today = todayIn('America/New_York');
  const as = async (roles: Role[], userId: string) => {
    const token = await server.token(practiceId, roles, userId);
    return (q: string, v?: Record<string, unknown>) => server.gql(token, q, v);
  };
  const base = { patientId: patient.id, orderingProviderId: provider.id, kind: 'LAB', codes: ['4548-4', '2345-7'], diagnosisCodes: ['E11.9'], dueDate: today, performingOrganization: 'Example Reference Lab' };
  return { db, practiceId, location, provider, type, patient, today, base, clinician: await as([Role.CLINICIAN], 'doc-1'), desk: await as([Role.FRONT_DESK], 'desk-1'), biller: await as([Role.BILLER], 'biller-1') };
}

describe('orders', () => {
  it('checks LOINC check digits', () => {
    expect(['2345-7', '718-7', '4548-4', '2160-0'].every(loincCheckDigitOk)).toBe(true);
    expect(['2345-6', '718-1'].some(loincCheckDigitOk)).toBe(false);
  });

  it('runs a lab order from ordered to reviewed, linked to its visit, every step recorded', async () => {
    const { db, practiceId, location, provider, type, patient, base, clinician, desk, biller } = await office();
    const placed = await clinician(PLACE, { input: { ...base, priority: 'URGENT', instructions: 'Fasting' } });
    expect(placed.errors).toBeUndefined();
    const o = placed.data!.placeOrder.order;
    expect(o).toMatchObject({ kind: 'LAB', status: 'ORDERED', codes: ['4548-4', '2345-7'], diagnosisCodes: ['E119'], overdue: false, version: 1 });
    const visit = await insertAppointment(db, practiceId, { patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id }, new Date('2026-03-02T14:00:00Z'));
    const scheduled = await desk(MOVE, { input: { id: o.id, expectedVersion: 1, to: 'SCHEDULED', appointmentId: visit.id } });
    expect(scheduled.data!.moveOrder.order).toMatchObject({ status: 'SCHEDULED', appointmentId: visit.id, scheduledFor: '2026-03-02T14:00:00.000Z' });
    expect((await desk(MOVE, { input: { id: o.id, expectedVersion: 2, to: 'PERFORMED' } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const collected = await clinician(MOVE, { input: { id: o.id, expectedVersion: 2, to: 'COLLECTED', at: '2026-03-02T14:20:00Z' } });
    expect(collected.data!.moveOrder.order.collectedOrPerformedAt).toBe('2026-03-02T14:20:00.000Z');
    const resulted = await desk(MOVE, { input: { id: o.id, expectedVersion: 3, to: 'RESULTED', resultReference: 'result:lab-991' } });
    expect(resulted.data!.moveOrder.order).toMatchObject({ status: 'RESULTED', resultReference: 'result:lab-991' });
    expect((await desk(MOVE, { input: { id: o.id, expectedVersion: 4, to: 'REVIEWED' } })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await biller(MOVE, { input: { id: o.id, expectedVersion: 4, to: 'REVIEWED' } })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const reviewed = await clinician(MOVE, { input: { id: o.id, expectedVersion: 4, to: 'REVIEWED', note: 'A1c improved' } });
    expect(reviewed.data!.moveOrder.order).toMatchObject({ status: 'REVIEWED', reviewedBy: 'doc-1', version: 5 });
    expect((await clinician(MOVE, { input: { id: o.id, expectedVersion: 5, to: 'CANCELLED', note: 'x' } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const read = await biller(ONE, { id: o.id });
    expect(read.data!.order.history.map((h: any) => [h.fromStatus, h.toStatus, h.byUserId])).toEqual([
      [null, 'ORDERED', 'doc-1'],
      ['ORDERED', 'SCHEDULED', 'desk-1'],
      ['SCHEDULED', 'COLLECTED', 'doc-1'],
      ['COLLECTED', 'RESULTED', 'desk-1'],
      ['RESULTED', 'REVIEWED', 'doc-1'],
    ]);
    expect((await auditEntries(db, { practiceId, entityId: o.id })).filter((e) => e.action !== 'READ').map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    await expect(db.execute(sql`delete from order_history where order_id = ${o.id}`)).rejects.toThrow();
  });

  it('lists open orders overdue first per work list in a fixed number of statements, and makes each overdue task once', async () => {
    const { db, practiceId, patient, today, base, clinician, desk } = await office();
    const place = async (over: Record<string, unknown>) => (await clinician(PLACE, { input: { ...base, ...over } })).data!.placeOrder.order;
    const routine = await place({ dueDate: addDays(today, 10) });
    const stat = await place({ priority: 'STAT', dueDate: addDays(today, 5), kind: 'IMAGING', codes: ['71046'] });
    const late = await place({ dueDate: today });
    const undated = await place({ dueDate: null, kind: 'DME', codes: ['E0601'] });
    // Make `late` overdue and `routine` resulted 5 days ago (as if days had passed).
    await db.update(orders).set({ dueDate: addDays(today, -2) }).where(eq(orders.id, late.id));
    await desk(MOVE, { input: { id: routine.id, expectedVersion: 1, to: 'COLLECTED' } });
    await desk(MOVE, { input: { id: routine.id, expectedVersion: 2, to: 'RESULTED' } });
    await db.update(orders).set({ resultedAt: new Date(Date.now() - 5 * 86400_000) }).where(eq(orders.id, routine.id));

    const all = await desk(OPEN, { first: 2 });
    const ids: string[] = all.data!.openOrders.edges.map((e: any) => e.node.id);
    expect(all.extensions!.stats!.sqlStatements).toBeLessThanOrEqual(5);
    const next = await desk(OPEN, { first: 2, after: all.data!.openOrders.pageInfo.endCursor });
    ids.push(...next.data!.openOrders.edges.map((e: any) => e.node.id));
    expect(ids).toEqual([late.id, stat.id, routine.id, undated.id]);
    expect(all.data!.openOrders.edges[0].node).toMatchObject({ overdue: true, patient: { id: patient.id } });
    const list = async (name: string) => (await desk(OPEN, { filter: { list: name } })).data!.openOrders.edges.map((e: any) => e.node.id);
    expect(await list('OVERDUE')).toEqual([late.id]);
    expect(await list('NOT_SCHEDULED')).toEqual([late.id, stat.id, undated.id]);
    expect(await list('AWAITING_REVIEW')).toEqual([routine.id]);
    expect(await list('AWAITING_RESULTS')).toEqual([]);

    const runs = await Promise.all([desk(SWEEP), desk(SWEEP), clinician(SWEEP)]);
    expect(runs.reduce((n, r) => n + r.data!.createOverdueOrderTasks.created, 0)).toBe(2);
    expect((await desk(SWEEP)).data!.createOverdueOrderTasks.created).toBe(0);
    expect((await desk(ONE, { id: late.id })).data!.order.tasks).toEqual([{ sourceKey: `order:${late.id}:overdue`, queueRole: 'FRONT_DESK' }]);
    expect((await desk(ONE, { id: routine.id })).data!.order.tasks).toEqual([{ sourceKey: `order:${routine.id}:review`, queueRole: 'CLINICIAN' }]);
    // Cancelling needs a reason and takes it off every list.
    expect((await desk(MOVE, { input: { id: late.id, expectedVersion: 1, to: 'CANCELLED' } })).errors?.[0]?.extensions.fields).toEqual([{ path: 'input.note', message: 'the reason is required to cancel' }]);
    await desk(MOVE, { input: { id: late.id, expectedVersion: 1, to: 'CANCELLED', note: 'Patient declined' } });
    expect(await list('OVERDUE')).toEqual([]);
    // The steps close their system tasks: a cancelled order's chase is CANCELLED, a reviewed result's review DONE.
    await clinician(MOVE, { input: { id: routine.id, expectedVersion: 3, to: 'REVIEWED' } });
    const taskOf = async (key: string) => {
      const [t] = await db.select().from(tasks).where(and(eq(tasks.practiceId, practiceId), eq(tasks.sourceKey, key)));
      const events = await db.select().from(taskEvents).where(and(eq(taskEvents.taskId, t!.id), eq(taskEvents.kind, 'STATUS_CHANGED')));
      return [t!.status, events.map((e) => [e.fromStatus, e.toStatus, e.byUserId, e.comment])];
    };
    expect(await taskOf(`order:${late.id}:overdue`)).toEqual(['CANCELLED', [['OPEN', 'CANCELLED', 'desk-1', 'Closed automatically: the order moved to CANCELLED']]]);
    expect(await taskOf(`order:${routine.id}:review`)).toEqual(['DONE', [['OPEN', 'DONE', 'doc-1', 'Closed automatically: the order moved to REVIEWED']]]);
    const [{ n }] = await db.select({ n: count() }).from(orderHistory).where(eq(orderHistory.practiceId, practiceId));
    expect(n).toBe(8);
  });

  it('refuses bad codes, past due dates, other practices\' records and non-clinicians placing orders, storing nothing', async () => {
    const { db, practiceId, base, clinician, desk } = await office();
    expect((await clinician(PLACE, { input: { ...base, codes: ['2345-6'] } })).errors?.[0]?.extensions.fields).toEqual([{ path: 'input.codes.0', message: 'has a wrong LOINC check digit' }]);
    expect((await clinician(PLACE, { input: { ...base, codes: ['4548-4', 'XYZ'] } })).errors?.[0]?.extensions.fields).toEqual([{ path: 'input.codes.1', message: 'is not a CPT, HCPCS or LOINC code' }]);
    expect((await clinician(PLACE, { input: { ...base, dueDate: '2020-01-01' } })).errors?.[0]?.extensions.fields).toEqual([{ path: 'input.dueDate', message: 'is in the past' }]);
    expect((await clinician(PLACE, { input: { ...base, diagnosisCodes: ['Q99999'] } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await desk(PLACE, { input: base })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const other = await office();
    expect((await clinician(PLACE, { input: { ...base, patientId: other.patient.id } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await clinician(PLACE, { input: { ...base, orderingProviderId: other.provider.id } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await db.$count(orders, eq(orders.practiceId, practiceId))).toBe(0);
    const theirs = (await other.clinician(PLACE, { input: other.base })).data!.placeOrder.order;
    expect((await desk(ONE, { id: theirs.id })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await desk(MOVE, { input: { id: theirs.id, expectedVersion: 1, to: 'CANCELLED', note: 'x' } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const analyst = await server.gql(await server.token(practiceId, [Role.ANALYST]), OPEN, {});
    expect(analyst.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
