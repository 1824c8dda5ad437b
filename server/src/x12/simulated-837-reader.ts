import type { ClaimFilingIndicator, ClaimFrequencyCode, ClaimSnapshot, SnapshotAddress, SnapshotLine, SnapshotPersonName, SnapshotRelationship } from '../modules/claims/claim-snapshot.js';
import { parseX12, type X12Seg } from './x12-document.js';
import { isoDate } from './x12-envelope.js';
import { decimalToCents } from './x12-money.js';

/**
 * What the simulated payer reads back out of an 837P it received: per claim, the parts of a claim
 * snapshot the payer adjudicates on (account number, frequency, billing and rendering providers, payer,
 * subscriber, patient, prior authorization, place of service, lines). A payer knows a claim only from
 * the file, so the simulated ERAs of the clearinghouse mailbox are built from this and nothing else.
 * Parts an 837P does not carry to the payer (our row ids, descriptions) are empty.
 */
export interface ReceivedClaim837 {
  /** SBR01: P, S or T. */
  responsibility: string;
  snapshot: ClaimSnapshot;
}

const EMPTY_ADDRESS: SnapshotAddress = { line1: '', line2: null, city: '', state: '', postalCode: '' };
const nameOf = (s: X12Seg): SnapshotPersonName => ({ family: s.el[2] ?? '', given: s.el[3] ?? '', middle: s.el[4] || null });
const addressOf = (n3: X12Seg | undefined, n4: X12Seg | undefined): SnapshotAddress | null =>
  n3 && n4 ? { line1: n3.el[0] ?? '', line2: n3.el[1] || null, city: n4.el[0] ?? '', state: n4.el[1] ?? '', postalCode: n4.el[2] ?? '' } : null;

/**
 * Reads the claims of an 837P interchange (005010X222A1, as our writer and any conformant sender lays
 * it out). Reads only what it understands; an unreadable file gives no claims.
 */
export function read837Claims(raw: string): ReceivedClaim837[] {
  const doc = parseX12(raw);
  const component = doc.componentSeparator;
  const body = doc.body;
  const out: ReceivedClaim837[] = [];
  let billing: ClaimSnapshot['billingProvider'] | null = null;
  let sbr: X12Seg | null = null;
  let subscriber: { name: SnapshotPersonName; memberId: string; address: SnapshotAddress | null } | null = null;
  let payer: ClaimSnapshot['payer'] | null = null;
  let patient: { name: SnapshotPersonName; relationship: SnapshotRelationship } | null = null;
  let claim: ClaimSnapshot | null = null;
  let line: SnapshotLine | null = null;
  let loop = '';
  for (let i = 0; i < body.length; i++) {
    const s = body[i]!;
    const next = (tag: string) => (body[i + 1]?.tag === tag ? body[i + 1] : undefined);
    if (s.tag === 'HL') {
      loop = s.el[2] ?? '';
      claim = null;
      line = null;
      if (loop === '22') patient = null;
    } else if (s.tag === 'NM1' && s.el[0] === '85') {
      billing = { name: s.el[2] ?? '', npi: s.el[8] ?? '', tin: '', taxonomyCode: null, address: addressOf(next('N3'), body[i + 2]?.tag === 'N4' ? body[i + 2] : undefined) ?? EMPTY_ADDRESS, phone: null };
    } else if (s.tag === 'REF' && s.el[0] === 'EI' && billing && loop === '20') billing.tin = s.el[1] ?? '';
    else if (s.tag === 'SBR' && !claim) sbr = s;
    else if (s.tag === 'NM1' && s.el[0] === 'IL' && !claim) subscriber = { name: nameOf(s), memberId: s.el[8] ?? '', address: addressOf(next('N3'), body[i + 2]?.tag === 'N4' ? body[i + 2] : undefined) };
    else if (s.tag === 'NM1' && s.el[0] === 'PR' && !claim) payer = { id: '', name: s.el[2] ?? '', ediPayerId: s.el[8] ?? '', address: null };
    else if (s.tag === 'PAT') patient = { name: { family: '', given: '', middle: null }, relationship: (s.el[0] ?? 'G8') as SnapshotRelationship };
    else if (s.tag === 'NM1' && s.el[0] === 'QC' && patient) patient.name = nameOf(s);
    else if (s.tag === 'CLM' && billing && sbr && subscriber && payer) {
      const [pos = '', , frequency = '1'] = (s.el[4] ?? '').split(component);
      const self = patient === null;
      claim = {
        patientAccountNumber: s.el[0] ?? '', frequencyCode: frequency as ClaimFrequencyCode, originalPayerClaimNumber: null, dateOfService: '', placeOfServiceCode: pos,
        billingProvider: { ...billing }, renderingProvider: null, referringProvider: null, serviceFacility: null, payer: { ...payer },
        subscriber: { memberId: subscriber.memberId, groupNumber: sbr.el[2] || null, groupName: sbr.el[3] || null, name: subscriber.name, dateOfBirth: '', sex: 'U', address: subscriber.address, claimFilingIndicator: (sbr.el[8] ?? 'ZZ') as ClaimFilingIndicator },
        patient: { id: '', name: self ? subscriber.name : patient!.name, dateOfBirth: '', sex: 'U', address: null, phone: null, relationshipToSubscriber: self ? '18' : patient!.relationship },
        priorAuthorizationNumber: null, diagnoses: [], lines: [], totalChargeCents: decimalToCents(s.el[1]) ?? 0, patientPaidCents: 0,
        acceptAssignment: s.el[6] === 'A', releaseOfInformation: s.el[8] === 'Y', payerResponsibility: (sbr.el[0] ?? 'P') as 'P' | 'S' | 'T',
      };
      out.push({ responsibility: sbr.el[0] ?? 'P', snapshot: claim });
    } else if (claim && s.tag === 'REF' && s.el[0] === 'G1' && !line) claim.priorAuthorizationNumber = s.el[1] ?? null;
    else if (claim && s.tag === 'REF' && s.el[0] === 'F8' && !line) claim.originalPayerClaimNumber = s.el[1] ?? null;
    else if (claim && s.tag === 'NM1' && s.el[0] === '82') claim.renderingProvider = { npi: s.el[8] ?? '', name: nameOf(s), taxonomyCode: null };
    else if (claim && s.tag === 'LX') line = null;
    else if (claim && s.tag === 'SV1') {
      const [, code = '', ...modifiers] = (s.el[0] ?? '').split(component);
      line = { position: claim.lines.length + 1, code, modifiers, units: Number(s.el[3]) || 1, chargeCents: decimalToCents(s.el[1]) ?? 0, diagnosisPointers: (s.el[6] ?? '').split(component).map(Number).filter(Boolean), dateOfService: '', placeOfServiceCode: s.el[4] || null, description: null };
      claim.lines.push(line);
    } else if (claim && line && s.tag === 'DTP' && s.el[0] === '472') {
      line.dateOfService = isoDate((s.el[2] ?? '').split('-')[0]) ?? '';
      if (!claim.dateOfService || line.dateOfService < claim.dateOfService) claim.dateOfService = line.dateOfService;
    }
  }
  return out;
}
