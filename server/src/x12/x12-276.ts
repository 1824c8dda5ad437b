import type { ClaimSnapshot, SnapshotPersonName } from '../modules/claims/claim-snapshot.js';
import { buildInterchange, type X12Parties, x12Date, x12DateTime, x12Text } from './x12-envelope.js';
import { centsToAmount } from './x12-money.js';

/** 005010X212: the claim status request/response implementation guide. */
export const X12_276_VERSION = '005010X212';

/** Everything a 276 carries besides the claim itself. */
export interface ClaimStatusRequestEnvelope {
  parties: X12Parties;
  /** Loop 2100B, the information receiver: who asks (the practice or its billing service, by ETIN). */
  submitter: { name: string; id: string };
  /** ISA13 (and GS06), 1..999999999, from the database sequence. */
  interchangeControlNumber: number;
  /** ST02; 1 when not given. */
  transactionControlNumber?: number;
  /** TRN02 and BHT03: our trace, echoed in the 277's TRN (1–50 characters). */
  traceNumber: string;
  /** The payer's claim control number from the 277CA, when known (REF*1K). */
  payerClaimNumber?: string | null;
  at: Date;
}

const name = (n: SnapshotPersonName) => [x12Text(n.family, 60), x12Text(n.given, 35), x12Text(n.middle, 25)];

/**
 * Builds a 276 claim status request (005010X212) for one claim: payer (HL 20) → information receiver
 * (HL 21) → billing provider (HL 19, NPI) → subscriber (HL 22) → patient (HL 23, only when not the
 * subscriber), then the claim: TRN (our trace), REF*1K payer claim number, REF*EJ patient account
 * number, AMT*T3 total charge, DTP*472 service dates (a range when lines span several days).
 */
export function build276(claim: ClaimSnapshot, env: ClaimStatusRequestEnvelope): string {
  const { date, time } = x12DateTime(env.at);
  const self = claim.patient.relationshipToSubscriber === '18';
  const dates = claim.lines.map((l) => l.dateOfService).concat(claim.dateOfService).sort();
  const from = x12Date(dates[0]!);
  const to = x12Date(dates[dates.length - 1]!);
  return buildInterchange({
    parties: env.parties,
    transactionSet: '276',
    version: X12_276_VERSION,
    controlNumber: env.interchangeControlNumber,
    transactionControlNumber: env.transactionControlNumber,
    at: env.at,
    fill: (tx) => {
      tx.addSegment('BHT', ['0010', '13', x12Text(env.traceNumber, 50), date, time]);
      tx.addSegment('HL', ['1', '', '20', '1']);
      tx.addSegment('NM1', ['PR', '2', x12Text(claim.payer.name, 60), '', '', '', '', 'PI', x12Text(claim.payer.ediPayerId, 80)]);
      tx.addSegment('HL', ['2', '1', '21', '1']);
      tx.addSegment('NM1', ['41', '2', x12Text(env.submitter.name, 60), '', '', '', '', '46', x12Text(env.submitter.id, 80)]);
      tx.addSegment('HL', ['3', '2', '19', '1']);
      tx.addSegment('NM1', ['1P', '2', x12Text(claim.billingProvider.name, 60), '', '', '', '', 'XX', x12Text(claim.billingProvider.npi, 80)]);
      tx.addSegment('HL', ['4', '3', '22', self ? '0' : '1']);
      const sub = claim.subscriber;
      if (self) tx.addSegment('DMG', ['D8', x12Date(sub.dateOfBirth), sub.sex]);
      tx.addSegment('NM1', ['IL', '1', ...name(sub.name), '', '', 'MI', x12Text(sub.memberId, 80)]);
      if (!self) {
        const p = claim.patient;
        tx.addSegment('HL', ['5', '4', '23']);
        tx.addSegment('DMG', ['D8', x12Date(p.dateOfBirth), p.sex]);
        tx.addSegment('NM1', ['QC', '1', ...name(p.name)]);
      }
      tx.addSegment('TRN', ['1', x12Text(env.traceNumber, 50)]);
      if (env.payerClaimNumber) tx.addSegment('REF', ['1K', x12Text(env.payerClaimNumber, 50)]);
      tx.addSegment('REF', ['EJ', x12Text(claim.patientAccountNumber, 50)]);
      tx.addSegment('AMT', ['T3', centsToAmount(claim.totalChargeCents)]);
      tx.addSegment('DTP', from === to ? ['472', 'D8', from] : ['472', 'RD8', `${from}-${to}`]);
    },
  });
}
