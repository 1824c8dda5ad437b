import type { PurchaseOrderLineRow, PurchaseOrderRow } from './purchase-order.repo.js';
import type { SupplierRow, SupplyItemRow, SupplyLevelRow } from './supply-catalog.repo.js';
import type { LevelStatusRow, ReorderAlertRow, SupplyMovementRow, SupplyStockRow } from './supply-stock.repo.js';
import { packsToPar } from './supply-stock.rules.js';
import type { PurchaseOrder, PurchaseOrderStatus, Supplier, SupplyCategory, SupplyItem, SupplyLevel, SupplyMovement, SupplyMovementKind, SupplyReorderAlert, SupplyLevelStatus, SupplyStock } from './supply.type.js';

export const toSupplier = (r: SupplierRow): Supplier => ({ id: r.id, name: r.name, email: r.email, phone: r.phone, accountNumber: r.accountNumber, active: r.active, version: r.version });

export const toSupplyItem = (r: SupplyItemRow): SupplyItem => ({
  id: r.id,
  name: r.name,
  sku: r.sku,
  category: r.category as SupplyCategory,
  unit: r.unit,
  packUnit: r.packUnit,
  packSize: r.packSize,
  preferredSupplierId: r.preferredSupplierId,
  cost: r.costCents,
  hcpcsCode: r.hcpcsCode,
  lotTracked: r.lotTracked,
  active: r.active,
  version: r.version,
});

export const toSupplyLevel = (r: SupplyLevelRow): SupplyLevel => ({ itemId: r.itemId, locationId: r.locationId, reorderPoint: r.reorderPoint, parLevel: r.parLevel, version: r.version });

export const toSupplyStock = (r: SupplyStockRow): SupplyStock => ({ itemId: r.itemId, locationId: r.locationId, roomId: r.roomId, lot: r.lot, expiryDate: r.expiryDate, quantity: r.quantity });

export const toSupplyMovement = (r: SupplyMovementRow): SupplyMovement => ({
  id: r.id,
  operationId: r.operationId,
  kind: r.kind as SupplyMovementKind,
  itemId: r.itemId,
  locationId: r.locationId,
  roomId: r.roomId,
  lot: r.lot,
  expiryDate: r.expiryDate,
  quantity: r.quantity,
  appointmentId: r.appointmentId,
  purchaseOrderLineId: r.purchaseOrderLineId,
  reason: r.reason,
  createdAt: r.createdAt,
});

export const toSupplyLevelStatus = (r: LevelStatusRow): SupplyLevelStatus => ({
  itemId: r.itemId,
  locationId: r.locationId,
  onHand: r.onHand,
  onOrder: r.onOrder,
  reorderPoint: r.reorderPoint,
  parLevel: r.parLevel,
  suggestedPacks: packsToPar(r.onHand, r.onOrder, r.parLevel, r.packSize),
});

export const toReorderAlert = (r: ReorderAlertRow): SupplyReorderAlert => ({ id: r.id, itemId: r.itemId, locationId: r.locationId, onHand: r.onHand, reorderPoint: r.reorderPoint, raisedAt: r.raisedAt, clearedAt: r.clearedAt });

export function toPurchaseOrder(r: PurchaseOrderRow, lines: PurchaseOrderLineRow[]): PurchaseOrder {
  return {
    id: r.id,
    number: r.number,
    supplierId: r.supplierId,
    locationId: r.locationId,
    status: r.status as PurchaseOrderStatus,
    notes: r.notes,
    lines: lines.map((l) => ({ id: l.id, position: l.position, itemId: l.itemId, packs: l.packs, packSize: l.packSize, unitCost: l.unitCostCents, receivedPacks: l.receivedPacks })),
    total: lines.reduce((s, l) => s + l.packs * l.unitCostCents, 0),
    submittedAt: r.submittedAt,
    closedAt: r.closedAt,
    createdAt: r.createdAt,
    version: r.version,
  };
}
