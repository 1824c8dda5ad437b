import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { accessText, PATIENT_READERS, STAFF_PHI } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { pageRequest } from '../../graphql/pagination.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { presentPatient } from '../patients/patient.service.js';
import { Patient } from '../patients/patient.type.js';
import { toTask } from '../tasks/task.mapper.js';
import { Task } from '../tasks/task.type.js';
import { createOverdueOrderTasks } from './order-overdue.service.js';
import { findOrder, openOrders } from './order-read.service.js';
import { MoveOrderInput, OrderFilter, PlaceOrderInput } from './order.inputs.js';
import { toOrderHistoryEntry } from './order.mapper.js';
import { ORDER_PLACERS, ORDER_TRACKERS } from './order.roles.js';
import { moveOrder, placeOrder } from './order.service.js';
import { Order, OrderConnection, OrderHistoryEntry } from './order.type.js';

@ObjectType()
class OrderPayload {
  @Field(() => Order) order!: Order;
}

@ObjectType()
class OverdueOrderTasksPayload {
  @Field(() => Int, { description: 'Tasks created by this run (orders that already had their task create none).' }) created!: number;
}

@Resolver(() => Order)
export class OrderResolver {
  @Authorized(STAFF_PHI)
  @Query(() => Order, { description: `One order. Another practice's is NOT_FOUND. ${accessText(STAFF_PHI)}` })
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Order> {
    return findOrder(ctx.db, requirePrincipal(ctx), ctx.audit, id);
  }

  @Authorized(STAFF_PHI)
  @Query(() => OrderConnection, { description: `Open orders of a work list (default OPEN), overdue first, then STAT → ROUTINE, then by due date. ${accessText(STAFF_PHI)}` })
  openOrders(@Arg('filter', () => OrderFilter, { nullable: true }) filter: OrderFilter | null, @Args(() => RelayPageArgs) args: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return openOrders(ctx.db, requirePrincipal(ctx), ctx.audit, filter, pageRequest(args), selects(info, 'totalCount'));
  }

  @Authorized(ORDER_PLACERS)
  @Mutation(() => OrderPayload, { description: `Place an order (lab, imaging, procedure, referral, equipment). ${accessText(ORDER_PLACERS)}` })
  async placeOrder(@Arg('input', () => PlaceOrderInput) input: PlaceOrderInput, @Ctx() ctx: Context): Promise<OrderPayload> {
    return { order: await placeOrder(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(ORDER_TRACKERS)
  @Mutation(() => OrderPayload, { description: `Move an order to its next step (schedule, collected/performed, resulted, reviewed, cancelled). ${accessText(ORDER_TRACKERS)}` })
  async moveOrder(@Arg('input', () => MoveOrderInput) input: MoveOrderInput, @Ctx() ctx: Context): Promise<OrderPayload> {
    return { order: await moveOrder(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(ORDER_TRACKERS)
  @Mutation(() => OverdueOrderTasksPayload, { description: `Create the task of each order past its due date (FRONT_DESK) or resulted and unreviewed for 3 days (CLINICIAN), once per order and reason; the server also runs this periodically. ${accessText(ORDER_TRACKERS)}` })
  async createOverdueOrderTasks(@Ctx() ctx: Context): Promise<OverdueOrderTasksPayload> {
    const principal = requirePrincipal(ctx);
    return { created: await createOverdueOrderTasks(ctx.db, principal.practiceId, principal.userId) };
  }

  @Authorized(PATIENT_READERS)
  @FieldResolver(() => Patient, { description: `The patient (one batched query per request). Same rule as Query.patient: ${accessText(PATIENT_READERS)}` })
  async patient(@Root() o: Order, @Ctx() ctx: Context): Promise<Patient> {
    return presentPatient(ctx.audit, o.patientId, await ctx.loaders.patient.load(o.patientId));
  }

  @FieldResolver(() => [OrderHistoryEntry], { description: 'Every step, oldest first: who and when.' })
  async history(@Root() o: Order, @Ctx() ctx: Context): Promise<OrderHistoryEntry[]> {
    return (await ctx.loaders.orderHistory.load(o.id)).map(toOrderHistoryEntry);
  }

  @FieldResolver(() => [Task], { description: 'The tasks about this order (overdue, result to review…), oldest first.' })
  async tasks(@Root() o: Order, @Ctx() ctx: Context): Promise<Task[]> {
    const rows = await ctx.loaders.tasksAboutOrder.load(o.id);
    for (const t of rows) ctx.audit.read('Task', t.id, t.patientId);
    return rows.map(toTask);
  }
}
