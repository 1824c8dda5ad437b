import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orderHistory, orders } from '../../db/schema/orders.js';

/**
 * Moves orders that a lab result answers (or whose result was reviewed) to `to`, from any of `from`, with a
 * history entry each: three statements whatever the number of orders (lock, move, history). Orders in another status are left as
 * they are (a cancelled order stays cancelled; a correction of a reviewed result does not reopen it).
 * @returns the orders moved, with the status they left
 */
export async function advanceOrdersForResults(tx: Db, practiceId: string, ids: readonly string[], from: readonly string[], to: 'RESULTED' | 'REVIEWED', byUserId: string, reference: string | null): Promise<{ id: string; patientId: string }[]> {
  if (ids.length === 0) return [];
  const where = and(eq(orders.practiceId, practiceId), inArray(orders.id, [...ids]), inArray(orders.status, [...from]));
  const before = await tx.select({ id: orders.id, status: orders.status }).from(orders).where(where).for('update');
  if (before.length === 0) return [];
  const fromStatus = new Map(before.map((o) => [o.id, o.status]));
  const moved = await tx
    .update(orders)
    .set(to === 'RESULTED' ? { status: to, resultedAt: sql`now()`, resultReference: reference, version: sql`${orders.version} + 1`, updatedAt: sql`now()` } : { status: to, reviewedBy: byUserId, reviewedAt: sql`now()`, version: sql`${orders.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(orders.practiceId, practiceId), inArray(orders.id, [...fromStatus.keys()])))
    .returning({ id: orders.id, patientId: orders.patientId });
  if (moved.length > 0) await tx.insert(orderHistory).values(moved.map((o) => ({ practiceId, orderId: o.id, fromStatus: fromStatus.get(o.id) ?? null, toStatus: to, note: reference ? `Result ${reference}` : null, byUserId })));
  return moved;
}
