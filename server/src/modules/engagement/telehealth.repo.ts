import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { telehealthLinks } from '../../db/schema/engagement.js';

/**
 * The appointment's telehealth token, creating it with `token` if it has none (concurrent callers
 * agree on one: the unique index decides).
 * @returns the stored token and whether this call created it
 */
export async function ensureTelehealthToken(tx: Db, practiceId: string, appointmentId: string, token: string): Promise<{ token: string; created: boolean }> {
  const [inserted] = await tx.insert(telehealthLinks).values({ practiceId, appointmentId, token }).onConflictDoNothing({ target: telehealthLinks.appointmentId }).returning({ token: telehealthLinks.token });
  if (inserted) return { token: inserted.token, created: true };
  const [row] = await tx
    .select({ token: telehealthLinks.token })
    .from(telehealthLinks)
    .where(and(eq(telehealthLinks.practiceId, practiceId), eq(telehealthLinks.appointmentId, appointmentId)));
  return { token: row!.token, created: false };
}
