import type { ClaimSnapshot, SnapshotLine } from '../modules/claims/claim-snapshot.js';
import { npiCheckDigit } from '../lib/npi.js';
import type { ClaimBatchEnvelope } from './x12-837p.js';

/** A valid (Luhn) NPI built from a 9-digit base. */
export const sampleNpi = (base9: string) => `${base9}${npiCheckDigit(base9)}`;

/**
 * An obviously synthetic claim snapshot (patient = subscriber, one office visit) for tests, the
 * simulator's demo and the 837P benchmark. `n` varies the account number, member id and charges.
 */
export function sampleClaim(n = 1, over: Partial<ClaimSnapshot> = {}): ClaimSnapshot {
  const line = (position: number, code: string, chargeCents: number, pointers: number[]): SnapshotLine => ({
    position, code, modifiers: [], units: 1, chargeCents, diagnosisPointers: pointers, dateOfService: '2026-11-20', placeOfServiceCode: null, description: null,
  });
  const lines = [line(1, '99213', 12500 + (n % 7) * 100, [1, 2]), line(2, '87880', 3550, [1])];
  return {
    patientAccountNumber: `PA${String(n).padStart(8, '0')}`,
    frequencyCode: '1',
    originalPayerClaimNumber: null,
    dateOfService: '2026-11-20',
    placeOfServiceCode: '11',
    billingProvider: {
      name: 'Testwood Family Practice', npi: sampleNpi('123456789'), tin: '123456789', taxonomyCode: '207Q00000X',
      address: { line1: '100 Test Street', line2: 'Suite 2', city: 'Testville', state: 'MD', postalCode: '207051234' }, phone: '3015550100',
    },
    renderingProvider: { npi: sampleNpi('987654321'), name: { family: 'Testdoc', given: 'Ada', middle: null }, taxonomyCode: '207Q00000X' },
    referringProvider: null,
    serviceFacility: null,
    payer: { id: 'payer-1', name: 'Simulated Health Plan', ediPayerId: 'SIM01', address: null },
    subscriber: {
      memberId: `W${String(100000000 + n)}`, groupNumber: 'GRP100', groupName: null,
      name: { family: 'Testfamily', given: 'Testgiven', middle: 'Q' }, dateOfBirth: '1980-04-12', sex: 'F',
      address: { line1: '1 Sample Road', line2: null, city: 'Testville', state: 'MD', postalCode: '20705' }, claimFilingIndicator: 'CI',
    },
    patient: {
      id: `patient-${n}`, name: { family: 'Testfamily', given: 'Testgiven', middle: 'Q' }, dateOfBirth: '1980-04-12', sex: 'F',
      address: { line1: '1 Sample Road', line2: null, city: 'Testville', state: 'MD', postalCode: '20705' }, phone: null, relationshipToSubscriber: '18',
    },
    priorAuthorizationNumber: null,
    diagnoses: ['J069', 'R05'],
    lines,
    totalChargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    patientPaidCents: 0,
    acceptAssignment: true,
    releaseOfInformation: true,
    ...over,
  };
}

/** The same claim for a dependent child of the subscriber (patient HL 23). */
export function sampleDependentClaim(n = 1, over: Partial<ClaimSnapshot> = {}): ClaimSnapshot {
  const base = sampleClaim(n);
  return sampleClaim(n, {
    patient: { ...base.patient, name: { family: 'Testfamily', given: 'Kid', middle: null }, dateOfBirth: '2016-06-01', sex: 'M', relationshipToSubscriber: '19' },
    ...over,
  });
}

/** A batch envelope with fixed control numbers and time. */
export function sampleEnvelope(over: Partial<ClaimBatchEnvelope> = {}): ClaimBatchEnvelope {
  return {
    parties: { senderId: 'MEDOFFICE', receiverId: 'SIMCH', usage: 'T' },
    submitter: { name: 'Testwood Family Practice', id: 'MEDOFFICE', contactName: 'Billing Desk', phone: '301-555-0100' },
    receiver: { name: 'Simulated Clearinghouse', id: 'SIMCH' },
    interchangeControlNumber: 905,
    groupControlNumber: 905,
    transactionControlNumber: 905,
    referenceId: 'CB000905',
    at: new Date('2026-11-26T14:30:00Z'),
    ...over,
  };
}

/**
 * The sample claim billed to a secondary payer after the primary (SIM01) adjudicated it: 80 % allowed,
 * CO-45 for the rest, PR-2 20 % coinsurance, paid the remainder, on 2026-12-01 (claim control ICN0001).
 */
export function sampleSecondaryClaim(n = 1, over: Partial<ClaimSnapshot> = {}): ClaimSnapshot {
  const primary = sampleClaim(n);
  const { dateOfBirth: _d, sex: _s, address: _a, ...insured } = primary.subscriber;
  const lines = primary.lines.map((l) => {
    const allowed = Math.round(l.chargeCents * 0.8);
    const coinsurance = Math.round(allowed * 0.2);
    return {
      position: l.position, code: l.code, modifiers: l.modifiers, units: l.units, paidCents: allowed - coinsurance,
      adjustments: [{ group: 'CO', reason: '45', amountCents: l.chargeCents - allowed }, { group: 'PR', reason: '2', amountCents: coinsurance }],
    };
  });
  return sampleClaim(n, {
    payerResponsibility: 'S',
    payer: { id: 'payer-2', name: 'Second Simulated Plan', ediPayerId: 'SIM02', address: null },
    subscriber: { ...primary.subscriber, memberId: `S${String(200000000 + n)}`, groupNumber: 'GRP200' },
    otherPayers: [{
      responsibility: 'P', payer: primary.payer, subscriber: insured, relationship: '18', payerClaimNumber: `ICN${String(n).padStart(4, '0')}`, adjudicationDate: '2026-12-01',
      paidCents: lines.reduce((a, l) => a + l.paidCents, 0), claimAdjustments: [],
      patientResponsibilityCents: lines.reduce((a, l) => a + l.adjustments.filter((x) => x.group === 'PR').reduce((b, x) => b + x.amountCents, 0), 0),
      lines,
    }],
    ...over,
  });
}
