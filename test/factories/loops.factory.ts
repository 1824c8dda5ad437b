import type { Db } from '../../server/src/db/client.js';
import { coverages } from '../../server/src/db/schema/insurance.js';

/** A primary self-subscriber coverage in force since 2020 (for referral authorization rules). */
export async function insertCoverage(db: Db, practiceId: string, patientId: string, payerId: string) {
  const [row] = await db.insert(coverages).values({ practiceId, patientId, payerId, memberId: 'XZ000000001', subscriberRelationship: 'SELF', coverageOrder: 'PRIMARY', effectiveDate: '2020-01-01' }).returning();
  return row!;
}
