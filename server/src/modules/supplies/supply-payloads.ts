import { Field, ID, ObjectType } from 'type-graphql';
import { PurchaseOrder, Supplier, SupplyItem, SupplyLevel, SupplyMovement } from './supply.type.js';

@ObjectType()
export class SupplierPayload {
  @Field(() => Supplier) supplier!: Supplier;
}

@ObjectType()
export class SupplyItemPayload {
  @Field(() => SupplyItem) item!: SupplyItem;
}

@ObjectType()
export class SupplyLevelPayload {
  @Field(() => SupplyLevel) level!: SupplyLevel;
}

@ObjectType({ description: 'The movements one stock action recorded (empty when a count matched the balance).' })
export class SupplyMovementsPayload {
  @Field(() => [SupplyMovement]) movements!: SupplyMovement[];
}

@ObjectType()
export class PurchaseOrderPayload {
  @Field(() => PurchaseOrder) purchaseOrder!: PurchaseOrder;
}

@ObjectType()
export class DraftPurchaseOrdersPayload {
  @Field(() => [PurchaseOrder], { description: 'One DRAFT per preferred supplier.' }) purchaseOrders!: PurchaseOrder[];
  @Field(() => [ID], { description: 'Items below their reorder point without an active preferred supplier: order them by hand.' }) unassignedItemIds!: string[];
}
