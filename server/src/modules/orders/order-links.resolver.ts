import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText, STAFF_PHI } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { Patient } from '../patients/patient.type.js';
import { Appointment } from '../scheduling/appointment.type.js';
import { PATIENT_ORDERS_LIMIT } from './order.loaders.js';
import { toOrder } from './order.mapper.js';
import type { OrderRow } from './order.repo.js';
import { Order } from './order.type.js';

function present(ctx: Context, rows: readonly OrderRow[]): Order[] {
  for (const r of rows) ctx.audit.read('Order', r.id, r.patientId);
  return rows.map(toOrder);
}

/** Patient.orders lives here: the patients module knows nothing of orders. */
@Resolver(() => Patient)
export class PatientOrdersResolver {
  @Authorized(STAFF_PHI)
  @FieldResolver(() => [Order], {
    description: `The patient's orders, any status, newest first, at most ${PATIENT_ORDERS_LIMIT}; openOrders(filter: {patientId}) pages the open ones. One batched query per request; every read audited. Same rule as Query.openOrders: ${accessText(STAFF_PHI)}`,
  })
  async orders(@Root() p: Patient, @Ctx() ctx: Context): Promise<Order[]> {
    return present(ctx, await ctx.loaders.patientOrders.load(p.id));
  }
}

/** Appointment.orders lives here: the scheduling module knows nothing of orders. */
@Resolver(() => Appointment)
export class AppointmentOrdersResolver {
  @Authorized(STAFF_PHI)
  @FieldResolver(() => [Order], {
    description: `The orders done at this visit (a procedure visit, a lab drawn there), oldest first. One batched query per request; every read audited. Same rule as Query.openOrders: ${accessText(STAFF_PHI)}`,
  })
  async orders(@Root() a: Appointment, @Ctx() ctx: Context): Promise<Order[]> {
    return present(ctx, await ctx.loaders.appointmentOrders.load(a.id));
  }
}
