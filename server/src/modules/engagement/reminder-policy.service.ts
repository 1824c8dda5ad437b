import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reminderPolicies } from '../../db/schema/engagement.js';
import type { Principal } from '../../graphql/auth.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { DEFAULT_REMINDER_OFFSETS_MINUTES } from './reminder.outbox.js';

/** The practice's reminder offsets, or the defaults. */
export async function getReminderOffsets(db: Db, principal: Principal): Promise<{ offsetsMinutes: number[]; isDefault: boolean }> {
  const [row] = await db.select().from(reminderPolicies).where(eq(reminderPolicies.practiceId, principal.practiceId));
  return row ? { offsetsMinutes: row.offsetsMinutes, isDefault: false } : { offsetsMinutes: DEFAULT_REMINDER_OFFSETS_MINUTES, isDefault: true };
}

/**
 * Replaces the practice's reminder offsets (deduplicated, largest first). Existing reminders are left
 * as they are; visits booked or moved afterwards use the new offsets.
 */
export async function setReminderOffsets(db: Db, principal: Principal, audit: AuditTrail, offsets: number[]): Promise<{ offsetsMinutes: number[]; isDefault: boolean }> {
  const offsetsMinutes = [...new Set(offsets)].sort((a, b) => b - a);
  await db.transaction(async (tx) => {
    await tx
      .insert(reminderPolicies)
      .values({ practiceId: principal.practiceId, offsetsMinutes })
      .onConflictDoUpdate({ target: reminderPolicies.practiceId, set: { offsetsMinutes, updatedAt: sql`now()`, version: sql`${reminderPolicies.version} + 1` } });
    await audit.write(tx, 'UPDATE', 'ReminderPolicy', principal.practiceId);
  });
  return { offsetsMinutes, isDefault: false };
}
