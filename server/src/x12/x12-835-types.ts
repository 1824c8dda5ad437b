/**
 * An 835 health care claim payment/advice (005010X221A1), normalised: what the reader (x12-835.ts)
 * returns, what the writer (x12-835-writer.ts) writes and what balancing (era-balance.ts) checks.
 * Money is integer cents (negative where the payer takes money back, e.g. reversals); dates are
 * calendar dates `YYYY-MM-DD`; codes are kept as received.
 */

/** A qualifier and its value, e.g. REF*6R*123 → { qualifier: '6R', value: '123' }. */
export interface QualifiedValue {
  qualifier: string;
  value: string;
}

/** One CAS adjustment triple (reason, amount, quantity) with its group. */
export interface Adjustment {
  /** CAS01: CO contractual, PR patient responsibility, OA other, PI payer initiated, CR correction/reversal. */
  group: string;
  /** CARC (claim adjustment reason code), e.g. 45, 1, 2, 3, 50, 197. */
  reason: string;
  /** Positive reduces the payment, negative increases it. */
  amountCents: number;
  quantity: number | null;
}

/** NM1 in loop 2100 (QC patient, IL insured, 74 corrected insured, 82 rendering provider, TT crossover, …). */
export interface RemittanceEntity {
  entityCode: string;
  /** NM102: 1 person, 2 organisation. */
  entityType: string;
  lastOrOrganizationName: string | null;
  firstName: string | null;
  middleName: string | null;
  suffix: string | null;
  /** NM108: MI member id, XX NPI, HN, II, FI, BD, BS, … */
  idQualifier: string | null;
  id: string | null;
}

/** A procedure as SVC01/SVC06 carry it: HC:99213:25 → { qualifier: 'HC', code: '99213', modifiers: ['25'] }. */
export interface RemittanceProcedure {
  /** AD, ER, HC (CPT/HCPCS), HP, IV, N4 (NDC), NU (revenue code), WK. */
  qualifier: string;
  code: string;
  /** Up to 4 modifiers. */
  modifiers: string[];
  description: string | null;
}

/** LQ remark: HE = RARC (remittance advice remark code), RX = NCPDP reject code. */
export interface RemarkCode {
  qualifier: string;
  code: string;
}

/** Loop 2110: one service line payment. */
export interface RemittanceServiceLine {
  /** 1-based position of the SVC within its claim (not an X12 element). */
  lineNumber: number;
  procedure: RemittanceProcedure;
  chargeCents: number;
  paidCents: number;
  /** SVC04: NUBC revenue code (institutional). */
  revenueCode: string | null;
  /** SVC05; 1 when the payer left it out (the guide's default). */
  units: number;
  /** SVC06: the procedure as submitted, when the payer paid a different one. */
  originalProcedure: RemittanceProcedure | null;
  /** SVC07: units as submitted, when they differ. */
  originalUnits: number | null;
  /** DTM*472 (or DTM*150 when only a period is given). */
  serviceDateFrom: string | null;
  /** DTM*151, or the same as serviceDateFrom for a single date. */
  serviceDateTo: string | null;
  adjustments: Adjustment[];
  /** REF*6R: the line item control number we sent in the 837 (2400 REF*6R). */
  lineItemControlNumber: string | null;
  /** Other REF segments of the line (1B, 1C, G1, LU, 0K, APC, …). */
  references: QualifiedValue[];
  /** AMT*B6: allowed amount. */
  allowedCents: number | null;
  /** Every AMT of the line, allowed included (B6, KH, T, T2, ZK, …). */
  amounts: { qualifier: string; cents: number }[];
  remarks: RemarkCode[];
}

/** Loop 2100: one claim payment. */
export interface RemittanceClaim {
  /** 0-based order in the file (stable key for problems and imbalances). */
  index: number;
  /** LX01 of the header number loop the claim sits in. */
  headerNumber: string | null;
  /** CLP01: our CLM01. */
  patientAccountNumber: string;
  /** CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied, 19–21 processed and forwarded, 22 reversal, 23 not our claim, 25 predetermination. */
  statusCode: string;
  chargeCents: number;
  paidCents: number;
  /** CLP05; null when absent. */
  patientResponsibilityCents: number | null;
  /** CLP06: 12 PPO, 13 POS, 14 EPO, 15 indemnity, 16 HMO Medicare risk, 17 DMO, AM, CH, DS, HM, LM, MA, MB, MC, OF, TV, VA, WC, ZZ. */
  claimFilingIndicator: string;
  /** CLP07: the payer's claim control number (ICN). */
  payerClaimControlNumber: string | null;
  /** CLP08: place of service (professional) or facility type code. */
  facilityCode: string | null;
  /** CLP09: claim frequency (1 original, 7 replacement, 8 void). */
  frequencyCode: string | null;
  /** Claim-level CAS. */
  adjustments: Adjustment[];
  patient: RemittanceEntity | null;
  insured: RemittanceEntity | null;
  renderingProvider: RemittanceEntity | null;
  /** Any other NM1 of the claim (74 corrected insured, TT crossover carrier, PR corrected priority payer, GB, …). */
  otherEntities: RemittanceEntity[];
  /** REF of the claim (1L group, 1W member id, EA medical record, F8 original reference, 1K, G1, 9A, …). */
  references: QualifiedValue[];
  /** DTM*232 / DTM*233. */
  statementFrom: string | null;
  statementTo: string | null;
  /** DTM*050. */
  receivedDate: string | null;
  /** DTM*036 coverage expiration. */
  coverageExpirationDate: string | null;
  /** AMT of the claim (AU coverage amount, DY per day, F5 patient paid, I interest, NL negative ledger, T tax, …). */
  amounts: { qualifier: string; cents: number }[];
  /** Remark codes of MOA03–07 (outpatient) and MIA05/20–23 (inpatient), as received. */
  remarkCodes: string[];
  lines: RemittanceServiceLine[];
}

/** One PLB reason/amount pair: a provider-level adjustment. Positive reduces the payment. */
export interface ProviderAdjustment {
  /** PLB01: the provider's identifier (NPI or TIN). */
  providerId: string;
  /** PLB02: last day of the provider's fiscal period. */
  fiscalPeriodDate: string | null;
  /** PLB03-1 / 05-1 / …: WO overpayment recovery, L6 interest, FB forwarding balance, CS, 72, … */
  reason: string;
  /** PLB03-2: the reference (e.g. the ICN of the claim a recovery belongs to). */
  reference: string | null;
  amountCents: number;
}

export interface RemittanceEnvelope {
  /** ISA13, as written (9 digits). */
  interchangeControlNumber: string;
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA15: T test, P production. */
  usage: string;
  /** GS06. */
  groupControlNumber: string;
  /** GS08: 005010X221A1. */
  implementation: string;
  /** ST02. */
  transactionControlNumber: string;
}

export interface RemittancePayment {
  /** BPR01: C payment with remittance, D payment only, H notification only, I remittance information only, P prenotification, U split, X handling party's option. */
  handlingCode: string;
  /** BPR02, always ≥ 0 as written; `creditDebit` gives the direction. */
  totalCents: number;
  /** BPR03: C credit (to the payee), D debit. */
  creditDebit: string;
  /** BPR04: ACH, BOP, CHK, FWT, NON. */
  method: string;
  /** BPR05: CCP, CTX (ACH formats). */
  format: string | null;
  /** BPR16: check issue or EFT effective date. */
  paymentDate: string | null;
}

export interface RemittanceTrace {
  /** TRN01: 1 current transaction trace numbers. */
  typeCode: string;
  /** TRN02: the check or EFT trace number; with the payer id it identifies the payment. */
  number: string;
  /** TRN03: the payer's identifier (1 + EIN, usually). */
  payerId: string;
  /** TRN04: originating company supplemental code. */
  supplementalCode: string | null;
}

export interface RemittancePartyAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postalCode: string | null;
}

export interface RemittanceParty {
  name: string;
  /** N3/N4 of the party loop (required for the payer, situational for the payee). */
  address: RemittancePartyAddress | null;
  /** PER*BL (payer technical contact; the guide requires one for the payer): name and telephone. */
  technicalContact: { name: string | null; phone: string | null } | null;
  /** N103 (PE: XX NPI, FI TIN, XV plan id; PR: XV). */
  idQualifier: string | null;
  id: string | null;
  /** REF segments of the party loop (PR: 2U, EO, HI, NF; PE: TJ, PQ, 0B, D3, …). */
  references: QualifiedValue[];
}

export interface Remittance {
  envelope: RemittanceEnvelope;
  payment: RemittancePayment;
  trace: RemittanceTrace;
  /** DTM*405: production date. */
  productionDate: string | null;
  /** REF*EV: receiver identifier. */
  receiverReference: string | null;
  payer: RemittanceParty;
  payee: RemittanceParty & {
    /** From N104 when N103 is XX. */
    npi: string | null;
    /** From N104 when N103 is FI, else REF*TJ. */
    tin: string | null;
  };
  claims: RemittanceClaim[];
  providerAdjustments: ProviderAdjustment[];
}

/** A problem met while reading: `error` means the file must not be posted as is; `warning` was recovered. */
export interface RemittanceProblem {
  severity: 'error' | 'warning';
  /** A stable code for programs: ENVELOPE, NOT_835, STRUCTURE, MISSING, AMOUNT, CODE, DATE, COMPOSITE. */
  code: string;
  /** 1-based position of the segment within ST..SE (ST = 1), 0 for the file as a whole. */
  position: number;
  tag: string;
  /** 1-based element number when the problem is in one element. */
  element?: number;
  /** The claim (index into `claims`) and line (1-based) the problem sits in, when it sits in one. */
  claimIndex?: number;
  lineNumber?: number;
  /** Codes, positions and amounts only: never names or other PHI. */
  message: string;
}

export interface Parsed835 {
  /** Null only when the text is not an 835 interchange at all. */
  remittance: Remittance | null;
  problems: RemittanceProblem[];
}
