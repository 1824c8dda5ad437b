import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { ConsumeSuppliesInput, CountSuppliesInput, DisposeSuppliesInput, MoveSuppliesInput, SupplyMovementsArgs } from './supply.inputs.js';
import { toReorderAlert, toSupplyLevelStatus, toSupplyMovement, toSupplyStock } from './supply.mapper.js';
import { SUPPLY_MANAGERS, SUPPLY_USERS } from './supply.roles.js';
import { SupplyLevelStatus, SupplyMovementConnection, SupplyReorderAlert, SupplyStock } from './supply.type.js';
import { SupplyMovementsPayload } from './supply-payloads.js';
import { expiringLots, levelsAt, movementsAt, reorderAlerts, stockAt, suppliesToReorder } from './supply-read.service.js';
import { consumeSupplies, countSupplies, disposeSupplies, moveSupplies } from './supply-stock.service.js';

const USE = accessText(SUPPLY_USERS);
const MANAGE = accessText(SUPPLY_MANAGERS);

@Resolver()
export class SupplyStockResolver {
  @Authorized(SUPPLY_USERS)
  @Query(() => [SupplyStock], { description: `Non-empty lot balances at a location (its stock room and rooms), optionally of one item. ${USE}` })
  async supplyStock(@Arg('locationId', () => ID) locationId: string, @Arg('itemId', () => ID, { nullable: true }) itemId: string | null, @Ctx() ctx: Context): Promise<SupplyStock[]> {
    return (await stockAt(ctx.db, requirePrincipal(ctx).practiceId, locationId, itemId ?? null)).map(toSupplyStock);
  }

  @Authorized(SUPPLY_USERS)
  @Query(() => SupplyMovementConnection, { description: `Stock movements at a location, newest first. ${USE}` })
  supplyMovements(@Args(() => SupplyMovementsArgs) args: SupplyMovementsArgs, @Ctx() ctx: Context) {
    return movementsAt(ctx.db, requirePrincipal(ctx).practiceId, args);
  }

  @Authorized(SUPPLY_USERS)
  @Query(() => [SupplyStock], { description: `Lots at a location expiring within the given number of days of today there (already expired included), soonest first. ${USE}` })
  async expiringSupplyLots(@Arg('locationId', () => ID) locationId: string, @Arg('withinDays', () => Int) withinDays: number, @Ctx() ctx: Context): Promise<SupplyStock[]> {
    return (await expiringLots(ctx.db, requirePrincipal(ctx).practiceId, locationId, withinDays)).map(toSupplyStock);
  }

  @Authorized(SUPPLY_MANAGERS)
  @Query(() => [SupplyLevelStatus], { description: `Items below their reorder point at a location, with the packs to order to reach par. ${MANAGE}` })
  async suppliesToReorder(@Arg('locationId', () => ID) locationId: string, @Ctx() ctx: Context): Promise<SupplyLevelStatus[]> {
    return (await suppliesToReorder(ctx.db, requirePrincipal(ctx).practiceId, locationId)).map(toSupplyLevelStatus);
  }

  @Authorized(SUPPLY_MANAGERS)
  @Query(() => [SupplyLevelStatus], { description: `Every item with a reorder point at a location, with units on hand and on order. ${MANAGE}` })
  async supplyLevels(@Arg('locationId', () => ID) locationId: string, @Ctx() ctx: Context): Promise<SupplyLevelStatus[]> {
    return (await levelsAt(ctx.db, requirePrincipal(ctx).practiceId, locationId)).map(toSupplyLevelStatus);
  }

  @Authorized(SUPPLY_MANAGERS)
  @Query(() => [SupplyReorderAlert], { description: `Reorder alerts of a location, newest first: open ones, or all with includeCleared. ${MANAGE}` })
  async supplyReorderAlerts(@Arg('locationId', () => ID) locationId: string, @Arg('includeCleared', () => Boolean, { defaultValue: false }) includeCleared: boolean, @Ctx() ctx: Context): Promise<SupplyReorderAlert[]> {
    return (await reorderAlerts(ctx.db, requirePrincipal(ctx).practiceId, locationId, includeCleared)).map(toReorderAlert);
  }

  @Authorized(SUPPLY_USERS)
  @Mutation(() => SupplyMovementsPayload, { description: `Record supplies used (CONSUME), first-expiring lots first, optionally for an appointment. BAD_USER_INPUT when the place holds fewer units; nothing is recorded then. ${USE}` })
  async consumeSupplies(@Arg('input', () => ConsumeSuppliesInput) input: ConsumeSuppliesInput, @Ctx() ctx: Context): Promise<SupplyMovementsPayload> {
    return { movements: (await consumeSupplies(ctx.db, requirePrincipal(ctx), ctx.audit, input)).map(toSupplyMovement) };
  }

  @Authorized(SUPPLY_USERS)
  @Mutation(() => SupplyMovementsPayload, { description: `Record a count of one lot at a place; the difference becomes an ADJUST movement with the reason (also how opening stock is entered). ${USE}` })
  async countSupplies(@Arg('input', () => CountSuppliesInput) input: CountSuppliesInput, @Ctx() ctx: Context): Promise<SupplyMovementsPayload> {
    return { movements: (await countSupplies(ctx.db, requirePrincipal(ctx), ctx.audit, input)).map(toSupplyMovement) };
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => SupplyMovementsPayload, { description: `Move supplies between locations (TRANSFER) or between a location’s stock room and rooms (ALLOCATE), first-expiring lots first. ${MANAGE}` })
  async moveSupplies(@Arg('input', () => MoveSuppliesInput) input: MoveSuppliesInput, @Ctx() ctx: Context): Promise<SupplyMovementsPayload> {
    return { movements: (await moveSupplies(ctx.db, requirePrincipal(ctx), ctx.audit, input)).map(toSupplyMovement) };
  }

  @Authorized(SUPPLY_MANAGERS)
  @Mutation(() => SupplyMovementsPayload, { description: `Dispose of units of one lot (expired, damaged), with the reason. ${MANAGE}` })
  async disposeSupplies(@Arg('input', () => DisposeSuppliesInput) input: DisposeSuppliesInput, @Ctx() ctx: Context): Promise<SupplyMovementsPayload> {
    return { movements: (await disposeSupplies(ctx.db, requirePrincipal(ctx), ctx.audit, input)).map(toSupplyMovement) };
  }
}
