import { and, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { contacts } from '../../db/schema/correspondence.js';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContactRow = Omit<typeof contacts.$inferInsert, 'id' | 'practiceId'>;

export interface ContactQuery {
  patientId: string | null;
  channel: string | null;
  from: Date | null;
  to: Date | null;
}

/** Inserts a contact. */
export async function insertContact(tx: Db, practiceId: string, values: NewContactRow): Promise<ContactRow> {
  const [row] = await tx.insert(contacts).values({ ...values, practiceId }).returning();
  return row!;
}

/** Contacts of one practice by id, in any order. */
export function findContactsByIds(db: Db, practiceId: string, ids: readonly string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(contacts).where(and(eq(contacts.practiceId, practiceId), inArray(contacts.id, [...ids])));
}

function conditions(practiceId: string, q: ContactQuery): SQL[] {
  const where: SQL[] = [eq(contacts.practiceId, practiceId)];
  if (q.patientId) where.push(eq(contacts.patientId, q.patientId));
  if (q.channel) where.push(eq(contacts.channel, q.channel));
  if (q.from) where.push(gte(contacts.occurredAt, q.from));
  if (q.to) where.push(lt(contacts.occurredAt, q.to));
  return where;
}

/**
 * A page of the correspondence log, newest first (keyset on occurred_at, id).
 * @returns up to limit+1 rows
 */
export function findContactPage(db: Db, practiceId: string, q: ContactQuery, limit: number, cursor: unknown[] | null, forward: boolean): Promise<ContactRow[]> {
  const where = conditions(practiceId, q);
  const keys = [contacts.occurredAt, contacts.id];
  const order = pageOrder('DESC', forward);
  if (cursor) where.push(keysetAfter(keys, cursor, order));
  return db
    .select()
    .from(contacts)
    .where(and(...where))
    .orderBy(...keysetOrder(keys, order))
    .limit(limit + 1);
}

/** How many contacts `findContactPage` matches in all. */
export async function countContacts(db: Db, practiceId: string, q: ContactQuery): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(and(...conditions(practiceId, q)));
  return Number(row?.n ?? 0);
}
