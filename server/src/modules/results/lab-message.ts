import { badInput } from '../../graphql/errors.js';

/** What a lab said about the patient (used to match; kept on the result for the unmatched queue). */
export interface SentPatient {
  mrn: string | null;
  givenName: string | null;
  familyName: string | null;
  /** Calendar date YYYY-MM-DD. */
  dateOfBirth: string | null;
}

export type Interpretation = 'NORMAL' | 'ABNORMAL' | 'CRITICAL';
export type ReportStatus = 'PRELIMINARY' | 'FINAL' | 'CORRECTED';
export type ObservationStatus = 'PRELIMINARY' | 'FINAL' | 'CORRECTED' | 'PENDING' | 'CANCELLED' | 'ENTERED_IN_ERROR';

export interface ParsedObservation {
  code: string;
  codeSystem: string | null;
  display: string | null;
  valueType: string | null;
  value: string | null;
  units: string | null;
  referenceRange: string | null;
  abnormalFlag: string | null;
  interpretation: Interpretation;
  status: ObservationStatus;
  observedAt: Date | null;
}

export interface ParsedReport {
  patient: SentPatient;
  placerOrderNumber: string | null;
  fillerOrderNumber: string | null;
  code: string;
  codeSystem: string | null;
  display: string | null;
  status: ReportStatus;
  effectiveAt: Date | null;
  issuedAt: Date | null;
  /** The ordering provider's NPI when the lab sent one. */
  orderingProviderNpi: string | null;
  observations: ParsedObservation[];
}

/** A lab message read and checked, in either format. */
export interface ParsedLabMessage {
  format: 'HL7V2' | 'FHIR';
  sendingFacility: string;
  controlId: string;
  reports: ParsedReport[];
}

/**
 * A problem with an incoming lab message: where (HL7 `OBX[3]-8`: the third OBX's field 8; FHIR: the
 * element path) and what — never the value, which may be PHI.
 */
export class LabMessageError extends Error {
  constructor(
    readonly location: string,
    readonly problem: string,
    /** AR: the message as a whole is refused (type, version, header); AE: an error in its content. */
    readonly ackCode: 'AE' | 'AR' = 'AE',
    /** Further problems found in the same pass (FHIR validation reports them all). */
    readonly more: readonly { location: string; problem: string }[] = [],
  ) {
    super(`${location} ${problem}`);
  }

  /** The same problem as the API's typed error (BAD_USER_INPUT naming the place). */
  toAppError() {
    return badInput([{ path: this.location, message: this.problem }, ...this.more.map((m) => ({ path: m.location, message: m.problem }))]);
  }
}

/** HL7 table 0078 abnormal flags (also FHIR's v3 ObservationInterpretation codes of the same name). */
const FLAGS: Record<string, Interpretation> = {
  N: 'NORMAL', NEG: 'NORMAL', S: 'NORMAL', I: 'NORMAL', R: 'NORMAL', MS: 'NORMAL', VS: 'NORMAL', NR: 'NORMAL',
  L: 'ABNORMAL', H: 'ABNORMAL', A: 'ABNORMAL', U: 'ABNORMAL', D: 'ABNORMAL', B: 'ABNORMAL', W: 'ABNORMAL', POS: 'ABNORMAL', DET: 'ABNORMAL', IND: 'ABNORMAL', RR: 'ABNORMAL', QCF: 'ABNORMAL', TOX: 'ABNORMAL', E: 'ABNORMAL', EX: 'ABNORMAL', HX: 'ABNORMAL', LX: 'ABNORMAL', ND: 'NORMAL',
  LL: 'CRITICAL', HH: 'CRITICAL', AA: 'CRITICAL', '<': 'CRITICAL', '>': 'CRITICAL', HU: 'CRITICAL', LU: 'CRITICAL',
};

/** The interpretation of an abnormal flag; null for a code outside table 0078. An empty flag is NORMAL. */
export function interpretFlag(flag: string | null): Interpretation | null {
  if (!flag) return 'NORMAL';
  return FLAGS[flag] ?? null;
}

const RANK: Record<Interpretation, number> = { NORMAL: 0, ABNORMAL: 1, CRITICAL: 2 };

/** The worst interpretation among observations (NORMAL when there are none). */
export function worstInterpretation(list: readonly { interpretation: Interpretation }[]): Interpretation {
  return list.reduce<Interpretation>((w, o) => (RANK[o.interpretation] > RANK[w] ? o.interpretation : w), 'NORMAL');
}
