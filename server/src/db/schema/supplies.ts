import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { locations } from './locations.js';
import { rooms } from './rooms.js';
import { appointments } from './scheduling.js';

/** Who the practice buys supplies from. */
export const suppliers = pgTable(
  'suppliers',
  {
    ...domainColumns(),
    name: text().notNull(),
    email: text(),
    phone: text(),
    /** The practice's customer number with the supplier (printed on purchase orders). */
    accountNumber: text(),
    active: boolean().notNull().default(true),
  },
  (t) => [uniqueIndex('suppliers_name_per_practice').on(t.practiceId, sql`lower(${t.name})`)],
);

/**
 * A supply the office stocks. Quantities everywhere are in `unit` (a glove); it is bought in packs
 * of `pack_size` units (a box of 100), and `cost_cents` is the price of one pack.
 */
export const supplyItems = pgTable(
  'supply_items',
  {
    ...domainColumns(),
    name: text().notNull(),
    sku: text().notNull(),
    /** CLINICAL_CONSUMABLE, MEDICATION_SAMPLE, OFFICE, DURABLE. */
    category: text().notNull(),
    unit: text().notNull(),
    packUnit: text().notNull(),
    packSize: integer().notNull(),
    preferredSupplierId: uuid().references(() => suppliers.id),
    costCents: integer().notNull(),
    /** HCPCS Level II code when the item is billable (checked against the code tables on write). */
    hcpcsCode: text(),
    lotTracked: boolean().notNull(),
    active: boolean().notNull().default(true),
  },
  (t) => [
    uniqueIndex('supply_items_sku_per_practice').on(t.practiceId, t.sku),
    index('supply_items_page').on(t.practiceId, t.name, t.id),
    check('supply_items_category', sql`${t.category} in ('CLINICAL_CONSUMABLE', 'MEDICATION_SAMPLE', 'OFFICE', 'DURABLE')`),
    check('supply_items_pack', sql`${t.packSize} between 1 and 100000`),
    check('supply_items_cost', sql`${t.costCents} between 0 and 100000000`),
    check('supply_items_hcpcs', sql`${t.hcpcsCode} is null or ${t.hcpcsCode} ~ '^[A-V][0-9]{4}$'`),
  ],
);

/** Reorder point and par level of an item at a location (units). */
export const supplyLevels = pgTable(
  'supply_levels',
  {
    ...domainColumns(),
    itemId: uuid()
      .notNull()
      .references(() => supplyItems.id),
    locationId: uuid()
      .notNull()
      .references(() => locations.id),
    reorderPoint: integer().notNull(),
    parLevel: integer().notNull(),
  },
  (t) => [
    uniqueIndex('supply_levels_item_location').on(t.itemId, t.locationId),
    index().on(t.practiceId, t.locationId),
    check('supply_levels_range', sql`${t.reorderPoint} >= 0 and ${t.parLevel} > ${t.reorderPoint} and ${t.parLevel} <= 10000000`),
  ],
);

/**
 * What is on the shelf: one row per item, location, room (null = the location's stock room) and lot
 * ('' when the item is not lot-tracked). Written ONLY by the trigger on supply_movements (hand-written
 * migration `supply_stock_from_movements`), so `quantity` is the sum of that place's movements; the
 * check refuses a negative balance, which is what makes concurrent consumption safe.
 */
export const supplyStock = pgTable(
  'supply_stock',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    itemId: uuid()
      .notNull()
      .references(() => supplyItems.id),
    locationId: uuid()
      .notNull()
      .references(() => locations.id),
    roomId: uuid().references(() => rooms.id),
    lot: text().notNull(),
    expiryDate: date({ mode: 'string' }),
    quantity: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('supply_stock_place').on(t.itemId, t.locationId, t.roomId, t.lot).nullsNotDistinct(),
    index('supply_stock_location').on(t.practiceId, t.locationId, t.itemId),
    check('supply_stock_not_negative', sql`${t.quantity} >= 0`),
  ],
);

/**
 * Every change of stock, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). One row changes
 * one place and lot by `quantity` units (signed); one user action (a consumption spread over two lots,
 * a transfer's two sides) shares `operation_id`.
 */
export const supplyMovements = pgTable(
  'supply_movements',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    /** Recording order (global identity): the keyset tie-breaker. */
    number: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    operationId: uuid().notNull(),
    /** RECEIVE, TRANSFER, ALLOCATE, CONSUME, ADJUST, DISPOSE. */
    kind: text().notNull(),
    itemId: uuid()
      .notNull()
      .references(() => supplyItems.id),
    locationId: uuid()
      .notNull()
      .references(() => locations.id),
    roomId: uuid().references(() => rooms.id),
    lot: text().notNull().default(''),
    expiryDate: date({ mode: 'string' }),
    quantity: integer().notNull(),
    appointmentId: uuid().references(() => appointments.id),
    purchaseOrderLineId: uuid().references((): AnyPgColumn => purchaseOrderLines.id),
    reason: text(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('supply_movements_item').on(t.practiceId, t.itemId, t.number),
    index('supply_movements_location').on(t.practiceId, t.locationId, t.number),
    check('supply_movements_kind', sql`${t.kind} in ('RECEIVE', 'TRANSFER', 'ALLOCATE', 'CONSUME', 'ADJUST', 'DISPOSE')`),
    check('supply_movements_quantity', sql`${t.quantity} <> 0 and ${t.quantity} between -10000000 and 10000000`),
    check(
      'supply_movements_sign',
      sql`case ${t.kind} when 'RECEIVE' then ${t.quantity} > 0 when 'CONSUME' then ${t.quantity} < 0 when 'DISPOSE' then ${t.quantity} < 0 else true end`,
    ),
    check('supply_movements_reason', sql`${t.kind} not in ('ADJUST', 'DISPOSE') or coalesce(length(btrim(${t.reason})) > 0, false)`),
    check('supply_movements_appointment', sql`${t.appointmentId} is null or ${t.kind} = 'CONSUME'`),
    check('supply_movements_receipt', sql`${t.purchaseOrderLineId} is null or ${t.kind} = 'RECEIVE'`),
  ],
);

/**
 * Idempotency keys of stock actions a client may retry (consumption): the key names the operation it
 * recorded, so a retry returns that operation's movements instead of consuming twice.
 */
export const supplyOperationKeys = pgTable(
  'supply_operation_keys',
  {
    practiceId: uuid().notNull(),
    idempotencyKey: text().notNull(),
    operationId: uuid().notNull(),
    /** SHA-256 of the request: the same key with another request is refused. */
    requestHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.idempotencyKey] })],
);

/**
 * An item at a location went below its reorder point. At most one open alert per item and location
 * (unique partial index): recorded once while below, cleared when stock is back at or above the point.
 */
export const supplyReorderAlerts = pgTable(
  'supply_reorder_alerts',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    itemId: uuid()
      .notNull()
      .references(() => supplyItems.id),
    locationId: uuid()
      .notNull()
      .references(() => locations.id),
    /** Units on hand when the alert was raised. */
    onHand: integer().notNull(),
    reorderPoint: integer().notNull(),
    raisedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('supply_reorder_alerts_open').on(t.itemId, t.locationId).where(sql`${t.clearedAt} is null`),
    index().on(t.practiceId, t.locationId, t.raisedAt),
  ],
);

/** A purchase order to one supplier, delivered to one location. */
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    ...domainColumns(),
    number: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    supplierId: uuid()
      .notNull()
      .references(() => suppliers.id),
    locationId: uuid()
      .notNull()
      .references(() => locations.id),
    /** DRAFT, SUBMITTED, PARTIALLY_RECEIVED, RECEIVED, CANCELLED. */
    status: text().notNull().default('DRAFT'),
    notes: text(),
    createdBy: text().notNull(),
    submittedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('purchase_orders_page').on(t.practiceId, t.number),
    check('purchase_orders_status', sql`${t.status} in ('DRAFT', 'SUBMITTED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED')`),
  ],
);

/** One item on a purchase order, in packs. */
export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid().notNull(),
    purchaseOrderId: uuid()
      .notNull()
      .references(() => purchaseOrders.id),
    position: integer().notNull(),
    itemId: uuid()
      .notNull()
      .references(() => supplyItems.id),
    packs: integer().notNull(),
    /** Units per pack when ordered (the item's pack size may change later). */
    packSize: integer().notNull(),
    unitCostCents: integer().notNull(),
    receivedPacks: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex('purchase_order_lines_position').on(t.purchaseOrderId, t.position),
    uniqueIndex('purchase_order_lines_item').on(t.purchaseOrderId, t.itemId),
    check('purchase_order_lines_packs', sql`${t.packs} between 1 and 100000 and ${t.packSize} >= 1 and ${t.unitCostCents} between 0 and 100000000`),
    // Never more received than ordered, also when two receipts race.
    check('purchase_order_lines_received', sql`${t.receivedPacks} between 0 and ${t.packs}`),
  ],
);
