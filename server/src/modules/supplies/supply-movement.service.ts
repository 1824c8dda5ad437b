import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sqlState } from '../scheduling/sql-state.js';
import { refreshReorderAlerts } from './supply-alerts.service.js';
import type { Place } from './supply-places.service.js';
import { pickFefo } from './supply-stock.rules.js';
import { insertMovements, lockBalances, type SupplyMovementInsert, type SupplyMovementRow } from './supply-stock.repo.js';

const CHECK_VIOLATION = '23514';

/** True for the database refusing a negative balance (postgres.js names the constraint `constraint_name`, PGlite `constraint`). */
function isNegativeStock(err: unknown): boolean {
  const cause = (err as { cause?: { constraint_name?: string; constraint?: string } }).cause;
  return sqlState(err) === CHECK_VIOLATION && (cause?.constraint_name ?? cause?.constraint) === 'supply_stock_not_negative';
}

/** A movement before it is recorded (practice, operation and author are added by `record`). */
export type DraftMovement = Omit<SupplyMovementInsert, 'practiceId' | 'operationId' | 'createdBy'>;

/**
 * Takes `quantity` units of an item from a place, first-expiring lots first, on the caller's
 * transaction: locks the place's lot balances, so concurrent withdrawals decide on current stock.
 * @returns one negative draft movement per lot taken
 * @throws BAD_USER_INPUT at `path` when the place holds fewer units
 */
export async function withdrawFefo(tx: Db, practiceId: string, itemId: string, place: Place, quantity: number, kind: string, path: string): Promise<DraftMovement[]> {
  const balances = await lockBalances(tx, practiceId, itemId, place.locationId, place.roomId);
  const takes = pickFefo(balances, quantity);
  if (!takes) {
    const onHand = balances.reduce((s, b) => s + b.quantity, 0);
    throw badInput([{ path, message: `exceeds the ${onHand} units on hand there` }]);
  }
  return takes.map((t) => ({ kind, itemId, locationId: place.locationId, roomId: place.roomId, lot: t.lot, expiryDate: t.expiryDate, quantity: -t.take }));
}

/**
 * Records draft movements as one operation on the caller's transaction, refreshes the reorder alerts
 * of every location they touch, and audits the operation (a CREATE of SupplyMovement, id = operation).
 * The database adds each movement to its balance and refuses a negative balance.
 * @param operationId - the operation's id (a new one unless an idempotency key already named it)
 * @returns the recorded rows
 * @throws BAD_USER_INPUT at `path` when the database refuses a negative balance
 */
export async function record(tx: Db, principal: Principal, audit: AuditTrail, drafts: DraftMovement[], path: string, operationId: string = randomUUID()): Promise<SupplyMovementRow[]> {
  if (drafts.length === 0) return [];
  let rows: SupplyMovementRow[];
  try {
    rows = await insertMovements(
      tx,
      drafts.map((d) => ({ ...d, practiceId: principal.practiceId, operationId, createdBy: principal.userId })),
    );
  } catch (err) {
    if (isNegativeStock(err)) throw badInput([{ path, message: 'would take stock below zero' }]);
    throw err;
  }
  const byLocation = new Map<string, Set<string>>();
  for (const r of rows) byLocation.set(r.locationId, (byLocation.get(r.locationId) ?? new Set()).add(r.itemId));
  for (const [locationId, items] of byLocation) await refreshReorderAlerts(tx, principal.practiceId, locationId, [...items]);
  await audit.write(tx, 'CREATE', 'SupplyMovement', operationId);
  return rows;
}
