import type { ClaimSnapshot, SnapshotLine } from '../../server/src/modules/claims/claim-snapshot.js';
import type { SubmittedClaim } from '../../server/src/x12/era-simulator.js';

const address = { line1: '100 Test Street', line2: null, city: 'Testville', state: 'CA', postalCode: '90001' };

/** A service line of a synthetic claim (charge in cents). */
export function snapshotLine(position: number, code: string, chargeCents: number, extra: Partial<SnapshotLine> = {}): SnapshotLine {
  return { position, code, modifiers: [], units: 1, chargeCents, diagnosisPointers: [1], dateOfService: '2026-11-02', placeOfServiceCode: null, description: null, ...extra };
}

/**
 * A submitted claim with obviously synthetic parties; the member id's last digit picks the simulated
 * payer's rule (ERA_SIMULATOR_RULES). Lines default to two office services.
 */
export function submittedClaim(account: string, memberId: string, opts: { lines?: SnapshotLine[]; priorAuth?: string | null; dependent?: boolean; previouslyAdjudicated?: boolean } = {}): SubmittedClaim {
  const lines = opts.lines ?? [snapshotLine(1, '99213', 15_000, { modifiers: ['25'] }), snapshotLine(2, '81002', 2_999)];
  const snapshot: ClaimSnapshot = {
    patientAccountNumber: account,
    frequencyCode: '1',
    originalPayerClaimNumber: null,
    dateOfService: '2026-11-02',
    placeOfServiceCode: '11',
    billingProvider: { name: 'Demo Family Clinic', npi: '1234567893', tin: '123456789', taxonomyCode: null, address, phone: null },
    renderingProvider: { npi: '1999999984', name: { family: 'Testdoc', given: 'Ada', middle: null }, taxonomyCode: null },
    referringProvider: null,
    serviceFacility: null,
    payer: { id: '00000000-0000-4000-8000-000000000001', name: 'Acme Health Plan', ediPayerId: '60054', address: null },
    subscriber: {
      memberId, groupNumber: 'GRP-9', groupName: null, name: { family: 'Testfamily', given: 'Testgiven', middle: null },
      dateOfBirth: '1980-04-12', sex: 'F', address, claimFilingIndicator: 'CI',
    },
    patient: {
      id: '00000000-0000-4000-8000-000000000002', name: opts.dependent ? { family: 'Testfamily', given: 'Kid', middle: null } : { family: 'Testfamily', given: 'Testgiven', middle: null },
      dateOfBirth: opts.dependent ? '2015-06-01' : '1980-04-12', sex: 'F', address, phone: null, relationshipToSubscriber: opts.dependent ? '19' : '18',
    },
    priorAuthorizationNumber: opts.priorAuth ?? null,
    diagnoses: ['J069'],
    lines,
    totalChargeCents: lines.reduce((a, l) => a + l.chargeCents, 0),
    patientPaidCents: 0,
    acceptAssignment: true,
    releaseOfInformation: true,
  };
  return { snapshot, payerClaimControlNumber: `ICN${account}`, previouslyAdjudicated: opts.previouslyAdjudicated ?? false };
}
