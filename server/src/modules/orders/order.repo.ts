import { and, asc, type Column, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { orderHistory, orders } from '../../db/schema/orders.js';
import { appointments } from '../../db/schema/scheduling.js';
import { practiceToday } from '../tasks/practice-today.js';

export type OrderHistoryRow = typeof orderHistory.$inferSelect;
export type NewOrderRow = Omit<typeof orders.$inferInsert, 'id' | 'practiceId'>;
export type OrderRow = typeof orders.$inferSelect & { overdue: boolean };

const PENDING = sql`('ORDERED', 'SCHEDULED', 'COLLECTED', 'PERFORMED')`;
const overdueSql = (practiceId: string | Column) => sql<boolean>`(${orders.status} in ${PENDING} and ${orders.dueDate} < ${practiceToday(practiceId)})`;

/** Every column plus `overdue` as of the practice's today. */
export const orderColumns = (practiceId: string) => ({ ...getTableColumns(orders), overdue: overdueSql(practiceId).mapWith(Boolean) });

/** Inserts an order. */
export async function insertOrder(tx: Db, practiceId: string, values: NewOrderRow): Promise<OrderRow> {
  const [row] = await tx.insert(orders).values({ ...values, practiceId }).returning(orderColumns(practiceId));
  return row!;
}

/** Orders of one practice by id. */
export function findOrdersByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<OrderRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select(orderColumns(practiceId)).from(orders).where(and(eq(orders.practiceId, practiceId), inArray(orders.id, [...ids])));
}

/**
 * The orders of several patients (any status), newest first, at most `limit` per patient: one statement for a
 * page of patients (Patient.orders' loader).
 */
export async function findOrdersOfPatients(db: Db, practiceId: string, patientIds: readonly string[], limit: number): Promise<OrderRow[]> {
  if (patientIds.length === 0) return [];
  const ranked = db
    .select({ id: orders.id, rank: sql<number>`row_number() over (partition by ${orders.patientId} order by ${orders.createdAt} desc, ${orders.id} desc)`.as('rank') })
    .from(orders)
    .where(and(eq(orders.practiceId, practiceId), inArray(orders.patientId, [...patientIds])))
    .as('ranked');
  return db
    .select(orderColumns(practiceId))
    .from(orders)
    .innerJoin(ranked, eq(ranked.id, orders.id))
    .where(sql`${ranked.rank} <= ${limit}`)
    .orderBy(desc(orders.createdAt), desc(orders.id));
}

/** The orders linked to several appointments (a procedure visit), oldest first: one statement (Appointment.orders' loader). */
export function findOrdersOfAppointments(db: Db, practiceId: string, appointmentIds: readonly string[]): Promise<OrderRow[]> {
  if (appointmentIds.length === 0) return Promise.resolve([]);
  return db
    .select(orderColumns(practiceId))
    .from(orders)
    .where(and(eq(orders.practiceId, practiceId), inArray(orders.appointmentId, [...appointmentIds])))
    .orderBy(asc(orders.createdAt), asc(orders.id));
}

/** Changes an order still at `expectedVersion` and in `fromStatus`. @returns the row, or null when it moved on */
export async function updateOrderIf(tx: Db, practiceId: string, id: string, expectedVersion: number, fromStatus: string, set: PgUpdateSetSource<typeof orders>): Promise<OrderRow | null> {
  const [row] = await tx
    .update(orders)
    .set({ ...set, version: sql`${orders.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(orders.practiceId, practiceId), eq(orders.id, id), eq(orders.version, expectedVersion), eq(orders.status, fromStatus)))
    .returning(orderColumns(practiceId));
  return row ?? null;
}

/** Appends a step to an order's history. */
export async function insertOrderHistory(tx: Db, practiceId: string, entry: Omit<typeof orderHistory.$inferInsert, 'seq' | 'practiceId' | 'at'>): Promise<void> {
  await tx.insert(orderHistory).values({ ...entry, practiceId });
}

/** The histories of several orders, oldest first (for the loader). */
export function findOrderHistory(db: Db, practiceId: string, ids: readonly string[]): Promise<OrderHistoryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(orderHistory).where(and(eq(orderHistory.practiceId, practiceId), inArray(orderHistory.orderId, [...ids]))).orderBy(asc(orderHistory.orderId), asc(orderHistory.seq));
}

/** The start of the patient's appointment in the practice, or null when there is no such appointment. */
export async function findAppointmentStart(db: Db, practiceId: string, patientId: string, appointmentId: string): Promise<Date | null> {
  const [row] = await db.select({ startsAt: appointments.startsAt }).from(appointments).where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, appointmentId), eq(appointments.patientId, patientId)));
  return row?.startsAt ?? null;
}

/** The conditions of each work list. */
export function orderListWhere(practiceId: string, list: string, patientId: string | null): SQL[] {
  const where: SQL[] = [eq(orders.practiceId, practiceId)];
  if (patientId) where.push(eq(orders.patientId, patientId));
  const byList: Record<string, SQL> = {
    OPEN: sql`${orders.status} not in ('REVIEWED', 'CANCELLED')`,
    OVERDUE: overdueSql(practiceId),
    NOT_SCHEDULED: sql`${orders.status} = 'ORDERED'`,
    AWAITING_RESULTS: sql`${orders.status} in ('COLLECTED', 'PERFORMED')`,
    AWAITING_REVIEW: sql`${orders.status} = 'RESULTED'`,
  };
  where.push(byList[list]!);
  return where;
}

/** Cursor value types of the list order: [overdue rank, priority rank, due date, id]. */
export const ORDER_CURSOR_TYPES = ['int', 'int', 'date', 'uuid'] as const;

/** A page of open orders: overdue first, then STAT → ROUTINE, then due date (none last), then id. @returns up to limit+1 rows with their keys */
export async function findOrderPage(db: Db, practiceId: string, where: SQL[], limit: number, cursor: unknown[] | null, forward: boolean): Promise<(OrderRow & { keys: unknown[] })[]> {
  const keys = [sql`(case when ${overdueSql(practiceId)} then 0 else 1 end)`, sql`(case ${orders.priority} when 'STAT' then 0 when 'URGENT' then 1 else 2 end)`, sql`coalesce(${orders.dueDate}, '9999-12-31'::date)`, sql`${orders.id}`];
  const all = [...where];
  if (cursor) {
    const values = sql.join(cursor.map((v, i) => sql`${v}::${sql.raw(ORDER_CURSOR_TYPES[i]!)}`), sql`, `);
    all.push(forward ? sql`(${sql.join(keys, sql`, `)}) > (${values})` : sql`(${sql.join(keys, sql`, `)}) < (${values})`);
  }
  const dir = forward ? sql`asc` : sql`desc`;
  const rows = await db
    .select({ ...orderColumns(practiceId), k0: sql<number>`${keys[0]}`.mapWith(Number), k1: sql<number>`${keys[1]}`.mapWith(Number), k2: sql<string>`${keys[2]}::text` })
    .from(orders)
    .where(and(...all))
    .orderBy(...keys.map((k) => sql`${k} ${dir}`))
    .limit(limit + 1);
  return rows.map(({ k0, k1, k2, ...r }) => ({ ...r, keys: [k0, k1, k2, r.id] }));
}

/** How many orders match `where`. */
export async function countOrders(db: Db, where: SQL[]): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orders).where(and(...where));
  return Number(row?.n ?? 0);
}

/** Orders overdue (or resulted and unreviewed since `reviewDays` days) with what a task needs, for the sweep. */
export function findOrdersNeedingTasks(db: Db, practiceId: string | null, reviewDays: number): Promise<{ id: string; practiceId: string; patientId: string; priority: string; overdue: boolean; today: string }[]> {
  const overdue = overdueSql(practiceId ?? orders.practiceId);
  return db
    .select({ id: orders.id, practiceId: orders.practiceId, patientId: orders.patientId, priority: orders.priority, overdue: overdue.mapWith(Boolean), today: sql<string>`${practiceToday(orders.practiceId)}::text` })
    .from(orders)
    .where(and(...(practiceId ? [eq(orders.practiceId, practiceId)] : []), sql`(${overdue} or (${orders.status} = 'RESULTED' and ${orders.resultedAt} <= now() - make_interval(days => ${reviewDays}::int)))`));
}
