import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { waitlistOffers } from '../../db/schema/engagement.js';
import { appointmentStatusHistory, appointments } from '../../db/schema/scheduling.js';

export type WaitlistOfferRow = typeof waitlistOffers.$inferSelect;
type AppointmentInsert = typeof appointments.$inferInsert;

/** Inserts the HELD appointment that blocks an offered slot; hold_expires_at = now() + holdMinutes. */
export async function insertHeldAppointment(tx: Db, values: Omit<AppointmentInsert, 'status' | 'holdExpiresAt'>, holdMinutes: number) {
  const [row] = await tx
    .insert(appointments)
    .values({ ...values, status: 'HELD', holdExpiresAt: sql`now() + make_interval(mins => ${holdMinutes}::int)` })
    .returning();
  return row!;
}

/** Inserts an offer. */
export async function insertOffer(tx: Db, values: Omit<typeof waitlistOffers.$inferInsert, 'id'>): Promise<WaitlistOfferRow> {
  const [row] = await tx.insert(waitlistOffers).values(values).returning();
  return row!;
}

/** An offer of the practice with its appointment, both row-locked; `expired` is judged by the database clock. */
export async function lockOffer(tx: Db, practiceId: string, id: string) {
  const [row] = await tx
    .select({ offer: waitlistOffers, appointment: appointments, expired: sql<boolean>`coalesce(${appointments.holdExpiresAt} <= now(), false)` })
    .from(waitlistOffers)
    .innerJoin(appointments, eq(appointments.id, waitlistOffers.appointmentId))
    .where(and(eq(waitlistOffers.practiceId, practiceId), eq(waitlistOffers.id, id)))
    .for('update');
  return row ?? null;
}

/** Records an answer to an offer. */
export async function answerOffer(tx: Db, id: string, status: string): Promise<WaitlistOfferRow> {
  const [row] = await tx
    .update(waitlistOffers)
    .set({ status, respondedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${waitlistOffers.version} + 1` })
    .where(eq(waitlistOffers.id, id))
    .returning();
  return row!;
}

/** Moves a HELD appointment on: to BOOKED (hold cleared) or CANCELLED (with a reason), and records the change. */
export async function resolveHold(tx: Db, practiceId: string, appointmentId: string, to: 'BOOKED' | 'CANCELLED', by: string, cancelReason?: string) {
  const [row] = await tx
    .update(appointments)
    .set({
      status: to,
      holdExpiresAt: to === 'BOOKED' ? null : undefined,
      cancelReason: to === 'CANCELLED' ? cancelReason : undefined,
      cancelledBy: to === 'CANCELLED' ? by : undefined,
      cancelledAt: to === 'CANCELLED' ? sql`now()` : undefined,
      updatedAt: sql`now()`,
      version: sql`${appointments.version} + 1`,
    })
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, appointmentId), eq(appointments.status, 'HELD')))
    .returning();
  if (row) await recordStatusChange(tx, practiceId, appointmentId, 'HELD', to, by);
  return row ?? null;
}

/** Appends an appointment status history row. */
export async function recordStatusChange(tx: Db, practiceId: string, appointmentId: string, from: string | null, to: string, by: string, note?: string): Promise<void> {
  await tx.insert(appointmentStatusHistory).values({ practiceId, appointmentId, fromStatus: from, toStatus: to, changedBy: by, note: note ?? null });
}
