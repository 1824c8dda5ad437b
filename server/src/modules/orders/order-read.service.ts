import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { OrderFilter } from './order.inputs.js';
import { toOrder } from './order.mapper.js';
import * as repo from './order.repo.js';
import { type Order, OrderWorkList } from './order.type.js';

/** One order; the read is audited. @throws NOT_FOUND (also another practice's) */
export async function findOrder(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<Order> {
  const [row] = isUuid(id) ? await repo.findOrdersByIds(db, principal.practiceId, [id]) : [];
  if (!row) throw notFound('Order', id);
  audit.read('Order', row.id, row.patientId);
  return toOrder(row);
}

/**
 * A page of open orders (the chosen work list), overdue first, then by priority and due date; page and count
 * in parallel, each read audited — a fixed number of statements.
 * @throws BAD_USER_INPUT for a foreign cursor
 */
export async function openOrders(db: Db, principal: Principal, audit: AuditTrail, filter: OrderFilter | null | undefined, page: PageRequest, withCount: boolean): Promise<ConnectionShape<Order>> {
  const c = page.cursor;
  const ok = !c || (c.length === 4 && (c[0] === 0 || c[0] === 1) && Number.isInteger(c[1]) && (c[1] as number) >= 0 && (c[1] as number) <= 2 && typeof c[2] === 'string' && isValidLocalDate(c[2]) && typeof c[3] === 'string' && isUuid(c[3]));
  if (!ok) throw badInput([{ path: page.forward ? 'after' : 'before', message: 'is not a cursor issued by this connection' }]);
  const p = principal.practiceId;
  const where = repo.orderListWhere(p, filter?.list ?? OrderWorkList.OPEN, filter?.patientId ?? null);
  const [rows, total] = await Promise.all([repo.findOrderPage(db, p, where, page.limit, c, page.forward), withCount ? repo.countOrders(db, where) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => r.keys, (r) => {
    audit.read('Order', r.id, r.patientId);
    return toOrder(r);
  }, total);
}
