import type { Db } from '../../db/client.js';
import * as repo from './reminder.repo.js';
import type { OutgoingReminder, ReminderSender } from './reminder.sender.js';

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/**
 * Delivers every reminder due at `now`, a batch per transaction. Each batch is claimed with
 * FOR UPDATE SKIP LOCKED and marked SENT in the same transaction, so any number of workers can run at
 * once and none sends a reminder another holds. A send that throws is retried later with backoff and
 * becomes FAILED after `maxAttempts`.
 * @param db - the database (not a transaction: the worker opens its own)
 * @param sender - the delivery adapter
 * @param now - the instant up to which reminders are due
 * @param opts - batchSize (50), maxAttempts (5), practiceId to restrict to one practice
 * @returns how many were sent and how many attempts failed
 */
export async function deliverDueReminders(db: Db, sender: ReminderSender, now: Date, opts: { batchSize?: number; maxAttempts?: number; practiceId?: string } = {}): Promise<DeliveryReport> {
  const batchSize = opts.batchSize ?? 50;
  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const rows = await repo.claimDueReminders(tx, opts.practiceId ?? null, now, batchSize);
      const sent: string[] = [];
      for (const r of rows) {
        try {
          await sender.send(toOutgoing(r));
          sent.push(r.id);
        } catch (err) {
          report.failed += 1;
          await repo.recordReminderFailure(tx, r.id, errorCode(err), now, opts.maxAttempts ?? 5);
        }
      }
      report.sent += (await repo.markRemindersSent(tx, null, sent)).length;
      return rows.length;
    });
    if (claimed < batchSize) return report;
  }
}

function toOutgoing(r: repo.ReminderRow): OutgoingReminder {
  return { id: r.id, practiceId: r.practiceId, appointmentId: r.appointmentId, channel: r.channel as OutgoingReminder['channel'], dueAt: r.dueAt, idempotencyKey: r.idempotencyKey };
}

// Only a code is stored: provider error messages may echo phone numbers or addresses.
function errorCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(code) ? code : 'SEND_FAILED';
}
