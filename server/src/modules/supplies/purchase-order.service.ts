import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { MONEY_MAX_CENTS } from '../../graphql/scalars/money.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findLocationsByIds } from '../locations/location.repo.js';
import { addReceived, findLinesByOrderIds, findOrdersByIds, insertOrder, lockOrder, type PurchaseOrderLineRow, type PurchaseOrderRow, transitionOrder } from './purchase-order.repo.js';
import type { CreatePurchaseOrderInput, PurchaseOrderTransitionInput, ReceivePurchaseOrderInput } from './supply.inputs.js';
import { findItemsByIds, findSuppliersByIds } from './supply-catalog.repo.js';
import { type DraftMovement, record } from './supply-movement.service.js';
import { expiryFor } from './supply-stock.service.js';
import { levelStatus } from './supply-stock.repo.js';
import { belowReorderPoint, packsToPar } from './supply-stock.rules.js';

export interface OrderWithLines {
  order: PurchaseOrderRow;
  lines: PurchaseOrderLineRow[];
}

const OPEN_FOR_RECEIPT = ['SUBMITTED', 'PARTIALLY_RECEIVED'] as const;

/**
 * Creates a DRAFT purchase order. Pack size and price are copied from the items (a price may be given).
 * @throws NOT_FOUND (supplier, location, item); BAD_USER_INPUT for an item twice, an inactive item or supplier, a total above the money bound
 */
export async function createPurchaseOrder(db: Db, principal: Principal, audit: AuditTrail, input: CreatePurchaseOrderInput): Promise<OrderWithLines> {
  const practiceId = principal.practiceId;
  const [[supplier], [location], items] = await Promise.all([
    findSuppliersByIds(db, practiceId, [input.supplierId]),
    findLocationsByIds(db, practiceId, [input.locationId]),
    findItemsByIds(db, practiceId, input.lines.map((l) => l.itemId)),
  ]);
  if (!supplier) throw notFound('Supplier', input.supplierId);
  if (!supplier.active) throw badInput([{ path: 'input.supplierId', message: 'is a deactivated supplier' }]);
  if (!location) throw notFound('Location', input.locationId);
  const seen = new Set<string>();
  const lines = input.lines.map((l, i) => {
    const item = items.find((it) => it.id === l.itemId);
    if (!item) throw notFound('SupplyItem', l.itemId);
    if (!item.active) throw badInput([{ path: `input.lines.${i}.itemId`, message: 'is a deactivated item' }]);
    if (seen.has(item.id)) throw badInput([{ path: `input.lines.${i}.itemId`, message: 'is already on an earlier line' }]);
    seen.add(item.id);
    return { itemId: item.id, packs: l.packs, packSize: item.packSize, unitCostCents: l.unitCost ?? item.costCents };
  });
  if (lines.reduce((s, l) => s + l.packs * l.unitCostCents, 0) > MONEY_MAX_CENTS) throw badInput([{ path: 'input.lines', message: `total exceeds ${MONEY_MAX_CENTS} cents` }]);
  return db.transaction(async (tx) => {
    const created = await insertOrder(tx, { practiceId, supplierId: supplier.id, locationId: location.id, notes: input.notes?.trim() || null, createdBy: principal.userId }, lines);
    await audit.write(tx, 'CREATE', 'PurchaseOrder', created.order.id);
    return created;
  });
}

/**
 * Drafts purchase orders for a location from its reorder list: every active item below its reorder
 * point, ordered up to par (counting what is already on order) in whole packs, one DRAFT per preferred
 * supplier. Items without a preferred supplier are returned instead.
 * @returns the drafts and the ids of items that need ordering but have no (active) preferred supplier
 * @throws NOT_FOUND for the location
 */
export async function draftOrdersFromReorder(db: Db, principal: Principal, audit: AuditTrail, locationId: string): Promise<{ orders: OrderWithLines[]; unassignedItemIds: string[] }> {
  const practiceId = principal.practiceId;
  const [location] = await findLocationsByIds(db, practiceId, [locationId]);
  if (!location) throw notFound('Location', locationId);
  return db.transaction(async (tx) => {
    const needs = (await levelStatus(tx, practiceId, locationId))
      .filter((s) => belowReorderPoint(s.onHand, s.reorderPoint))
      .map((s) => ({ ...s, packs: packsToPar(s.onHand, s.onOrder, s.parLevel, s.packSize) }))
      .filter((s) => s.packs > 0);
    const items = await findItemsByIds(tx, practiceId, needs.map((n) => n.itemId));
    const supplierIds = [...new Set(items.map((i) => i.preferredSupplierId).filter((s): s is string => !!s))];
    const active = new Set((await findSuppliersByIds(tx, practiceId, supplierIds)).filter((s) => s.active).map((s) => s.id));
    const bySupplier = new Map<string, { itemId: string; packs: number; packSize: number; unitCostCents: number }[]>();
    const unassignedItemIds: string[] = [];
    for (const n of needs) {
      const item = items.find((i) => i.id === n.itemId)!;
      if (!item.preferredSupplierId || !active.has(item.preferredSupplierId)) {
        unassignedItemIds.push(item.id);
        continue;
      }
      const list = bySupplier.get(item.preferredSupplierId) ?? [];
      list.push({ itemId: item.id, packs: n.packs, packSize: item.packSize, unitCostCents: item.costCents });
      bySupplier.set(item.preferredSupplierId, list);
    }
    const orders: OrderWithLines[] = [];
    for (const [supplierId, lines] of [...bySupplier].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const created = await insertOrder(tx, { practiceId, supplierId, locationId, notes: 'Suggested from the reorder list', createdBy: principal.userId }, lines);
      await audit.write(tx, 'CREATE', 'PurchaseOrder', created.order.id);
      orders.push(created);
    }
    return { orders, unassignedItemIds };
  });
}

/** Why a transition did not apply: missing, version moved, or not in a state it can leave. */
async function transitionError(db: Db, practiceId: string, input: PurchaseOrderTransitionInput, action: string): Promise<AppError> {
  const [row] = await findOrdersByIds(db, practiceId, [input.id]);
  if (!row) return notFound('PurchaseOrder', input.id);
  if (row.version !== input.expectedVersion) return versionConflict('PurchaseOrder', input.id, input.expectedVersion, row.version);
  return badInput([{ path: 'input.id', message: `is ${row.status} and cannot be ${action}` }]);
}

async function transition(db: Db, principal: Principal, audit: AuditTrail, input: PurchaseOrderTransitionInput, from: readonly string[], patch: Partial<PurchaseOrderRow>, action: string): Promise<OrderWithLines> {
  const practiceId = principal.practiceId;
  const order = await db.transaction(async (tx) => {
    const row = await transitionOrder(tx, practiceId, input.id, input.expectedVersion, from, patch);
    if (row) await audit.write(tx, 'UPDATE', 'PurchaseOrder', row.id);
    return row;
  });
  if (!order) throw await transitionError(db, practiceId, input, action);
  return { order, lines: await findLinesByOrderIds(db, practiceId, [order.id]) };
}

/**
 * DRAFT → SUBMITTED.
 * @throws NOT_FOUND; VERSION_CONFLICT; BAD_USER_INPUT when not a DRAFT
 */
export const submitPurchaseOrder = (db: Db, principal: Principal, audit: AuditTrail, input: PurchaseOrderTransitionInput) =>
  transition(db, principal, audit, input, ['DRAFT'], { status: 'SUBMITTED', submittedAt: new Date() }, 'submitted');

/**
 * DRAFT, SUBMITTED or PARTIALLY_RECEIVED → CANCELLED (what was received stays in stock).
 * @throws NOT_FOUND; VERSION_CONFLICT; BAD_USER_INPUT when RECEIVED or CANCELLED already
 */
export const cancelPurchaseOrder = (db: Db, principal: Principal, audit: AuditTrail, input: PurchaseOrderTransitionInput) =>
  transition(db, principal, audit, input, ['DRAFT', 'SUBMITTED', 'PARTIALLY_RECEIVED'], { status: 'CANCELLED', closedAt: new Date() }, 'cancelled');

/**
 * Receives packs of some lines of a SUBMITTED or PARTIALLY_RECEIVED order into the order's location
 * (RECEIVE movements, units = packs × pack size, with lot and expiry for lot-tracked items), and moves
 * it to PARTIALLY_RECEIVED or, when every line is complete, RECEIVED. All or nothing.
 * @throws NOT_FOUND; VERSION_CONFLICT; BAD_USER_INPUT for a line of another order, more than ordered, a missing lot/expiry, a wrong state
 */
export async function receivePurchaseOrder(db: Db, principal: Principal, audit: AuditTrail, input: ReceivePurchaseOrderInput): Promise<OrderWithLines> {
  const practiceId = principal.practiceId;
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, practiceId, input.purchaseOrderId);
    if (!order) throw notFound('PurchaseOrder', input.purchaseOrderId);
    if (order.version !== input.expectedVersion) throw versionConflict('PurchaseOrder', order.id, input.expectedVersion, order.version);
    if (!(OPEN_FOR_RECEIPT as readonly string[]).includes(order.status)) throw badInput([{ path: 'input.purchaseOrderId', message: `is ${order.status} and cannot be received` }]);
    const lines = await findLinesByOrderIds(tx, practiceId, [order.id]);
    const items = await findItemsByIds(tx, practiceId, lines.map((l) => l.itemId));
    const drafts: DraftMovement[] = [];
    const seen = new Set<string>();
    for (const [i, r] of input.lines.entries()) {
      const path = `input.lines.${i}`;
      const line = lines.find((l) => l.id === r.lineId);
      if (!line) throw badInput([{ path: `${path}.lineId`, message: 'is not a line of this purchase order' }]);
      if (seen.has(line.id)) throw badInput([{ path: `${path}.lineId`, message: 'is already received on an earlier receipt line' }]);
      seen.add(line.id);
      if (line.receivedPacks + r.packs > line.packs) throw badInput([{ path: `${path}.packs`, message: `exceeds the ${line.packs - line.receivedPacks} packs still expected` }]);
      const item = items.find((it) => it.id === line.itemId)!;
      let lot = '';
      let expiryDate: string | null = null;
      if (item.lotTracked) {
        if (!r.lot) throw badInput([{ path: `${path}.lot`, message: 'is required for a lot-tracked item' }]);
        lot = r.lot.trim();
        expiryDate = await expiryFor(tx, practiceId, item.id, lot, r.expiryDate ?? null, `${path}.expiryDate`);
      } else if (r.lot || r.expiryDate) throw badInput([{ path: `${path}.lot`, message: 'lot and expiry must be omitted for an item without lot tracking' }]);
      line.receivedPacks = (await addReceived(tx, line.id, r.packs)).receivedPacks;
      drafts.push({ kind: 'RECEIVE', itemId: item.id, locationId: order.locationId, roomId: null, lot, expiryDate, quantity: r.packs * line.packSize, purchaseOrderLineId: line.id });
    }
    await record(tx, principal, audit, drafts, 'input.lines');
    const done = lines.every((l) => l.receivedPacks === l.packs);
    const updated = await transitionOrder(tx, practiceId, order.id, order.version, OPEN_FOR_RECEIPT, done ? { status: 'RECEIVED', closedAt: new Date() } : { status: 'PARTIALLY_RECEIVED' });
    await audit.write(tx, 'UPDATE', 'PurchaseOrder', order.id);
    return { order: updated!, lines };
  });
}
