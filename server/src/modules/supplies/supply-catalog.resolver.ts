import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { CreateSupplierInput, CreateSupplyItemInput, SetSupplyLevelInput, SupplyItemsArgs, UpdateSupplierInput, UpdateSupplyItemInput } from './supply.inputs.js';
import { toSupplier, toSupplyItem, toSupplyLevel } from './supply.mapper.js';
import { SUPPLY_MANAGERS, SUPPLY_USERS } from './supply.roles.js';
import { Supplier, SupplyItem, SupplyItemConnection } from './supply.type.js';
import { createSupplier, createSupplyItem, setSupplyLevel, updateSupplier, updateSupplyItem } from './supply-catalog.service.js';
import { listSuppliers } from './supply-catalog.repo.js';
import { SupplierPayload, SupplyItemPayload, SupplyLevelPayload } from './supply-payloads.js';
import { itemsPage } from './supply-read.service.js';

const USE = accessText(SUPPLY_USERS);
const MANAGE = accessText(SUPPLY_MANAGERS);

@Resolver()
export class SupplyCatalogResolver {
  @Authorized(SUPPLY_MANAGERS)
  @Query(() => [Supplier], { description: `Suppliers of your practice by name (a short list, not paged). ${MANAGE}` })
  async suppliers(@Ctx() ctx: Context): Promise<Supplier[]> {
    return (await listSuppliers(ctx.db, requirePrincipal(ctx).practiceId)).map(toSupplier);
  }

  @Authorized(SUPPLY_USERS)
  @Query(() => SupplyItemConnection, { description: `Supply items by name (active ones unless includeInactive). ${USE}` })
  supplyItems(@Args(() => SupplyItemsArgs) args: SupplyItemsArgs, @Ctx() ctx: Context) {
    return itemsPage(ctx.db, requirePrincipal(ctx).practiceId, args);
  }

  @Authorized(SUPPLY_USERS)
  @Query(() => SupplyItem, { description: `One supply item; NOT_FOUND when it is not yours. ${USE}` })
  async supplyItem(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<SupplyItem> {
    requirePrincipal(ctx);
    const row = await ctx.loaders.supplyItem.load(id);
    if (!row) throw notFound('SupplyItem', id);
    return toSupplyItem(row);
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => SupplierPayload, { description: `Add a supplier (name unique in the practice). ${MANAGE}` })
  async createSupplier(@Arg('input', () => CreateSupplierInput) input: CreateSupplierInput, @Ctx() ctx: Context): Promise<SupplierPayload> {
    return { supplier: toSupplier(await createSupplier(ctx.db, requirePrincipal(ctx), ctx.audit, input)) };
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => SupplierPayload, { description: `Change or deactivate a supplier. ${MANAGE}` })
  async updateSupplier(@Arg('input', () => UpdateSupplierInput) input: UpdateSupplierInput, @Ctx() ctx: Context): Promise<SupplierPayload> {
    return { supplier: toSupplier(await updateSupplier(ctx.db, requirePrincipal(ctx), ctx.audit, input)) };
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => SupplyItemPayload, { description: `Add a supply item (SKU unique in the practice; a HCPCS code must be in the code set in force). ${MANAGE}` })
  async createSupplyItem(@Arg('input', () => CreateSupplyItemInput) input: CreateSupplyItemInput, @Ctx() ctx: Context): Promise<SupplyItemPayload> {
    return { item: toSupplyItem(await createSupplyItem(ctx.db, requirePrincipal(ctx), ctx.audit, input)) };
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => SupplyItemPayload, { description: `Change or deactivate a supply item. ${MANAGE}` })
  async updateSupplyItem(@Arg('input', () => UpdateSupplyItemInput) input: UpdateSupplyItemInput, @Ctx() ctx: Context): Promise<SupplyItemPayload> {
    return { item: toSupplyItem(await updateSupplyItem(ctx.db, requirePrincipal(ctx), ctx.audit, input)) };
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => SupplyLevelPayload, { description: `Set the reorder point and par level of an item at a location. ${MANAGE}` })
  async setSupplyLevel(@Arg('input', () => SetSupplyLevelInput) input: SetSupplyLevelInput, @Ctx() ctx: Context): Promise<SupplyLevelPayload> {
    return { level: toSupplyLevel(await setSupplyLevel(ctx.db, requirePrincipal(ctx), ctx.audit, input)) };
  }
}
