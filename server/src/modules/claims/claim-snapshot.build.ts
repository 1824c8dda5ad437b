import type { AddressJson } from '../../db/schema/json-types.js';
import type { BillingProfileData } from '../billing/billing-profile.read.js';
import type { DiagnosisRow, LineRow, SuperbillRow } from '../superbills/superbill.repo.js';
import type { ClaimFilingIndicator, ClaimSnapshot, SnapshotAddress, SnapshotPersonName, SnapshotRelationship, SnapshotSex, SnapshotSubscriber } from './claim-snapshot.js';
import type { CoverageRow, LocationRow, PatientRow, PayerRow, ProviderRow } from './claim-source.repo.js';

/** Everything a claim is built from, read in the same transaction. */
export interface ClaimSources {
  accountNumber: string;
  superbill: SuperbillRow;
  diagnoses: DiagnosisRow[];
  lines: LineRow[];
  coverage: CoverageRow;
  payer: PayerRow;
  patient: PatientRow;
  renderingProvider: ProviderRow;
  location: LocationRow;
  profile: BillingProfileData | null;
}

export const FILING: Record<string, ClaimFilingIndicator> = { COMMERCIAL: 'CI', MEDICARE: 'MB', MEDICAID: 'MC', TRICARE: 'CH', WORKERS_COMP: 'WC', AUTO: 'AM', OTHER: '11' };
export const RELATIONSHIP: Record<string, SnapshotRelationship> = { SELF: '18', SPOUSE: '01', CHILD: '19', OTHER: 'G8' };
const SEX: Record<string, SnapshotSex> = { FEMALE: 'F', MALE: 'M' };

const sexOf = (s: string): SnapshotSex => SEX[s] ?? 'U';

export function addressOf(a: AddressJson | null | undefined): SnapshotAddress | null {
  if (!a) return null;
  return { line1: a.line1, line2: a.line2 ?? null, city: a.city, state: a.state, postalCode: a.postalCode.replace(/\D/g, '') };
}

/** A free-text name ("Ann B. Smith") split as a claim prints it: the last word is the family name. */
export function splitName(full: string): SnapshotPersonName {
  const words = full.trim().split(/\s+/);
  const family = words.pop() ?? '';
  return { family, given: words[0] ?? '', middle: words.length > 1 ? words.slice(1).join(' ') : null };
}

const primaryPhone = (p: PatientRow) => (p.phones.find((x) => x.primary) ?? p.phones[0])?.number ?? null;

/**
 * The subscriber of a coverage as a claim prints it: the patient when the coverage is the patient's own
 * (or names no subscriber), else the named subscriber. Pure.
 */
export function subscriberOf(coverage: CoverageRow, payer: PayerRow, patient: PatientRow): SnapshotSubscriber {
  const sub = coverage.subscriber;
  const self = coverage.subscriberRelationship === 'SELF' || !sub;
  return {
    memberId: coverage.memberId,
    groupNumber: coverage.groupNumber ?? null,
    groupName: coverage.planName ?? null,
    name: self ? { family: patient.familyName, given: patient.givenName, middle: patient.middleName ?? null } : { family: sub.family, given: sub.given, middle: sub.middle ?? null },
    dateOfBirth: self ? patient.dateOfBirth : sub.dateOfBirth,
    sex: self ? sexOf(patient.sexAtBirth) : sexOf(sub.sex),
    address: self ? addressOf(patient.address) : addressOf(sub.address ?? patient.address),
    claimFilingIndicator: FILING[payer.payerType] ?? 'ZZ',
  };
}

/**
 * The frozen content of a claim: parties, codes and amounts copied from the superbill, the coverage
 * (subscriber, member and group ids), the payer, the billing profile and the location. Pure.
 */
export function buildSnapshot(s: ClaimSources): ClaimSnapshot {
  const sb = s.superbill;
  const patientName: SnapshotPersonName = { family: s.patient.familyName, given: s.patient.givenName, middle: s.patient.middleName ?? null };
  const facility = s.profile?.facilities.get(s.location.id);
  const lines = s.lines.map((l) => ({
    position: l.position,
    code: l.code,
    modifiers: [...l.modifiers],
    units: l.units,
    chargeCents: l.chargeCents,
    diagnosisPointers: [...l.diagnosisPointers],
    dateOfService: sb.dateOfService,
    placeOfServiceCode: null,
    description: l.description,
  }));
  return {
    patientAccountNumber: s.accountNumber,
    frequencyCode: '1',
    originalPayerClaimNumber: null,
    dateOfService: sb.dateOfService,
    placeOfServiceCode: sb.placeOfServiceCode,
    billingProvider: {
      name: sb.billingProvider.name,
      npi: sb.billingProvider.npi ?? '',
      tin: (sb.billingProvider.tin ?? '').replace(/\D/g, ''),
      taxonomyCode: s.profile?.taxonomyCode ?? null,
      address: addressOf(sb.billingProvider.address ?? s.profile?.billingAddress) ?? { line1: '', line2: null, city: '', state: '', postalCode: '' },
      phone: s.profile?.phone ?? null,
    },
    renderingProvider: { npi: s.renderingProvider.npi, name: { family: s.renderingProvider.familyName, given: s.renderingProvider.givenName, middle: null }, taxonomyCode: s.renderingProvider.taxonomyCode },
    referringProvider: sb.referringProviderName ? { npi: sb.referringProviderNpi ?? '', name: splitName(sb.referringProviderName), taxonomyCode: null } : null,
    serviceFacility: { name: facility?.facilityName ?? s.location.name, npi: facility?.npi ?? null, address: addressOf(s.location.address)! },
    payer: { id: s.payer.id, name: s.payer.name, ediPayerId: s.payer.ediPayerId, address: addressOf(s.payer.address) },
    subscriber: subscriberOf(s.coverage, s.payer, s.patient),
    patient: { id: s.patient.id, name: patientName, dateOfBirth: s.patient.dateOfBirth, sex: sexOf(s.patient.sexAtBirth), address: addressOf(s.patient.address), phone: primaryPhone(s.patient), relationshipToSubscriber: RELATIONSHIP[s.coverage.subscriberRelationship] ?? '21' },
    priorAuthorizationNumber: sb.priorAuthorizationNumber,
    diagnoses: s.diagnoses.map((d) => d.code),
    lines,
    totalChargeCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
    patientPaidCents: sb.copayCollectedCents,
    acceptAssignment: true,
    releaseOfInformation: true,
  };
}
