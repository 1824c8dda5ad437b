import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { toRoom } from '../rooms/room.mapper.js';
import { Room } from '../rooms/room.type.js';
import { toSupplier, toSupplyItem } from './supply.mapper.js';
import { SUPPLY_MANAGERS, SUPPLY_USERS } from './supply.roles.js';
import { PurchaseOrder, PurchaseOrderLine, Supplier, SupplyItem, SupplyLevelStatus, SupplyMovement, SupplyReorderAlert, SupplyStock } from './supply.type.js';

const USE = accessText(SUPPLY_USERS);
const MANAGE = accessText(SUPPLY_MANAGERS);

async function item(ctx: Context, id: string): Promise<SupplyItem> {
  const row = await ctx.loaders.supplyItem.load(id);
  return toSupplyItem(row!);
}

async function supplier(ctx: Context, id: string | null): Promise<Supplier | null> {
  const row = id ? await ctx.loaders.supplier.load(id) : null;
  return row ? toSupplier(row) : null;
}

// Each nested field carries the rule of the root query of the type it returns (one loader batch per field).

@Resolver(() => SupplyItem)
export class SupplyItemFieldsResolver {
  @Authorized(SUPPLY_MANAGERS)
  @FieldResolver(() => Supplier, { nullable: true, description: `The preferred supplier. ${MANAGE}` })
  preferredSupplier(@Root() root: SupplyItem, @Ctx() ctx: Context) {
    return supplier(ctx, root.preferredSupplierId);
  }
}

@Resolver(() => SupplyStock)
export class SupplyStockFieldsResolver {
  @Authorized(SUPPLY_USERS)
  @FieldResolver(() => SupplyItem, { description: `The item. ${USE}` })
  item(@Root() root: SupplyStock, @Ctx() ctx: Context) {
    return item(ctx, root.itemId);
  }

  @Authorized(SUPPLY_USERS)
  @FieldResolver(() => Room, { nullable: true, description: `The room; null for the location’s stock room. ${USE}` })
  async room(@Root() root: SupplyStock, @Ctx() ctx: Context): Promise<Room | null> {
    const row = root.roomId ? await ctx.loaders.room.load(root.roomId) : null;
    return row ? toRoom(row) : null;
  }
}

@Resolver(() => SupplyMovement)
export class SupplyMovementFieldsResolver {
  @Authorized(SUPPLY_USERS)
  @FieldResolver(() => SupplyItem, { description: `The item. ${USE}` })
  item(@Root() root: SupplyMovement, @Ctx() ctx: Context) {
    return item(ctx, root.itemId);
  }
}

@Resolver(() => SupplyLevelStatus)
export class SupplyLevelStatusFieldsResolver {
  @Authorized(SUPPLY_MANAGERS)
  @FieldResolver(() => SupplyItem, { description: `The item. ${MANAGE}` })
  item(@Root() root: SupplyLevelStatus, @Ctx() ctx: Context) {
    return item(ctx, root.itemId);
  }
}

@Resolver(() => SupplyReorderAlert)
export class SupplyReorderAlertFieldsResolver {
  @Authorized(SUPPLY_MANAGERS)
  @FieldResolver(() => SupplyItem, { description: `The item. ${MANAGE}` })
  item(@Root() root: SupplyReorderAlert, @Ctx() ctx: Context) {
    return item(ctx, root.itemId);
  }
}

@Resolver(() => PurchaseOrder)
export class PurchaseOrderFieldsResolver {
  @Authorized(SUPPLY_MANAGERS)
  @FieldResolver(() => Supplier, { description: `The supplier. ${MANAGE}` })
  async supplier(@Root() root: PurchaseOrder, @Ctx() ctx: Context) {
    return supplier(ctx, root.supplierId);
  }
}

@Resolver(() => PurchaseOrderLine)
export class PurchaseOrderLineFieldsResolver {
  @Authorized(SUPPLY_MANAGERS)
  @FieldResolver(() => SupplyItem, { description: `The item. ${MANAGE}` })
  item(@Root() root: PurchaseOrderLine, @Ctx() ctx: Context) {
    return item(ctx, root.itemId);
  }
}
