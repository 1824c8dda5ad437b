import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { partnerClients } from '../../db/schema/partners.js';
import { isUuid } from '../../lib/uuid.js';

export type PartnerClientRow = typeof partnerClients.$inferSelect;

/**
 * Every partner client of a practice, revoked ones included, by name.
 * @param practiceId - the caller's practice
 */
export function listPartnerClients(db: Db, practiceId: string): Promise<PartnerClientRow[]> {
  return db.select().from(partnerClients).where(eq(partnerClients.practiceId, practiceId)).orderBy(asc(sql`lower(${partnerClients.name})`), asc(partnerClients.id));
}

/**
 * One partner client of a practice.
 * @returns the row, or undefined (also for another practice's client or a malformed id)
 */
export async function findPartnerClient(db: Db, practiceId: string, id: string): Promise<PartnerClientRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(partnerClients).where(and(eq(partnerClients.practiceId, practiceId), eq(partnerClients.id, id)));
  return row;
}

/**
 * A client by its public client_id, in whatever practice (the token endpoint knows no practice yet).
 * @returns the row, or undefined
 */
export async function findByClientId(db: Db, clientId: string): Promise<PartnerClientRow | undefined> {
  const [row] = await db.select().from(partnerClients).where(eq(partnerClients.clientId, clientId));
  return row;
}

/** Inserts a client. @returns the stored row */
export async function insertPartnerClient(tx: Db, values: Pick<PartnerClientRow, 'practiceId' | 'clientId' | 'name' | 'scopes' | 'secretHash'>): Promise<PartnerClientRow> {
  const [row] = await tx.insert(partnerClients).values(values).returning();
  return row!;
}

/**
 * Changes an active client at an expected version (secret rotation or revocation).
 * @returns the updated row, or undefined when the version did not match or the client is revoked
 */
export async function updateActivePartnerClient(
  tx: Db,
  practiceId: string,
  id: string,
  expectedVersion: number,
  patch: Partial<Pick<PartnerClientRow, 'secretHash' | 'secretRotatedAt' | 'revokedAt'>>,
): Promise<PartnerClientRow | undefined> {
  const [row] = await tx
    .update(partnerClients)
    .set({ ...patch, updatedAt: new Date(), version: sql`${partnerClients.version} + 1` })
    .where(and(eq(partnerClients.practiceId, practiceId), eq(partnerClients.id, id), eq(partnerClients.version, expectedVersion), isNull(partnerClients.revokedAt)))
    .returning();
  return row;
}
