import { buildInterchange, type X12Parties, x12Date, x12Text } from './x12-envelope.js';

export interface X12Person {
  given: string;
  middle?: string | null;
  family: string;
  /** ISO date. */
  dateOfBirth?: string | null;
  sex?: 'FEMALE' | 'MALE' | 'UNKNOWN' | null;
}

/** Everything a 270 inquiry carries (005010X279A1). */
export interface EligibilityInquiry {
  controlNumber: number;
  /** BHT03 and TRN02: our reference, echoed back in the 271. */
  traceNumber: string;
  at: Date;
  payer: { name: string; ediPayerId: string };
  provider: { npi: string; given?: string | null; family: string; organization?: boolean };
  subscriber: X12Person & { memberId: string; groupNumber?: string | null };
  /** Present when the patient is not the subscriber (loop 2000D); `relationshipCode` is INS02. */
  dependent?: (X12Person & { relationshipCode: string }) | null;
  /** ISO date of service (DTP*291). */
  dateOfService: string;
  serviceTypeCodes: string[];
}

/** TRN03: a 10-character originating company id ("9" + a number we assign to ourselves). */
export const TRACE_ORIGINATOR = '9MEDOFFICE';

const SEX: Record<string, string> = { FEMALE: 'F', MALE: 'M', UNKNOWN: 'U' };

/**
 * Builds an X12 270 eligibility inquiry: payer (HL 20) → provider (HL 21, NPI) → subscriber (HL 22) →
 * dependent (HL 23, only when the patient is not the subscriber), with TRN, DMG, DTP*291 and one EQ
 * per service type code in the patient's loop.
 * @returns the interchange text, segments ended with `~`
 */
export function build270(q: EligibilityInquiry, parties: X12Parties): string {
  const person = (p: X12Person) => [x12Text(p.family, 60), x12Text(p.given, 35), x12Text(p.middle, 25)];
  const dmg = (p: X12Person) => (p.dateOfBirth ? ['D8', x12Date(p.dateOfBirth), ...(p.sex ? [SEX[p.sex] ?? 'U'] : [])] : null);
  return buildInterchange({
    parties,
    functionalId: 'HS',
    transactionSet: '270',
    controlNumber: q.controlNumber,
    at: q.at,
    fill: (tx) => {
      const iso = q.at.toISOString();
      tx.addSegment('BHT', ['0022', '13', q.traceNumber, iso.slice(0, 10).replaceAll('-', ''), iso.slice(11, 16).replace(':', '')]);
      tx.addSegment('HL', ['1', '', '20', '1']);
      tx.addSegment('NM1', ['PR', '2', x12Text(q.payer.name, 60), '', '', '', '', 'PI', x12Text(q.payer.ediPayerId, 80)]);
      tx.addSegment('HL', ['2', '1', '21', '1']);
      const prov = q.provider;
      tx.addSegment('NM1', prov.organization
        ? ['1P', '2', x12Text(prov.family, 60), '', '', '', '', 'XX', prov.npi]
        : ['1P', '1', x12Text(prov.family, 60), x12Text(prov.given, 35), '', '', '', 'XX', prov.npi]);
      const dependent = q.dependent ?? null;
      tx.addSegment('HL', ['3', '2', '22', dependent ? '1' : '0']);
      const inquiry = () => {
        tx.addSegment('DTP', ['291', 'D8', x12Date(q.dateOfService)]);
        for (const code of q.serviceTypeCodes) tx.addSegment('EQ', [code]);
      };
      if (!dependent) tx.addSegment('TRN', ['1', q.traceNumber, TRACE_ORIGINATOR]);
      const [sf, sg, sm] = person(q.subscriber);
      tx.addSegment('NM1', ['IL', '1', sf!, sg!, sm!, '', '', 'MI', q.subscriber.memberId]);
      if (q.subscriber.groupNumber) tx.addSegment('REF', ['6P', x12Text(q.subscriber.groupNumber, 50)]);
      const sd = dmg(q.subscriber);
      if (sd) tx.addSegment('DMG', sd);
      if (!dependent) return inquiry();
      tx.addSegment('HL', ['4', '3', '23', '0']);
      tx.addSegment('TRN', ['1', q.traceNumber, TRACE_ORIGINATOR]);
      const [df, dg, dm] = person(dependent);
      tx.addSegment('NM1', ['03', '1', df!, dg!, dm!]);
      const dd = dmg(dependent);
      if (dd) tx.addSegment('DMG', dd);
      tx.addSegment('INS', ['N', dependent.relationshipCode]);
      inquiry();
    },
  });
}
