import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys } from '../../lib/order-by-keys.js';
import { practiceToday } from '../ledger/ledger-post.service.js';
import { toPlan } from './payment-plan.mapper.js';
import { findPlans } from './payment-plan.repo.js';
import type { PaymentPlan } from './payment-plan.type.js';

/** Per-request payment plan loaders: each batch is two statements (the plans with what was paid, and today). */
export function createPaymentPlanLoaders(db: Db, practiceId: string) {
  return {
    /** Every payment plan of each patient, newest first, its schedule as of today on the practice calendar. */
    patientPaymentPlans: new DataLoader<string, PaymentPlan[]>(async (ids) => {
      const [rows, today] = await Promise.all([findPlans(db, practiceId, { patientIds: ids }), practiceToday(db, practiceId)]);
      return groupByKeys(ids, rows, (r) => r.patientId).map((list) => list.map((r) => toPlan(r, today)));
    }),
  };
}
