import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { requestHash } from '../scheduling/booking-rules.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { ConsumeSuppliesInput, CountSuppliesInput, DisposeSuppliesInput, MoveSuppliesInput } from './supply.inputs.js';
import { type DraftMovement, record, withdrawFefo } from './supply-movement.service.js';
import { requireItem, requirePlaces } from './supply-places.service.js';
import { appointmentExists, claimOperationKey, findLotExpiries, lockBalances, movementsOfOperation, type SupplyMovementRow } from './supply-stock.repo.js';

/**
 * Consumes units of an item at a place, first-expiring lots first (CONSUME), optionally for an appointment.
 * Retry-safe with an idempotency key: the same key and request returns the movements first recorded.
 * @returns the movements recorded (one per lot taken)
 * @throws NOT_FOUND (item, location, room, appointment); BAD_USER_INPUT when the place holds fewer units; IDEMPOTENCY_KEY_REUSED
 */
export async function consumeSupplies(db: Db, principal: Principal, audit: AuditTrail, input: ConsumeSuppliesInput): Promise<SupplyMovementRow[]> {
  const practiceId = principal.practiceId;
  await requireItem(db, practiceId, input.itemId);
  const [place] = await requirePlaces(db, practiceId, [{ place: input.place, path: 'input.place' }]);
  if (input.appointmentId && !(isUuid(input.appointmentId) && (await appointmentExists(db, practiceId, input.appointmentId)))) throw notFound('Appointment', input.appointmentId);
  return db.transaction(async (tx) => {
    const operationId = randomUUID();
    if (input.idempotencyKey) {
      const hash = requestHash({ itemId: input.itemId, locationId: input.place.locationId, roomId: input.place.roomId ?? null, quantity: input.quantity, appointmentId: input.appointmentId ?? null });
      const earlier = await claimOperationKey(tx, practiceId, input.idempotencyKey, operationId, hash);
      if (earlier && earlier.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${input.idempotencyKey} was already used for a different consumption`);
      if (earlier) return movementsOfOperation(tx, practiceId, earlier.operationId);
    }
    const drafts = await withdrawFefo(tx, practiceId, input.itemId, place!, input.quantity, 'CONSUME', 'input.quantity');
    return record(tx, principal, audit, drafts.map((d) => ({ ...d, appointmentId: input.appointmentId ?? null })), 'input.quantity', operationId);
  });
}

/**
 * Moves units between places, first-expiring lots first: TRANSFER between locations, ALLOCATE between a
 * location's stock room and its rooms. Both sides are one operation.
 * @returns the movements (negative at `from`, positive at `to`, per lot)
 * @throws NOT_FOUND; BAD_USER_INPUT when from and to are the same place or `from` holds fewer units
 */
export async function moveSupplies(db: Db, principal: Principal, audit: AuditTrail, input: MoveSuppliesInput): Promise<SupplyMovementRow[]> {
  const practiceId = principal.practiceId;
  await requireItem(db, practiceId, input.itemId);
  const [from, to] = await requirePlaces(db, practiceId, [
    { place: input.from, path: 'input.from' },
    { place: input.to, path: 'input.to' },
  ]);
  if (from!.locationId === to!.locationId && from!.roomId === to!.roomId) throw badInput([{ path: 'input.to', message: 'is the same place as input.from' }]);
  const kind = from!.locationId === to!.locationId ? 'ALLOCATE' : 'TRANSFER';
  return db.transaction(async (tx) => {
    const out = await withdrawFefo(tx, practiceId, input.itemId, from!, input.quantity, kind, 'input.quantity');
    const into: DraftMovement[] = out.map((m) => ({ ...m, locationId: to!.locationId, roomId: to!.roomId, quantity: -m.quantity }));
    return record(tx, principal, audit, [...out, ...into], 'input.quantity');
  });
}

/** The lot a count or disposal names: required for lot-tracked items, refused for others ('' = no lot). */
function lotOf(item: { lotTracked: boolean }, lot: string | null | undefined): string {
  if (item.lotTracked && !lot) throw badInput([{ path: 'input.lot', message: 'is required for a lot-tracked item' }]);
  if (!item.lotTracked && lot) throw badInput([{ path: 'input.lot', message: 'must be omitted for an item without lot tracking' }]);
  return lot?.trim() ?? '';
}

/**
 * Records a count of one lot at a place: the difference from the balance becomes an ADJUST movement
 * with the reason (nothing is recorded when the count matches). A lot not yet on record (opening stock)
 * needs its expiry date when the item is lot-tracked.
 * @returns the movement recorded, or an empty list when the count matched
 * @throws NOT_FOUND; BAD_USER_INPUT for a missing/extra lot, a missing or conflicting expiry date
 */
export async function countSupplies(db: Db, principal: Principal, audit: AuditTrail, input: CountSuppliesInput): Promise<SupplyMovementRow[]> {
  const practiceId = principal.practiceId;
  const item = await requireItem(db, practiceId, input.itemId);
  const [place] = await requirePlaces(db, practiceId, [{ place: input.place, path: 'input.place' }]);
  const lot = lotOf(item, input.lot);
  if (!item.lotTracked && input.expiryDate) throw badInput([{ path: 'input.expiryDate', message: 'must be omitted for an item without lot tracking' }]);
  return db.transaction(async (tx) => {
    const balances = await lockBalances(tx, practiceId, item.id, place!.locationId, place!.roomId);
    const current = balances.find((b) => b.lot === lot)?.quantity ?? 0;
    const expiryDate = item.lotTracked ? await expiryFor(tx, practiceId, item.id, lot, input.expiryDate ?? null, 'input.expiryDate') : null;
    const delta = input.counted - current;
    if (delta === 0) return [];
    return record(tx, principal, audit, [{ kind: 'ADJUST', itemId: item.id, locationId: place!.locationId, roomId: place!.roomId, lot, expiryDate, quantity: delta, reason: input.reason.trim() }], 'input.counted');
  });
}

/**
 * The expiry date of a lot: the one on record, or the given one for a lot not yet on record.
 * @throws BAD_USER_INPUT at `path` when a new lot has none, or the given date differs from the record
 */
export async function expiryFor(tx: Db, practiceId: string, itemId: string, lot: string, given: string | null, path: string): Promise<string | null> {
  const known = await findLotExpiries(tx, practiceId, itemId, [lot]);
  if (known.has(lot)) {
    const onRecord = known.get(lot) ?? null;
    if (given && onRecord && given !== onRecord) throw badInput([{ path, message: `differs from the expiry ${onRecord} on record for this lot` }]);
    return onRecord ?? given;
  }
  if (!given) throw badInput([{ path, message: 'is required for a new lot of a lot-tracked item' }]);
  return given;
}

/**
 * Disposes of units of one lot at a place (DISPOSE, with the reason: expired, damaged…).
 * @returns the movement recorded
 * @throws NOT_FOUND; BAD_USER_INPUT when the lot holds fewer units there
 */
export async function disposeSupplies(db: Db, principal: Principal, audit: AuditTrail, input: DisposeSuppliesInput): Promise<SupplyMovementRow[]> {
  const practiceId = principal.practiceId;
  const item = await requireItem(db, practiceId, input.itemId);
  const [place] = await requirePlaces(db, practiceId, [{ place: input.place, path: 'input.place' }]);
  const lot = lotOf(item, input.lot);
  return db.transaction(async (tx) => {
    const balance = (await lockBalances(tx, practiceId, item.id, place!.locationId, place!.roomId)).find((b) => b.lot === lot);
    if (!balance || balance.quantity < input.quantity) throw badInput([{ path: 'input.quantity', message: `exceeds the ${balance?.quantity ?? 0} units of this lot there` }]);
    return record(tx, principal, audit, [{ kind: 'DISPOSE', itemId: item.id, locationId: place!.locationId, roomId: place!.roomId, lot, expiryDate: balance.expiryDate, quantity: -input.quantity, reason: input.reason.trim() }], 'input.quantity');
  });
}
