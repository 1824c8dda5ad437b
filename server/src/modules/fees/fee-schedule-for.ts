import type { Db } from '../../db/client.js';
import { notFound } from '../../graphql/errors.js';
import { findPayersByIds } from '../insurance/payer.repo.js';
import { type FeeScheduleRow, findScheduleFor, insertSchedule, touchSchedule } from './fee.repo.js';

/**
 * The practice's charge master or one payer's schedule, created when missing, then locked (row update,
 * version bump) so writers of one schedule take turns.
 * @throws NOT_FOUND when the payer is not the practice's
 */
export async function scheduleFor(tx: Db, practiceId: string, payerId: string | null): Promise<FeeScheduleRow> {
  let payerName: string | null = null;
  if (payerId) {
    const [payer] = await findPayersByIds(tx, practiceId, [payerId]);
    if (!payer) throw notFound('Payer', payerId);
    payerName = payer.name;
  }
  const existing = await findScheduleFor(tx, practiceId, payerId);
  const schedule = existing ?? (await insertSchedule(tx, practiceId, payerName ? `${payerName} contract` : 'Charge master', payerId));
  await touchSchedule(tx, schedule.id);
  return schedule;
}

