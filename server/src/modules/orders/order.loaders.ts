import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys } from '../../lib/order-by-keys.js';
import { findOrderHistory, findOrdersOfAppointments, findOrdersOfPatients, type OrderHistoryRow, type OrderRow } from './order.repo.js';

/** Patient.orders shows at most this many per patient (newest first); openOrders(filter: {patientId}) pages the open ones. */
export const PATIENT_ORDERS_LIMIT = 50;

/** Per-request loaders of the orders module. */
export function createOrderLoaders(db: Db, practiceId: string) {
  return {
    patientOrders: new DataLoader<string, OrderRow[]>(async (ids) => groupByKeys(ids, await findOrdersOfPatients(db, practiceId, ids, PATIENT_ORDERS_LIMIT), (r) => r.patientId)),
    appointmentOrders: new DataLoader<string, OrderRow[]>(async (ids) => groupByKeys(ids, await findOrdersOfAppointments(db, practiceId, ids), (r) => r.appointmentId!)),
    orderHistory: new DataLoader<string, OrderHistoryRow[]>(async (ids) => groupByKeys(ids, await findOrderHistory(db, practiceId, ids), (r) => r.orderId)),
  };
}
