import type { Logger } from '../../logger.js';

/** One reminder handed to a delivery provider. No message text: the adapter renders it. */
export interface OutgoingReminder {
  id: string;
  practiceId: string;
  appointmentId: string;
  channel: 'SMS' | 'EMAIL';
  dueAt: Date;
  /** Give this to the provider so a retried send after a crash is not delivered twice. */
  idempotencyKey: string;
}

/** Delivers reminders (an SMS or email provider). Throwing means "not sent, try again later". */
export interface ReminderSender {
  send(reminder: OutgoingReminder): Promise<void>;
}

/** The built-in adapter: logs that a reminder would go out, with ids only (no PHI). */
export function createLoggingSender(logger: Pick<Logger, 'info'>): ReminderSender {
  return {
    async send(r) {
      logger.info({ reminderId: r.id, appointmentId: r.appointmentId, practiceId: r.practiceId, channel: r.channel, idempotencyKey: r.idempotencyKey }, 'reminder sent (logging adapter)');
    },
  };
}
