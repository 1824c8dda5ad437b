import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { orderByKeys } from '../../lib/order-by-keys.js';
import type { EligibilityCheckRow } from './eligibility.mapper.js';
import { latestEligibilityForAppointments } from './eligibility.repo.js';

/**
 * Per-request loader: the latest eligibility check for each appointment's date of service (primary
 * coverage first). One SQL statement per batch, for the day view and check-in (Appointment.eligibility).
 */
export const createAppointmentEligibilityLoader = (db: Db, practiceId: string) =>
  new DataLoader<string, EligibilityCheckRow | null>(async (ids) => {
    const rows = await latestEligibilityForAppointments(db, practiceId, ids);
    return orderByKeys(ids, rows, (r) => r.appointmentId).map((r) => r?.check ?? null);
  });
