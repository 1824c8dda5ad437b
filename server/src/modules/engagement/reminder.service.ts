import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import * as repo from './reminder.repo.js';
import type { ReminderChannel, ReminderMessage, ReminderStatus } from './reminder.type.js';
import { isUuid } from '../../lib/uuid.js';

export function toReminder(r: repo.ReminderRow): ReminderMessage {
  return { ...r, channel: r.channel as ReminderChannel, status: r.status as ReminderStatus };
}

/**
 * Pending reminders of the caller's practice due at or before `before`, soonest first.
 * @throws BAD_USER_INPUT for backward paging (not supported)
 */
export async function dueReminders(db: Db, principal: Principal, audit: AuditTrail, before: Date, page: PageRequest): Promise<ConnectionShape<ReminderMessage>> {
  if (!page.forward) throw badInput([{ path: 'last', message: 'is not supported here; page forward with first/after' }]);
  const rows = await repo.findDueReminders(db, principal.practiceId, before, page.limit, page.cursor);
  return toConnection(rows, page, (r) => [r.dueAt.toISOString(), r.id], (r) => {
    audit.read('ReminderMessage', r.id);
    return toReminder(r);
  });
}

/**
 * Marks a reminder sent, exactly once: the PENDING → SENT change happens in one conditional update,
 * so of any number of calls one transitions and the rest are no-ops returning the stored state.
 * @returns the reminder and whether this call changed it
 * @throws NOT_FOUND
 */
export async function markReminderSent(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<{ reminder: ReminderMessage; transitioned: boolean }> {
  if (!isUuid(id)) throw notFound('ReminderMessage', id);
  const changed = await db.transaction(async (tx) => {
    const [row] = await repo.markRemindersSent(tx, principal.practiceId, [id]);
    if (row) await audit.write(tx, 'UPDATE', 'ReminderMessage', row.id);
    return row ?? null;
  });
  if (changed) return { reminder: toReminder(changed), transitioned: true };
  const [current] = await repo.findRemindersByIds(db, principal.practiceId, [id]);
  if (!current) throw notFound('ReminderMessage', id);
  return { reminder: toReminder(current), transitioned: false };
}
