import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { billingProfiles, serviceFacilities } from '../../db/schema/billing.js';
import { locations } from '../../db/schema/locations.js';
import { providers } from '../../db/schema/providers.js';
import { isUuid } from '../../lib/uuid.js';

export type BillingProfileRow = typeof billingProfiles.$inferSelect;
export type BillingProfileInsert = Omit<typeof billingProfiles.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
export type ServiceFacilityRow = typeof serviceFacilities.$inferSelect;

/** The practice's billing profile, if it has one. */
export async function findBillingProfile(db: Db, practiceId: string): Promise<BillingProfileRow | null> {
  const [row] = await db.select().from(billingProfiles).where(eq(billingProfiles.practiceId, practiceId));
  return row ?? null;
}

/** Locks and returns the profile row for an update (inside a transaction). */
export async function lockBillingProfile(tx: Db, practiceId: string): Promise<BillingProfileRow | null> {
  const [row] = await tx.select().from(billingProfiles).where(eq(billingProfiles.practiceId, practiceId)).for('update');
  return row ?? null;
}

/** Inserts the profile. @throws 23505 when the practice already has one */
export async function insertBillingProfile(tx: Db, values: BillingProfileInsert): Promise<BillingProfileRow> {
  const [row] = await tx.insert(billingProfiles).values(values).returning();
  return row!;
}

/** Updates the profile and bumps its version. */
export async function updateBillingProfileRow(tx: Db, practiceId: string, values: Omit<BillingProfileInsert, 'practiceId'>, nextVersion: number): Promise<BillingProfileRow> {
  const [row] = await tx
    .update(billingProfiles)
    .set({ ...values, version: nextVersion, updatedAt: new Date() })
    .where(eq(billingProfiles.practiceId, practiceId))
    .returning();
  return row!;
}

/** Service-facility rows of a practice, optionally for some locations only. */
export function findServiceFacilities(db: Db, practiceId: string, locationIds?: readonly string[]): Promise<ServiceFacilityRow[]> {
  const where = locationIds ? and(eq(serviceFacilities.practiceId, practiceId), inArray(serviceFacilities.locationId, locationIds.filter(isUuid).concat(['00000000-0000-0000-0000-000000000000']))) : eq(serviceFacilities.practiceId, practiceId);
  return db.select().from(serviceFacilities).where(where);
}

/** Inserts or replaces the service-facility details of a location. */
export async function upsertServiceFacility(tx: Db, practiceId: string, locationId: string, facilityName: string | null, npi: string | null): Promise<ServiceFacilityRow> {
  const [row] = await tx
    .insert(serviceFacilities)
    .values({ practiceId, locationId, facilityName, npi })
    .onConflictDoUpdate({ target: serviceFacilities.locationId, set: { facilityName, npi, updatedAt: new Date() } })
    .returning();
  return row!;
}

/** True when the location belongs to the practice. */
export async function locationExists(db: Db, practiceId: string, locationId: string): Promise<boolean> {
  if (!isUuid(locationId)) return false;
  const [row] = await db.select({ id: locations.id }).from(locations).where(and(eq(locations.practiceId, practiceId), eq(locations.id, locationId)));
  return Boolean(row);
}

/** Sets whether a provider bills under the group. @returns false when no such provider in the practice */
export async function setProviderBillsUnderGroup(tx: Db, practiceId: string, providerId: string, value: boolean): Promise<boolean> {
  if (!isUuid(providerId)) return false;
  const rows = await tx
    .update(providers)
    .set({ billsUnderGroup: value, updatedAt: new Date() })
    .where(and(eq(providers.practiceId, practiceId), eq(providers.id, providerId)))
    .returning({ id: providers.id });
  return rows.length > 0;
}
