import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { Connection } from '../../graphql/pagination.js';

export enum SupplyCategory {
  CLINICAL_CONSUMABLE = 'CLINICAL_CONSUMABLE',
  MEDICATION_SAMPLE = 'MEDICATION_SAMPLE',
  OFFICE = 'OFFICE',
  DURABLE = 'DURABLE',
}
registerEnumType(SupplyCategory, { name: 'SupplyCategory', description: 'What kind of supply an item is.' });

export enum SupplyMovementKind {
  RECEIVE = 'RECEIVE',
  TRANSFER = 'TRANSFER',
  ALLOCATE = 'ALLOCATE',
  CONSUME = 'CONSUME',
  ADJUST = 'ADJUST',
  DISPOSE = 'DISPOSE',
}
registerEnumType(SupplyMovementKind, {
  name: 'SupplyMovementKind',
  description: 'RECEIVE from a purchase order; TRANSFER between locations; ALLOCATE from a location’s stock room to one of its rooms (or back); CONSUME (optionally for an appointment); ADJUST after a count; DISPOSE of expired or damaged stock.',
});

export enum PurchaseOrderStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  PARTIALLY_RECEIVED = 'PARTIALLY_RECEIVED',
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PurchaseOrderStatus, { name: 'PurchaseOrderStatus', description: 'DRAFT → SUBMITTED → PARTIALLY_RECEIVED → RECEIVED; CANCELLED from any state before RECEIVED (what was received stays).' });

@ObjectType({ description: 'A company the practice buys supplies from.' })
export class Supplier {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true, description: 'The practice’s customer number with the supplier.' }) accountNumber!: string | null;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'A supply the office stocks. Quantities are in `unit`; it is bought in packs of `packSize` units.' })
export class SupplyItem {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Unique within the practice.' }) sku!: string;
  @Field(() => SupplyCategory) category!: SupplyCategory;
  @Field(() => String, { description: 'What one unit is (glove, vial, ream).' }) unit!: string;
  @Field(() => String, { description: 'What one pack is (box, case).' }) packUnit!: string;
  @Field(() => Int, { description: 'Units in one pack.' }) packSize!: number;
  @Field(() => ID, { nullable: true }) preferredSupplierId!: string | null;
  @Field(() => MoneyScalar, { description: 'Price of one pack, in cents.' }) cost!: number;
  @Field(() => String, { nullable: true, description: 'HCPCS Level II code when the item is billable.' }) hcpcsCode!: string | null;
  @Field(() => Boolean, { description: 'Receipts name a lot and expiry date, and consumption takes the first-expiring lot first.' }) lotTracked!: boolean;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Int) version!: number;
}

export const SupplyItemConnection = Connection('SupplyItem', SupplyItem);

@ObjectType({ description: 'Reorder point and par level of an item at a location, in units.' })
export class SupplyLevel {
  @Field(() => ID) itemId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int, { description: 'Below this the item needs reordering.' }) reorderPoint!: number;
  @Field(() => Int, { description: 'What to order up to.' }) parLevel!: number;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'Stock of one lot of an item at one place (a location’s stock room, or one of its rooms): the sum of its movements.' })
export class SupplyStock {
  @Field(() => ID) itemId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => ID, { nullable: true, description: 'Null for the location’s stock room.' }) roomId!: string | null;
  @Field(() => String, { description: 'Empty for items without lot tracking.' }) lot!: string;
  @Field(() => LocalDateScalar, { nullable: true }) expiryDate!: string | null;
  @Field(() => Int, { description: 'Units on hand.' }) quantity!: number;
}

@ObjectType({ description: 'One recorded change of stock at one place and lot (append-only). One action (a consumption over two lots, both sides of a transfer) shares operationId.' })
export class SupplyMovement {
  @Field(() => ID) id!: string;
  @Field(() => ID) operationId!: string;
  @Field(() => SupplyMovementKind) kind!: SupplyMovementKind;
  @Field(() => ID) itemId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => ID, { nullable: true }) roomId!: string | null;
  @Field(() => String) lot!: string;
  @Field(() => LocalDateScalar, { nullable: true }) expiryDate!: string | null;
  @Field(() => Int, { description: 'Units, signed: positive adds to this place, negative takes from it.' }) quantity!: number;
  @Field(() => ID, { nullable: true, description: 'The appointment a consumption was for.' }) appointmentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The purchase order line a receipt was for.' }) purchaseOrderLineId!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

export const SupplyMovementConnection = Connection('SupplyMovement', SupplyMovement);

@ObjectType({ description: 'An item’s level at a location: units on hand and on order, its reorder point and par, and the packs to order to reach par.' })
export class SupplyLevelStatus {
  @Field(() => ID) itemId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int, { description: 'Units on hand at the location (stock room and rooms).' }) onHand!: number;
  @Field(() => Int, { description: 'Units on open purchase orders (draft, submitted, partly received) not yet received.' }) onOrder!: number;
  @Field(() => Int) reorderPoint!: number;
  @Field(() => Int) parLevel!: number;
  @Field(() => Int, { description: 'Packs to order so that on hand + on order reaches par (rounded up to whole packs).' }) suggestedPacks!: number;
}

@ObjectType({ description: 'An item fell below its reorder point at a location: recorded once while it stays below.' })
export class SupplyReorderAlert {
  @Field(() => ID) id!: string;
  @Field(() => ID) itemId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int) onHand!: number;
  @Field(() => Int) reorderPoint!: number;
  @Field(() => DateTimeScalar) raisedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When stock was back at or above the reorder point.' }) clearedAt!: Date | null;
}

@ObjectType({ description: 'One item on a purchase order.' })
export class PurchaseOrderLine {
  @Field(() => ID) id!: string;
  @Field(() => Int) position!: number;
  @Field(() => ID) itemId!: string;
  @Field(() => Int) packs!: number;
  @Field(() => Int, { description: 'Units per pack when ordered.' }) packSize!: number;
  @Field(() => MoneyScalar, { description: 'Price of one pack, in cents.' }) unitCost!: number;
  @Field(() => Int) receivedPacks!: number;
}

@ObjectType({ description: 'An order to one supplier, delivered to one location.' })
export class PurchaseOrder {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The number printed on the order.' }) number!: number;
  @Field(() => ID) supplierId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => PurchaseOrderStatus) status!: PurchaseOrderStatus;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => [PurchaseOrderLine]) lines!: PurchaseOrderLine[];
  @Field(() => MoneyScalar, { description: 'Sum of packs × pack price, in cents.' }) total!: number;
  @Field(() => DateTimeScalar, { nullable: true }) submittedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was fully received or cancelled.' }) closedAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => Int) version!: number;
}

export const PurchaseOrderConnection = Connection('PurchaseOrder', PurchaseOrder);

@ObjectType({ description: 'A purchase order as a PDF for the supplier.' })
export class PurchaseOrderPdf {
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'Always application/pdf.' }) contentType!: string;
  @Field(() => String, { description: 'The PDF bytes, base64-encoded.' }) base64!: string;
  @Field(() => Int) byteLength!: number;
}
