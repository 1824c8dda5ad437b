import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys } from '../../lib/order-by-keys.js';
import { findOrderHistory, type OrderHistoryRow } from './order.repo.js';

/** Per-request loaders of the orders module. */
export function createOrderLoaders(db: Db, practiceId: string) {
  return {
    orderHistory: new DataLoader<string, OrderHistoryRow[]>(async (ids) => groupByKeys(ids, await findOrderHistory(db, practiceId, ids), (r) => r.orderId)),
  };
}
