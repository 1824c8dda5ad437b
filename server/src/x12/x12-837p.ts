import type { ClaimSnapshot, SnapshotAddress, SnapshotAdjustment, SnapshotOtherPayer, SnapshotBillingProvider, SnapshotIndividualProvider, SnapshotPersonName } from '../modules/claims/claim-snapshot.js';
import { buildInterchange, SEPARATORS, type X12Parties, type X12SegmentWriter, x12Date, x12DateTime, x12Text } from './x12-envelope.js';
import { centsToAmount } from './x12-money.js';

/** 005010X222A1: the professional claim implementation guide. */
export const X12_837P_VERSION = '005010X222A1';

/** The batch's envelope: who sends to whom, the control numbers (from database sequences) and when. */
export interface ClaimBatchEnvelope {
  /** ISA06/ISA08 (and GS02/GS03) and ISA15 usage (T test, P production). */
  parties: X12Parties;
  /** Loop 1000A: the submitter (the practice or its billing service) and its EDI contact. */
  submitter: { name: string; id: string; contactName: string; phone: string };
  /** Loop 1000B: the clearinghouse or payer receiving the file. */
  receiver: { name: string; id: string };
  /** ISA13, 1..999999999. */
  interchangeControlNumber: number;
  /** GS06, 1..999999999. */
  groupControlNumber: number;
  /** ST02, 1..999999999 (written with at least 4 digits). */
  transactionControlNumber: number;
  /** BHT03: our reference for the batch, echoed in the 277CA (1–50 characters). */
  referenceId: string;
  /** BHT04/05, ISA09/10, GS04/05. */
  at: Date;
}

/** The claims cannot be written as one 837P (a caller's mistake, not a claim's data problem). */
export class X12BuildError extends Error {}

const MAX_LINES = 50;

const name = (n: SnapshotPersonName) => [x12Text(n.family, 60), x12Text(n.given, 35), x12Text(n.middle, 25)];
const billingKey = (b: SnapshotBillingProvider) => JSON.stringify([b.npi, b.tin, b.name, b.taxonomyCode, b.address]);

function address(tx: X12SegmentWriter, a: SnapshotAddress): void {
  tx.addSegment('N3', [x12Text(a.line1, 55), x12Text(a.line2, 55)]);
  tx.addSegment('N4', [x12Text(a.city, 30), x12Text(a.state, 2), a.postalCode.replace(/\D/g, '')]);
}

function individual(tx: X12SegmentWriter, entity: 'DN' | '82', p: SnapshotIndividualProvider): void {
  tx.addSegment('NM1', [entity, '1', ...name(p.name), '', '', 'XX', x12Text(p.npi, 80)]);
  if (entity === '82' && p.taxonomyCode) tx.addSegment('PRV', ['PE', 'PXC', x12Text(p.taxonomyCode, 50)]);
}

function checkBatch(claims: readonly ClaimSnapshot[]): void {
  if (claims.length === 0) throw new X12BuildError('an 837P batch needs at least one claim');
  const payer = claims[0]!.payer.ediPayerId;
  const accounts = new Set<string>();
  for (const c of claims) {
    if (c.payer.ediPayerId !== payer) throw new X12BuildError('all claims of a batch go to one payer route');
    if (accounts.has(c.patientAccountNumber)) throw new X12BuildError('a claim appears twice in the batch');
    accounts.add(c.patientAccountNumber);
    const others = c.otherPayers ?? [];
    if ((c.payerResponsibility ?? 'P') !== 'P' && others.length === 0) throw new X12BuildError('a secondary or tertiary claim carries the earlier payers\' adjudication (loop 2320)');
    if (others.length > 10 || others.some((o) => o.responsibility === (c.payerResponsibility ?? 'P'))) throw new X12BuildError('other payers hold 1–10 responsibilities, none this claim\'s');
    if (c.lines.length === 0 || c.lines.length > MAX_LINES) throw new X12BuildError(`a claim holds 1–${MAX_LINES} service lines`);
    if (c.diagnoses.length === 0 || c.diagnoses.length > 12) throw new X12BuildError('a claim holds 1–12 diagnoses');
    for (const l of c.lines) {
      if (l.modifiers.length > 4) throw new X12BuildError('a service line holds at most 4 modifiers');
      if (l.diagnosisPointers.length === 0 || l.diagnosisPointers.length > 4 || l.diagnosisPointers.some((p) => !Number.isInteger(p) || p < 1 || p > c.diagnoses.length)) {
        throw new X12BuildError('a service line points to 1–4 of the claim\'s diagnoses');
      }
    }
  }
}

/** CAS segments of one loop: one per group, up to 6 reason/amount pairs each (2320 and 2430 allow 5). */
function adjustments(tx: X12SegmentWriter, list: readonly SnapshotAdjustment[]): void {
  const groups = new Map<string, SnapshotAdjustment[]>();
  for (const a of list) if (a.amountCents !== 0) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  const segments: string[][] = [];
  for (const [group, items] of groups) {
    for (let i = 0; i < items.length; i += 6) segments.push([group, ...items.slice(i, i + 6).flatMap((a) => [a.reason, centsToAmount(a.amountCents), ''])]);
  }
  if (segments.length > 5) throw new X12BuildError('another payer\'s adjustments need more than 5 CAS segments');
  for (const e of segments) tx.addSegment('CAS', e);
}

/** Loop 2320 (other subscriber information) with 2330A (other subscriber) and 2330B (other payer). */
function otherPayerLoop(tx: X12SegmentWriter, o: SnapshotOtherPayer): void {
  const sub = o.subscriber;
  tx.addSegment('SBR', [o.responsibility, o.relationship, x12Text(sub.groupNumber, 50), sub.groupNumber ? '' : x12Text(sub.groupName, 60), '', '', '', '', sub.claimFilingIndicator]);
  adjustments(tx, o.claimAdjustments);
  tx.addSegment('AMT', ['D', centsToAmount(o.paidCents)]);
  if (o.patientResponsibilityCents > 0) tx.addSegment('AMT', ['EAF', centsToAmount(o.patientResponsibilityCents)]);
  tx.addSegment('OI', ['', '', 'Y', '', '', 'Y']);
  tx.addSegment('NM1', ['IL', '1', ...name(sub.name), '', '', 'MI', x12Text(sub.memberId, 80)]);
  tx.addSegment('NM1', ['PR', '2', x12Text(o.payer.name, 60), '', '', '', '', 'PI', x12Text(o.payer.ediPayerId, 80)]);
  // The claim-level adjudication date goes here only when no line carries it (2430 DTP*573).
  if (o.lines.length === 0) tx.addSegment('DTP', ['573', 'D8', x12Date(o.adjudicationDate)]);
  if (o.payerClaimNumber) tx.addSegment('REF', ['F8', x12Text(o.payerClaimNumber, 50)]);
}

/** Loop 2430 (line adjudication) of each other payer that adjudicated the line. */
function lineAdjudications(tx: X12SegmentWriter, others: readonly SnapshotOtherPayer[], position: number, component: string): void {
  for (const o of others) {
    for (const l of o.lines.filter((x) => x.position === position)) {
      tx.addSegment('SVD', [x12Text(o.payer.ediPayerId, 80), centsToAmount(l.paidCents), ['HC', x12Text(l.code, 48), ...l.modifiers.map((m) => x12Text(m, 2))].join(component), '', String(l.units)]);
      adjustments(tx, l.adjustments);
      tx.addSegment('DTP', ['573', 'D8', x12Date(o.adjudicationDate)]);
    }
  }
}

/** Loop 2300 (claim) with its 2310A/B/C providers and 2400 service lines. */
function claimLoop(tx: X12SegmentWriter, c: ClaimSnapshot, component: string): void {
  tx.addSegment('CLM', [
    x12Text(c.patientAccountNumber, 38), centsToAmount(c.totalChargeCents), '', '',
    [x12Text(c.placeOfServiceCode, 2), 'B', c.frequencyCode].join(component),
    'Y', c.acceptAssignment ? 'A' : 'C', c.acceptAssignment ? 'Y' : 'N', c.releaseOfInformation ? 'Y' : 'I',
  ]);
  if (c.patientPaidCents > 0) tx.addSegment('AMT', ['F5', centsToAmount(c.patientPaidCents)]);
  if (c.priorAuthorizationNumber) tx.addSegment('REF', ['G1', x12Text(c.priorAuthorizationNumber, 50)]);
  if (c.frequencyCode !== '1') {
    if (!c.originalPayerClaimNumber) throw new X12BuildError('a replacement or void carries the payer\'s original claim number');
    tx.addSegment('REF', ['F8', x12Text(c.originalPayerClaimNumber, 50)]);
  }
  tx.addSegment('HI', c.diagnoses.map((d, i) => [i === 0 ? 'ABK' : 'ABF', x12Text(d.replace('.', ''), 30)].join(component)));
  if (c.referringProvider) individual(tx, 'DN', c.referringProvider);
  // 2310B only when someone other than the billing provider rendered the service.
  if (c.renderingProvider && c.renderingProvider.npi !== c.billingProvider.npi) individual(tx, '82', c.renderingProvider);
  if (c.serviceFacility) {
    const f = c.serviceFacility;
    tx.addSegment('NM1', ['77', '2', x12Text(f.name, 60), '', '', '', '', f.npi ? 'XX' : '', x12Text(f.npi, 80)]);
    address(tx, f.address);
  }
  const others = c.otherPayers ?? [];
  for (const o of others) otherPayerLoop(tx, o);
  for (const [i, l] of c.lines.entries()) {
    tx.addSegment('LX', [String(i + 1)]);
    tx.addSegment('SV1', [
      ['HC', x12Text(l.code, 48), ...l.modifiers.map((m) => x12Text(m, 2))].join(component),
      centsToAmount(l.chargeCents), 'UN', String(l.units),
      l.placeOfServiceCode && l.placeOfServiceCode !== c.placeOfServiceCode ? l.placeOfServiceCode : '', '',
      l.diagnosisPointers.map(String).join(component),
    ]);
    tx.addSegment('DTP', ['472', 'D8', x12Date(l.dateOfService)]);
    lineAdjudications(tx, others, l.position, component);
  }
}

/**
 * Builds one 837P (005010X222A1) interchange for claims going to one payer route: one transaction set,
 * one billing-provider HL (20) per distinct billing provider, and under it per claim a subscriber HL
 * (22) and, when the patient is not the subscriber, a patient HL (23) holding the claim.
 * Claims keep their order within their billing provider.
 * @throws X12BuildError when the claims cannot form one batch (none, mixed payers, a repeated account
 *   number, lines, diagnoses, modifiers or pointers out of the guide's bounds)
 * @throws RangeError when a control number is out of range
 */
export function build837P(claims: readonly ClaimSnapshot[], envelope: ClaimBatchEnvelope): string {
  checkBatch(claims);
  const groups = new Map<string, ClaimSnapshot[]>();
  for (const c of claims) {
    const key = billingKey(c.billingProvider);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const { date, time } = x12DateTime(envelope.at);
  return buildInterchange({
    parties: envelope.parties,
    transactionSet: '837',
    version: X12_837P_VERSION,
    controlNumber: envelope.interchangeControlNumber,
    groupControlNumber: envelope.groupControlNumber,
    transactionControlNumber: envelope.transactionControlNumber,
    at: envelope.at,
    fill: (tx) => {
      const component = SEPARATORS.subElementDelimiter;
      tx.addSegment('BHT', ['0019', '00', x12Text(envelope.referenceId, 50), date, time, 'CH']);
      const s = envelope.submitter;
      tx.addSegment('NM1', ['41', '2', x12Text(s.name, 60), '', '', '', '', '46', x12Text(s.id, 80)]);
      tx.addSegment('PER', ['IC', x12Text(s.contactName, 60), 'TE', s.phone.replace(/\D/g, '')]);
      tx.addSegment('NM1', ['40', '2', x12Text(envelope.receiver.name, 60), '', '', '', '', '46', x12Text(envelope.receiver.id, 80)]);
      let hl = 0;
      for (const batch of groups.values()) {
        const b = batch[0]!.billingProvider;
        const billingHl = ++hl;
        tx.addSegment('HL', [String(billingHl), '', '20', '1']);
        if (b.taxonomyCode) tx.addSegment('PRV', ['BI', 'PXC', x12Text(b.taxonomyCode, 50)]);
        tx.addSegment('NM1', ['85', '2', x12Text(b.name, 60), '', '', '', '', 'XX', x12Text(b.npi, 80)]);
        address(tx, b.address);
        tx.addSegment('REF', ['EI', b.tin.replace(/\D/g, '')]);
        for (const c of batch) {
          const self = c.patient.relationshipToSubscriber === '18';
          const sub = c.subscriber;
          const subscriberHl = ++hl;
          tx.addSegment('HL', [String(subscriberHl), String(billingHl), '22', self ? '0' : '1']);
          tx.addSegment('SBR', [c.payerResponsibility ?? 'P', self ? '18' : '', x12Text(sub.groupNumber, 50), sub.groupNumber ? '' : x12Text(sub.groupName, 60), '', '', '', '', sub.claimFilingIndicator]);
          tx.addSegment('NM1', ['IL', '1', ...name(sub.name), '', '', 'MI', x12Text(sub.memberId, 80)]);
          // The guide sends the subscriber's address and demographics only when the subscriber is the patient.
          if (self) {
            const home = sub.address ?? c.patient.address;
            if (!home) throw new X12BuildError('a subscriber who is the patient needs an address (loop 2010BA)');
            address(tx, home);
            tx.addSegment('DMG', ['D8', x12Date(sub.dateOfBirth), sub.sex]);
          }
          tx.addSegment('NM1', ['PR', '2', x12Text(c.payer.name, 60), '', '', '', '', 'PI', x12Text(c.payer.ediPayerId, 80)]);
          if (!self) {
            const p = c.patient;
            tx.addSegment('HL', [String(++hl), String(subscriberHl), '23', '0']);
            tx.addSegment('PAT', [p.relationshipToSubscriber]);
            tx.addSegment('NM1', ['QC', '1', ...name(p.name)]);
            if (!p.address) throw new X12BuildError('a dependent patient needs an address (loop 2010CA)');
            address(tx, p.address);
            tx.addSegment('DMG', ['D8', x12Date(p.dateOfBirth), p.sex]);
          }
          claimLoop(tx, c, component);
        }
      }
    },
  });
}
