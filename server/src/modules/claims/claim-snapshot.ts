/**
 * What a claim says, frozen when the claim is created: every party, code and amount copied from the
 * superbill, the coverage, the payer and the billing profile, so that later edits elsewhere never change
 * what was billed. The 837P writer (x12/x12-837p.ts) and the CMS-1500 form (claims/cms1500.pdf.ts) read
 * only this; the claims tables store it (jsonb) next to the columns lists filter and sort on.
 *
 * Money is integer cents; dates are calendar dates `YYYY-MM-DD`; codes are stored as billed
 * (ICD-10-CM without the dot, upper case).
 */

export interface SnapshotAddress {
  line1: string;
  line2: string | null;
  city: string;
  /** Two-letter state code. */
  state: string;
  /** 5 or 9 digits, no dash. */
  postalCode: string;
}

export interface SnapshotPersonName {
  family: string;
  given: string;
  middle: string | null;
}

/** X12 / CMS-1500 sex code. */
export type SnapshotSex = 'F' | 'M' | 'U';

/**
 * The patient's relationship to the subscriber (X12 PAT01 / SBR02 individual relationship codes):
 * 18 self, 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life
 * partner, G8 other.
 */
export type SnapshotRelationship = '18' | '01' | '19' | '20' | '21' | '39' | '40' | '53' | 'G8';

/**
 * X12 claim filing indicator (SBR09): CI commercial, MB Medicare part B, MC Medicaid, CH TRICARE,
 * WC workers' compensation, AM auto, 11 other non-federal, ZZ unknown.
 */
export type ClaimFilingIndicator = 'CI' | 'MB' | 'MC' | 'CH' | 'WC' | 'AM' | '11' | 'ZZ';

/** Claim frequency (CLM05-3): 1 original, 7 replacement of a prior claim, 8 void of a prior claim. */
export type ClaimFrequencyCode = '1' | '7' | '8';

export interface SnapshotBillingProvider {
  /** Organization (or individual) legal name. */
  name: string;
  /** Type-2 group NPI, 10 digits. */
  npi: string;
  /** EIN, 9 digits, no dash. */
  tin: string;
  /** NUCC taxonomy code, 10 characters. */
  taxonomyCode: string | null;
  /** Street address (never a PO box on an 837P 2010AA). */
  address: SnapshotAddress;
  phone: string | null;
}

export interface SnapshotIndividualProvider {
  npi: string;
  name: SnapshotPersonName;
  taxonomyCode: string | null;
}

export interface SnapshotServiceFacility {
  name: string;
  npi: string | null;
  address: SnapshotAddress;
}

export interface SnapshotPayer {
  /** Our payer row id. */
  id: string;
  name: string;
  /** The payer id clearinghouses route on (NM1*PR … PI). */
  ediPayerId: string;
  address: SnapshotAddress | null;
}

export interface SnapshotSubscriber {
  memberId: string;
  groupNumber: string | null;
  /** Plan or group name when known. */
  groupName: string | null;
  name: SnapshotPersonName;
  dateOfBirth: string;
  sex: SnapshotSex;
  address: SnapshotAddress | null;
  claimFilingIndicator: ClaimFilingIndicator;
}

export interface SnapshotPatient {
  /** Our patient row id (never printed). */
  id: string;
  name: SnapshotPersonName;
  dateOfBirth: string;
  sex: SnapshotSex;
  address: SnapshotAddress | null;
  phone: string | null;
  /** Relationship of the patient to the subscriber; '18' (self) means the patient is the subscriber. */
  relationshipToSubscriber: SnapshotRelationship;
}

export interface SnapshotLine {
  /** 1-based, the LX number. */
  position: number;
  /** CPT (5 characters) or HCPCS Level II (letter + 4 digits). */
  code: string;
  /** Up to 4 two-character modifiers. */
  modifiers: string[];
  units: number;
  chargeCents: number;
  /** 1-based indexes into `diagnoses` (1 = A); 1 to 4 of them. */
  diagnosisPointers: number[];
  dateOfService: string;
  /** Only when it differs from the claim's. */
  placeOfServiceCode: string | null;
  /** Practice's own label, never a CPT description. */
  description: string | null;
}

/** Payer responsibility sequence (SBR01): P primary, S secondary, T tertiary. */
export type PayerResponsibility = 'P' | 'S' | 'T';

/** One 835 CAS adjustment as another payer reported it: group, CARC and amount (cents). */
export interface SnapshotAdjustment {
  /** CO, PR, OA, PI or CR. */
  group: string;
  reason: string;
  amountCents: number;
}

/** How another payer adjudicated one of this claim's lines (837P loop 2430). */
export interface SnapshotOtherPayerLine {
  /** The line (LX) of this claim it adjudicated. */
  position: number;
  code: string;
  modifiers: string[];
  units: number;
  paidCents: number;
  adjustments: SnapshotAdjustment[];
}

/**
 * A payer that adjudicated this claim before (coordination of benefits, 837P loops 2320/2330A/2330B and
 * 2430): its responsibility sequence, its insured and what it decided, copied from its posted 835.
 */
export interface SnapshotOtherPayer {
  responsibility: PayerResponsibility;
  payer: SnapshotPayer;
  subscriber: Omit<SnapshotSubscriber, 'dateOfBirth' | 'sex' | 'address'>;
  /** The patient's relationship to that payer's insured (2320 SBR02). */
  relationship: SnapshotRelationship;
  /** That payer's claim control number (2330B REF*F8), when it gave one. */
  payerClaimNumber: string | null;
  /** The remittance (check/payment) date: DTP*573, YYYY-MM-DD. */
  adjudicationDate: string;
  /** What it paid on the claim (2320 AMT*D) = Σ lines.paidCents − Σ claimAdjustments. */
  paidCents: number;
  /** Claim-level adjustments (2320 CAS). */
  claimAdjustments: SnapshotAdjustment[];
  /** What the patient still owes after it (2320 AMT*EAF): Σ PR adjustments. */
  patientResponsibilityCents: number;
  lines: SnapshotOtherPayerLine[];
}

export interface ClaimSnapshot {
  /** CLM01, unique per practice. */
  patientAccountNumber: string;
  frequencyCode: ClaimFrequencyCode;
  /** Payer's claim control number of the claim being replaced or voided (REF*F8); null for originals. */
  originalPayerClaimNumber: string | null;
  dateOfService: string;
  placeOfServiceCode: string;
  billingProvider: SnapshotBillingProvider;
  renderingProvider: SnapshotIndividualProvider | null;
  referringProvider: SnapshotIndividualProvider | null;
  serviceFacility: SnapshotServiceFacility | null;
  payer: SnapshotPayer;
  subscriber: SnapshotSubscriber;
  patient: SnapshotPatient;
  priorAuthorizationNumber: string | null;
  /** ICD-10-CM codes without the dot, in order (A..L); 1 to 12. The first is the principal (ABK). */
  diagnoses: string[];
  lines: SnapshotLine[];
  /** Σ lines.chargeCents. */
  totalChargeCents: number;
  /** Amount the patient paid toward this claim before billing (copay at check-in), cents. */
  patientPaidCents: number;
  /** Provider accepts assignment (CLM07 A / box 27). */
  acceptAssignment: boolean;
  /** Patient signature on file (CLM09 Y / box 12). */
  releaseOfInformation: boolean;
  /** This payer's responsibility (2000B SBR01); absent on claims created before COB = P. */
  payerResponsibility?: PayerResponsibility;
  /** Payers that adjudicated the claim before this one (2320 loops); absent or empty on a primary claim. */
  otherPayers?: SnapshotOtherPayer[];
}
