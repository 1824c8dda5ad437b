import type { Db } from '../../db/client.js';
import type { AddressJson } from '../../db/schema/json-types.js';
import { findBillingProfile, findServiceFacilities } from './billing-profile.repo.js';

/** The billing identity of a practice as other services (superbills, claims, PDFs) need it. */
export interface BillingProfileData {
  id: string;
  legalName: string;
  /** EIN, 9 digits, no dash. */
  tin: string;
  /** Group (type 2) NPI. */
  groupNpi: string;
  taxonomyCode: string;
  billingAddress: AddressJson;
  /** Null = payments go to the billing address. */
  payToAddress: AddressJson | null;
  phone: string | null;
  version: number;
  /** Service-facility details by location id (locations without a row use their own name and address). */
  facilities: Map<string, { facilityName: string | null; npi: string | null }>;
}

/**
 * Reads a practice's billing profile with its service-facility details (2 SQL statements).
 * @returns null when the practice has not set up billing
 */
export async function getBillingProfile(db: Db, practiceId: string): Promise<BillingProfileData | null> {
  const [row, facilities] = await Promise.all([findBillingProfile(db, practiceId), findServiceFacilities(db, practiceId)]);
  if (!row) return null;
  return {
    id: row.id,
    legalName: row.legalName,
    tin: row.tin,
    groupNpi: row.groupNpi,
    taxonomyCode: row.taxonomyCode,
    billingAddress: row.billingAddress,
    payToAddress: row.payToAddress ?? null,
    phone: row.phone ?? null,
    version: row.version,
    facilities: new Map(facilities.map((f) => [f.locationId, { facilityName: f.facilityName, npi: f.npi }])),
  };
}
