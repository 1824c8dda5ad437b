/** Order statuses and the moves between them: pure rules, unit-tested beside. */
export type OrderStatusName = 'ORDERED' | 'SCHEDULED' | 'COLLECTED' | 'PERFORMED' | 'RESULTED' | 'REVIEWED' | 'CANCELLED';
export type OrderKindName = 'LAB' | 'IMAGING' | 'PROCEDURE' | 'REFERRAL' | 'DME';

const MOVES: Record<OrderStatusName, OrderStatusName[]> = {
  ORDERED: ['SCHEDULED', 'COLLECTED', 'PERFORMED', 'CANCELLED'],
  SCHEDULED: ['SCHEDULED', 'COLLECTED', 'PERFORMED', 'CANCELLED'],
  COLLECTED: ['RESULTED', 'CANCELLED'],
  PERFORMED: ['RESULTED', 'CANCELLED'],
  RESULTED: ['REVIEWED'],
  REVIEWED: [],
  CANCELLED: [],
};

/** Statuses that end an order. */
export const FINAL_ORDER_STATUSES: readonly OrderStatusName[] = ['REVIEWED', 'CANCELLED'];

/** Statuses in which an order past its due date is overdue (not yet resulted). */
export const PENDING_ORDER_STATUSES: readonly OrderStatusName[] = ['ORDERED', 'SCHEDULED', 'COLLECTED', 'PERFORMED'];

/**
 * Whether an order of `kind` may move from `from` to `to`. A specimen is COLLECTED (labs only); everything
 * else is PERFORMED. SCHEDULED → SCHEDULED is a reschedule.
 */
export function canMoveOrder(kind: OrderKindName, from: OrderStatusName, to: OrderStatusName): boolean {
  if (to === 'COLLECTED' && kind !== 'LAB') return false;
  if (to === 'PERFORMED' && kind === 'LAB') return false;
  return MOVES[from].includes(to);
}
