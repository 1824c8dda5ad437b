import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.js';
import { auditBatches } from '../../server/src/db/schema/audit.js';
import { locations } from '../../server/src/db/schema/locations.js';
import { providerLocations, providers } from '../../server/src/db/schema/providers.js';
import { npiCheckDigit } from '../../server/src/lib/npi.js';

let n = 0;

/** A valid synthetic NPI (correct check digit) that no other call of this process returns. */
export function syntheticNpi(): string {
  n += 1;
  const base = String(190000000 + n * 37 + (process.pid % 1000) * 100000).slice(0, 9);
  return `${base}${npiCheckDigit(base)}`;
}

/** GraphQL input for createLocation with obviously synthetic values. */
export function locationInput(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    name: `Test Clinic ${String(n).padStart(4, '0')}`,
    address: { line1: `${n} Synthetic Way`, city: 'Testville', state: 'NY', postalCode: '10001', country: 'US' },
    phone: '+12125550100',
    timeZone: 'America/New_York',
    placeOfServiceCode: '11',
    ...overrides,
  };
}

/** GraphQL input for createProvider with obviously synthetic values. */
export function providerInput(overrides: Record<string, unknown> = {}) {
  n += 1;
  return { givenName: `Testgiven${n}`, familyName: `Testfamily${n}`, credentials: 'MD', npi: syntheticNpi(), taxonomyCode: '207Q00000X', specialty: 'Family Medicine', ...overrides };
}

/** Inserts a provider row directly (fast, for read tests). */
export async function insertProvider(db: Db, practiceId: string, overrides: Partial<typeof providers.$inferInsert> = {}) {
  n += 1;
  const [row] = await db
    .insert(providers)
    .values({ practiceId, givenName: `Given${n}`, familyName: `Family${String(n).padStart(5, '0')}`, npi: syntheticNpi(), taxonomyCode: '207Q00000X', specialty: 'Family Medicine', ...overrides })
    .returning();
  return row!;
}

/** Links a provider to a location directly (no checks: tests use it to plant bad links too); a no-op when already linked. */
export async function linkProvider(db: Db, practiceId: string, providerId: string, locationId: string) {
  await db.insert(providerLocations).values({ practiceId, providerId, locationId }).onConflictDoNothing();
}

/** Row counts of a practice's catalog and audit trail (batch rows), to prove a rejected write changed nothing. */
export async function catalogCounts(db: Db, practiceId: string) {
  const count = async (table: typeof locations | typeof providers | typeof providerLocations | typeof auditBatches) => {
    const [row] = await db.select({ c: sql<number>`count(*)::int` }).from(table).where(eq(table.practiceId, practiceId));
    return Number(row!.c);
  };
  return { locations: await count(locations), providers: await count(providers), links: await count(providerLocations), audit: await count(auditBatches) };
}
