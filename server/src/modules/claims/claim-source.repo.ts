import { and, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { coverages, eligibilityChecks, payers } from '../../db/schema/insurance.js';
import { locations } from '../../db/schema/locations.js';
import { patients } from '../../db/schema/patients.js';
import { providers } from '../../db/schema/providers.js';
import { isUuid } from '../../lib/uuid.js';

export type CoverageRow = typeof coverages.$inferSelect;
export type PayerRow = typeof payers.$inferSelect;
export type PatientRow = typeof patients.$inferSelect;
export type ProviderRow = typeof providers.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;

/**
 * The patient's ACTIVE primary coverage in force on a date, with its payer (one statement).
 * @returns null when the visit is self-pay
 */
export function findPrimaryCoverageOn(db: Db, practiceId: string, patientId: string, date: string): Promise<{ coverage: CoverageRow; payer: PayerRow } | null> {
  return findCoverageOn(db, practiceId, patientId, date, 'PRIMARY');
}

/**
 * The patient's ACTIVE coverage of an order (PRIMARY, SECONDARY, TERTIARY) in force on a date, with its
 * payer (one statement).
 * @returns null when there is none
 */
export async function findCoverageOn(db: Db, practiceId: string, patientId: string, date: string, order: 'PRIMARY' | 'SECONDARY' | 'TERTIARY'): Promise<{ coverage: CoverageRow; payer: PayerRow } | null> {
  const [row] = await db
    .select({ coverage: coverages, payer: payers })
    .from(coverages)
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(and(eq(coverages.practiceId, practiceId), eq(coverages.patientId, patientId), eq(coverages.coverageOrder, order), eq(coverages.status, 'ACTIVE'), lte(coverages.effectiveDate, date), or(isNull(coverages.endDate), gte(coverages.endDate, date))));
  return row ?? null;
}

/** The patient, rendering provider and location of an encounter (one statement). */
export async function findEncounterParties(db: Db, practiceId: string, ids: { patientId: string; providerId: string; locationId: string }) {
  const [row] = await db
    .select({ patient: patients, provider: providers, location: locations })
    .from(patients)
    .innerJoin(providers, and(eq(providers.practiceId, practiceId), eq(providers.id, ids.providerId)))
    .innerJoin(locations, and(eq(locations.practiceId, practiceId), eq(locations.id, ids.locationId)))
    .where(and(eq(patients.practiceId, practiceId), eq(patients.id, ids.patientId)));
  return row ?? null;
}

/** A coverage of the practice with its payer, or null. */
export async function findCoverageWithPayer(db: Db, practiceId: string, coverageId: string): Promise<{ coverage: CoverageRow; payer: PayerRow } | null> {
  if (!isUuid(coverageId)) return null;
  const [row] = await db.select({ coverage: coverages, payer: payers }).from(coverages).innerJoin(payers, eq(payers.id, coverages.payerId)).where(and(eq(coverages.practiceId, practiceId), eq(coverages.id, coverageId)));
  return row ?? null;
}

/** The newest answered eligibility check of a coverage for a date of service, or null. */
export async function findLastEligibility(db: Db, practiceId: string, coverageId: string, dateOfService: string) {
  const [row] = await db
    .select({ outcome: eligibilityChecks.outcome, summary: eligibilityChecks.summary, requestedAt: eligibilityChecks.requestedAt })
    .from(eligibilityChecks)
    .where(and(eq(eligibilityChecks.practiceId, practiceId), eq(eligibilityChecks.coverageId, coverageId), eq(eligibilityChecks.dateOfService, dateOfService)))
    .orderBy(desc(eligibilityChecks.requestedAt))
    .limit(1);
  return row ?? null;
}
