import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { CreatePurchaseOrderInput, PurchaseOrdersArgs, PurchaseOrderTransitionInput, ReceivePurchaseOrderInput } from './supply.inputs.js';
import { toPurchaseOrder } from './supply.mapper.js';
import { SUPPLY_MANAGERS } from './supply.roles.js';
import { PurchaseOrder, PurchaseOrderConnection, PurchaseOrderPdf } from './supply.type.js';
import { DraftPurchaseOrdersPayload, PurchaseOrderPayload } from './supply-payloads.js';
import { orderById, ordersPage, purchaseOrderPdf } from './purchase-order-read.service.js';
import { cancelPurchaseOrder, createPurchaseOrder, draftOrdersFromReorder, type OrderWithLines, receivePurchaseOrder, submitPurchaseOrder } from './purchase-order.service.js';

const MANAGE = accessText(SUPPLY_MANAGERS);
const payload = (o: OrderWithLines): PurchaseOrderPayload => ({ purchaseOrder: toPurchaseOrder(o.order, o.lines) });

@Resolver()
export class PurchaseOrderResolver {
  @Authorized(SUPPLY_MANAGERS)
  @Query(() => PurchaseOrderConnection, { description: `Purchase orders, newest first. ${MANAGE}` })
  purchaseOrders(@Args(() => PurchaseOrdersArgs) args: PurchaseOrdersArgs, @Ctx() ctx: Context) {
    return ordersPage(ctx.db, requirePrincipal(ctx).practiceId, args);
  }

  @Authorized(SUPPLY_MANAGERS)
  @Query(() => PurchaseOrder, { description: `One purchase order; NOT_FOUND when it is not yours. ${MANAGE}` })
  async purchaseOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PurchaseOrder> {
    return payload(await orderById(ctx.db, requirePrincipal(ctx).practiceId, id)).purchaseOrder;
  }

  @Authorized(SUPPLY_MANAGERS)
  @Query(() => PurchaseOrderPdf, { description: `A purchase order as a PDF to send the supplier (audited as an export). ${MANAGE}` })
  purchaseOrderPdf(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PurchaseOrderPdf> {
    return purchaseOrderPdf(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, id);
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => PurchaseOrderPayload, { description: `Start a DRAFT purchase order. ${MANAGE}` })
  async createPurchaseOrder(@Arg('input', () => CreatePurchaseOrderInput) input: CreatePurchaseOrderInput, @Ctx() ctx: Context): Promise<PurchaseOrderPayload> {
    return payload(await createPurchaseOrder(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => DraftPurchaseOrdersPayload, { description: `Draft purchase orders from a location’s reorder list: up to par in whole packs (counting what is on order), one per preferred supplier. ${MANAGE}` })
  async draftPurchaseOrdersFromReorder(@Arg('locationId', () => ID) locationId: string, @Ctx() ctx: Context): Promise<DraftPurchaseOrdersPayload> {
    const r = await draftOrdersFromReorder(ctx.db, requirePrincipal(ctx), ctx.audit, locationId);
    return { purchaseOrders: r.orders.map((o) => payload(o).purchaseOrder), unassignedItemIds: r.unassignedItemIds };
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => PurchaseOrderPayload, { description: `Submit a DRAFT purchase order to the supplier. ${MANAGE}` })
  async submitPurchaseOrder(@Arg('input', () => PurchaseOrderTransitionInput) input: PurchaseOrderTransitionInput, @Ctx() ctx: Context): Promise<PurchaseOrderPayload> {
    return payload(await submitPurchaseOrder(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => PurchaseOrderPayload, { description: `Cancel a purchase order that is not fully received (received stock stays). ${MANAGE}` })
  async cancelPurchaseOrder(@Arg('input', () => PurchaseOrderTransitionInput) input: PurchaseOrderTransitionInput, @Ctx() ctx: Context): Promise<PurchaseOrderPayload> {
    return payload(await cancelPurchaseOrder(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => PurchaseOrderPayload, { description: `Receive packs of some lines (with lot and expiry for lot-tracked items) into the order’s location; all or nothing. ${MANAGE}` })
  async receivePurchaseOrder(@Arg('input', () => ReceivePurchaseOrderInput) input: ReceivePurchaseOrderInput, @Ctx() ctx: Context): Promise<PurchaseOrderPayload> {
    return payload(await receivePurchaseOrder(ctx.db, requirePrincipal(ctx), ctx.audit, input));
  }
}
