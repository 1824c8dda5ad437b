import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { claims } from '../../db/schema/claims.js';
import { contacts } from '../../db/schema/correspondence.js';
import { patients } from '../../db/schema/patients.js';
import { orders } from '../../db/schema/orders.js';
import { referrals } from '../../db/schema/referrals.js';
import { labResults } from '../../db/schema/results.js';
import { supplyItems } from '../../db/schema/supplies.js';
import { isUuid } from '../../lib/uuid.js';
import { TaskAboutType } from './task.type.js';

type Lookup = (db: Db, practiceId: string, id: string) => Promise<{ patientId: string | null } | null>;

const first = <T>(rows: T[]): T | null => rows[0] ?? null;

/** How to find each kind of record a task may be about, in the caller's practice only. */
const LOOKUPS: Record<TaskAboutType, Lookup> = {
  CONTACT: (db, p, id) => db.select({ patientId: contacts.patientId }).from(contacts).where(and(eq(contacts.practiceId, p), eq(contacts.id, id))).then(first),
  CLAIM: (db, p, id) => db.select({ patientId: claims.patientId }).from(claims).where(and(eq(claims.practiceId, p), eq(claims.id, id))).then(first),
  PATIENT: (db, p, id) => db.select({ patientId: patients.id }).from(patients).where(and(eq(patients.practiceId, p), eq(patients.id, id))).then(first),
  REFERRAL: (db, p, id) => db.select({ patientId: referrals.patientId }).from(referrals).where(and(eq(referrals.practiceId, p), eq(referrals.id, id))).then(first),
  ORDER: (db, p, id) => db.select({ patientId: orders.patientId }).from(orders).where(and(eq(orders.practiceId, p), eq(orders.id, id))).then(first),
  RESULT: (db, p, id) => db.select({ patientId: labResults.patientId }).from(labResults).where(and(eq(labResults.practiceId, p), eq(labResults.id, id))).then(first),
  SUPPLY_ITEM: (db, p, id) =>
    db.select({ id: supplyItems.id }).from(supplyItems).where(and(eq(supplyItems.practiceId, p), eq(supplyItems.id, id))).then((rows) => (rows[0] ? { patientId: null } : null)),
};

/**
 * The record a task is about, when it exists in the practice.
 * @returns its patient id (null when it concerns no patient), or null when there is no such record
 */
export async function findAboutRecord(db: Db, practiceId: string, type: TaskAboutType, id: string): Promise<{ patientId: string | null } | null> {
  if (!isUuid(id)) return null;
  return LOOKUPS[type](db, practiceId, id);
}
