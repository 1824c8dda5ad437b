import type { ClaimSnapshot, SnapshotLine, SnapshotPersonName } from '../modules/claims/claim-snapshot.js';
import type { X12Parties } from './x12-envelope.js';
import type { Adjustment, ProviderAdjustment, RemittanceClaim, RemittanceEntity, RemittanceServiceLine } from './x12-835-types.js';
import { build835, type RemittanceDraft } from './x12-835-writer.js';

/** A claim the simulated payer has received, as the claims service knows it. */
export interface SubmittedClaim {
  snapshot: ClaimSnapshot;
  /** The payer's claim control number (ICN) given when the claim was accepted: CLP07. */
  payerClaimControlNumber: string;
  /** The REF*6R line item control numbers the 837 sent, by line order; the line position when absent. */
  lineItemControlNumbers?: readonly string[];
  /** True when this payer already adjudicated the claim once (a remittance for it was posted). */
  previouslyAdjudicated?: boolean;
  /**
   * The payer upheld an appeal of its adjudication: it reverses that adjudication and pays the claim
   * (true), or pays only these line positions as CONTRACTUAL, the other lines adjudicated as the first time.
   */
  appealWon?: boolean | readonly number[];
}

/**
 * How the simulated payer adjudicates, chosen by the last character of the subscriber's member id (the
 * demo's member ids end in a random digit, so a demo office meets every outcome). Allowed amount = 80 %
 * of the charge (rounded half up, in cents) except for PAID_IN_FULL; the deductible is $100.00 per
 * claim, spent on the lines in order; coinsurance is 20 % of what is allowed after the deductible; the
 * copay is $25.00 on the first line (never more than that line's allowed amount). A claim submitted
 * again after it was adjudicated (`previouslyAdjudicated`) is denied as a duplicate (CO-18, CLP02 4),
 * except under rule 7, whose second pass is the reversal and correction. A claim to a secondary
 * (tertiary) payer is adjudicated as such (see adjudicateCoordinated), CLP02 2 (3). A claim whose appeal
 * the payer upheld (`appealWon`) gets its first adjudication reversed and is paid as CONTRACTUAL (only the
 * upheld lines when `appealWon` lists line positions).
 */
export const ERA_SIMULATOR_RULES = {
  '0': 'PAID_IN_FULL: every line paid at its charge, no adjustment',
  '1': 'CONTRACTUAL: paid the allowed amount; the rest written off as CO-45 (AMT*B6 = allowed)',
  '2': 'DEDUCTIBLE: CO-45 plus PR-1 deductible to the patient',
  '3': 'COINSURANCE: CO-45 plus PR-2 coinsurance to the patient',
  '4': 'COPAY: CO-45 plus PR-3 copay to the patient on the first line',
  '5': 'DENIED: CLP02 4; every line CO-197 with RARC M62 when the claim has no prior authorization number, else CO-50 with RARC N115',
  '6': 'PARTIAL: the first line paid as CONTRACTUAL, every other line denied CO-50 with RARC N115 (a one-line claim is denied)',
  '7': 'REVERSAL: paid as CONTRACTUAL the first time; when previouslyAdjudicated, that payment is reversed (CLP02 22, every amount negated) and a corrected payment follows (COINSURANCE), both under the same CLP07',
  '8': 'DEDUCTIBLE_AND_COINSURANCE: CO-45 plus PR-1 and PR-2 in one CAS',
  '9': 'CONTRACTUAL (as 1); so is a member id ending in a letter',
} as const;

export type EraRule = 'PAID_IN_FULL' | 'CONTRACTUAL' | 'DEDUCTIBLE' | 'COINSURANCE' | 'COPAY' | 'DENIED' | 'PARTIAL' | 'REVERSAL' | 'DEDUCTIBLE_AND_COINSURANCE' | 'DUPLICATE';

const BY_DIGIT: Record<string, EraRule> = {
  '0': 'PAID_IN_FULL', '1': 'CONTRACTUAL', '2': 'DEDUCTIBLE', '3': 'COINSURANCE', '4': 'COPAY', '5': 'DENIED', '6': 'PARTIAL', '7': 'REVERSAL', '8': 'DEDUCTIBLE_AND_COINSURANCE', '9': 'CONTRACTUAL',
};

/**
 * The rule a claim is adjudicated by. A claim already adjudicated once is denied as a duplicate
 * (CO-18), except under REVERSAL, whose second pass is the reversal and correction.
 */
export function eraRuleOf(c: SubmittedClaim): EraRule {
  const rule = BY_DIGIT[c.snapshot.subscriber.memberId.trim().slice(-1)] ?? 'CONTRACTUAL';
  if (c.previouslyAdjudicated && rule !== 'REVERSAL') return 'DUPLICATE';
  return rule;
}

export interface SimulationOptions {
  /** ISA13 / GS06 of the 835. */
  controlNumber: number;
  /** When the payer produced the file (DTM*405, ISA/GS dates). */
  at: Date;
  /** BPR16: check date, `YYYY-MM-DD`. */
  paymentDate: string;
  /** TRN02: the check number. */
  traceNumber: string;
  /** Interchange parties; by default SIMCH → MEDOFFICE, test usage. */
  parties?: X12Parties;
}

const DEDUCTIBLE_CENTS = 10_000;
const COPAY_CENTS = 2_500;
const allowedOf = (charge: number) => Math.floor((charge * 4 + 2) / 5);
const twentyPercent = (cents: number) => Math.floor((cents * 2 + 5) / 10);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
// The 835 CLP06 list has no CI (commercial) or 11: the simulated commercial plans are PPOs.
const FILING: Record<string, string> = { CI: '12', '11': 'ZZ' };
const SIM_PAYER_ADDRESS = { line1: '1 SIMULATION WAY', line2: null, city: 'TESTVILLE', state: 'CA', postalCode: '90001' };

function person(code: string, n: SnapshotPersonName, idQualifier: string | null, id: string | null): RemittanceEntity {
  return { entityCode: code, entityType: '1', lastOrOrganizationName: n.family, firstName: n.given, middleName: n.middle, suffix: null, idQualifier, id };
}

function line(c: SubmittedClaim, l: SnapshotLine, i: number, adjustments: Adjustment[], allowed: number | null, remarks: string[]): RemittanceServiceLine {
  const paid = l.chargeCents - sum(adjustments.map((a) => a.amountCents));
  return {
    lineNumber: i + 1,
    procedure: { qualifier: 'HC', code: l.code, modifiers: l.modifiers.slice(0, 4), description: null },
    chargeCents: l.chargeCents, paidCents: paid, revenueCode: null, units: l.units, originalProcedure: null, originalUnits: null,
    serviceDateFrom: l.dateOfService, serviceDateTo: l.dateOfService, adjustments,
    lineItemControlNumber: c.lineItemControlNumbers?.[i] ?? String(l.position), references: [],
    allowedCents: allowed, amounts: allowed === null ? [] : [{ qualifier: 'B6', cents: allowed }], remarks: remarks.map((code) => ({ qualifier: 'HE', code })),
  };
}

/** Adjudicates the lines of one claim under a paying or denying rule (not REVERSAL/DUPLICATE wrappers). */
function adjudicateLines(c: SubmittedClaim, rule: EraRule): RemittanceServiceLine[] {
  let deductibleLeft = DEDUCTIBLE_CENTS;
  const denial = c.snapshot.priorAuthorizationNumber ? { reason: '50', remark: 'N115' } : { reason: '197', remark: 'M62' };
  return c.snapshot.lines.map((l, i) => {
    const deny = rule === 'DENIED' || (rule === 'PARTIAL' && (i > 0 || c.snapshot.lines.length === 1));
    if (rule === 'DUPLICATE') return line(c, l, i, [{ group: 'CO', reason: '18', amountCents: l.chargeCents, quantity: null }], null, []);
    if (deny) {
      const why = rule === 'DENIED' ? denial : { reason: '50', remark: 'N115' };
      return line(c, l, i, [{ group: 'CO', reason: why.reason, amountCents: l.chargeCents, quantity: null }], null, [why.remark]);
    }
    const allowed = rule === 'PAID_IN_FULL' ? l.chargeCents : allowedOf(l.chargeCents);
    const adj: Adjustment[] = [];
    if (l.chargeCents > allowed) adj.push({ group: 'CO', reason: '45', amountCents: l.chargeCents - allowed, quantity: null });
    let left = allowed;
    const patient = (reason: string, cents: number) => {
      if (cents <= 0) return;
      adj.push({ group: 'PR', reason, amountCents: cents, quantity: null });
      left -= cents;
    };
    if (rule === 'DEDUCTIBLE' || rule === 'DEDUCTIBLE_AND_COINSURANCE') {
      const d = Math.min(deductibleLeft, left);
      deductibleLeft -= d;
      patient('1', d);
    }
    if (rule === 'COINSURANCE' || rule === 'DEDUCTIBLE_AND_COINSURANCE') patient('2', twentyPercent(left));
    if (rule === 'COPAY' && i === 0) patient('3', Math.min(COPAY_CENTS, left));
    return line(c, l, i, adj, allowed, []);
  });
}

function claimOf(c: SubmittedClaim, index: number, status: string, lines: RemittanceServiceLine[]): RemittanceClaim {
  const s = c.snapshot;
  const self = s.patient.relationshipToSubscriber === '18';
  const pr = sum(lines.flatMap((l) => l.adjustments).filter((a) => a.group === 'PR').map((a) => a.amountCents));
  return {
    index, headerNumber: '1', patientAccountNumber: s.patientAccountNumber, statusCode: status,
    chargeCents: sum(lines.map((l) => l.chargeCents)), paidCents: sum(lines.map((l) => l.paidCents)), patientResponsibilityCents: pr === 0 ? null : pr,
    claimFilingIndicator: FILING[s.subscriber.claimFilingIndicator] ?? s.subscriber.claimFilingIndicator, payerClaimControlNumber: c.payerClaimControlNumber,
    facilityCode: s.placeOfServiceCode, frequencyCode: s.frequencyCode, adjustments: [],
    patient: person('QC', s.patient.name, self ? 'MI' : null, self ? s.subscriber.memberId : null),
    insured: self ? null : person('IL', s.subscriber.name, 'MI', s.subscriber.memberId),
    renderingProvider: s.renderingProvider ? person('82', s.renderingProvider.name, 'XX', s.renderingProvider.npi) : null,
    otherEntities: [], references: [], statementFrom: null, statementTo: null, receivedDate: null, coverageExpirationDate: null, amounts: [], remarkCodes: [], lines,
  };
}

/** Every amount of a claim negated: how a payer reverses (CLP02 22) an earlier adjudication. */
function reversalOf(claim: RemittanceClaim): RemittanceClaim {
  const neg = (a: Adjustment): Adjustment => ({ ...a, amountCents: -a.amountCents });
  return {
    ...claim, statusCode: '22', chargeCents: -claim.chargeCents, paidCents: -claim.paidCents,
    patientResponsibilityCents: claim.patientResponsibilityCents === null ? null : -claim.patientResponsibilityCents, adjustments: claim.adjustments.map(neg),
    lines: claim.lines.map((l) => ({
      ...l, chargeCents: -l.chargeCents, paidCents: -l.paidCents, adjustments: l.adjustments.map(neg),
      allowedCents: l.allowedCents === null ? null : -l.allowedCents, amounts: l.amounts.map((a) => ({ ...a, cents: -a.cents })),
    })),
  };
}

/**
 * A secondary (tertiary) payer's adjudication: per line, what the earlier payers settled (charge − the
 * patient's share they left) is OA-23; of the share, 20 % stays with the patient as PR-2 coinsurance under
 * rules 3 and 8, the rest is paid.
 */
function adjudicateCoordinated(c: SubmittedClaim, rule: EraRule): RemittanceServiceLine[] {
  const prior = c.snapshot.otherPayers!.at(-1)!;
  return c.snapshot.lines.map((l, i) => {
    const share = sum((prior.lines.find((x) => x.position === l.position)?.adjustments ?? []).filter((a) => a.group === 'PR').map((a) => a.amountCents));
    const adj: Adjustment[] = [];
    if (l.chargeCents > share) adj.push({ group: 'OA', reason: '23', amountCents: l.chargeCents - share, quantity: null });
    const coinsurance = rule === 'COINSURANCE' || rule === 'DEDUCTIBLE_AND_COINSURANCE' ? twentyPercent(share) : 0;
    if (coinsurance > 0) adj.push({ group: 'PR', reason: '2', amountCents: coinsurance, quantity: null });
    return line(c, l, i, adj, null, []);
  });
}

function adjudicate(c: SubmittedClaim, next: () => number): RemittanceClaim[] {
  if (c.appealWon) {
    // The first adjudication (a denial under rule 5, part of one under 6) is reversed, then paid as CONTRACTUAL.
    const lines = adjudicateLines(c, eraRuleOf({ ...c, previouslyAdjudicated: false, appealWon: false }));
    const original = claimOf(c, next(), lines.every((l) => l.paidCents === 0 && l.chargeCents > 0) ? '4' : '1', lines);
    const only = c.appealWon === true ? null : c.appealWon;
    const upheld = adjudicateLines(c, 'CONTRACTUAL').map((l, i) => (only === null || only.includes(c.snapshot.lines[i]!.position) ? l : lines[i]!));
    return [reversalOf(original), claimOf(c, next(), upheld.every((l) => l.paidCents === 0 && l.chargeCents > 0) ? '4' : '1', upheld)];
  }
  const rule = eraRuleOf(c);
  if ((c.snapshot.payerResponsibility ?? 'P') !== 'P' && c.snapshot.otherPayers?.length && rule !== 'DUPLICATE') {
    const lines = adjudicateCoordinated(c, rule);
    return [claimOf(c, next(), lines.every((l) => l.paidCents === 0 && l.chargeCents > 0) ? '4' : c.snapshot.payerResponsibility === 'T' ? '3' : '2', lines)];
  }
  if (rule === 'REVERSAL') {
    const original = claimOf(c, next(), '1', adjudicateLines(c, 'CONTRACTUAL'));
    if (!c.previouslyAdjudicated) return [original];
    return [reversalOf(original), claimOf(c, next(), '1', adjudicateLines(c, 'COINSURANCE'))];
  }
  const lines = adjudicateLines(c, rule);
  return [claimOf(c, next(), lines.every((l) => l.paidCents === 0 && l.chargeCents > 0) ? '4' : '1', lines)];
}

/**
 * The simulated payer: adjudicates submitted claims by ERA_SIMULATOR_RULES and writes one 835
 * (005010X221A1) with our writer — conformant to SPEC_835 and balanced at line, claim and payment
 * level. A negative net (reversals exceeding payments) is carried as a PLB FB (forwarding balance) so
 * the check is never negative: BPR H/NON for a zero payment, C/CHK otherwise.
 * @throws RangeError when the claims are for different payers or billing providers (one 835 is one
 * payer paying one payee), or when there are none
 */
export function simulateRemittance(claims: readonly SubmittedClaim[], opts: SimulationOptions): { x12: string; remittance: RemittanceDraft; rules: EraRule[] } {
  const first = claims[0]?.snapshot;
  if (!first) throw new RangeError('no claims to adjudicate');
  if (claims.some((c) => c.snapshot.payer.ediPayerId !== first.payer.ediPayerId || c.snapshot.billingProvider.npi !== first.billingProvider.npi)) {
    throw new RangeError('one 835 pays one payee for one payer: the claims differ');
  }
  let index = 0;
  const remitted = claims.flatMap((c) => adjudicate(c, () => index++)).map((c, i) => ({ ...c, index: i }));
  const paid = sum(remitted.map((c) => c.paidCents));
  const bp = first.billingProvider;
  const plb: ProviderAdjustment[] = paid < 0 ? [{ providerId: bp.npi, fiscalPeriodDate: `${opts.paymentDate.slice(0, 4)}-12-31`, reason: 'FB', reference: opts.traceNumber, amountCents: paid }] : [];
  const total = paid - sum(plb.map((p) => p.amountCents));
  const remittance: RemittanceDraft = {
    payment: { handlingCode: total === 0 ? 'H' : 'C', totalCents: total, creditDebit: 'C', method: total === 0 ? 'NON' : 'CHK', format: null, paymentDate: opts.paymentDate },
    trace: { typeCode: '1', number: opts.traceNumber, payerId: `1${first.payer.ediPayerId.replace(/\D/g, '').slice(-9).padStart(9, '0')}`, supplementalCode: null },
    productionDate: opts.at.toISOString().slice(0, 10),
    receiverReference: null,
    payer: {
      name: first.payer.name, address: first.payer.address ?? SIM_PAYER_ADDRESS, technicalContact: { name: 'SIMULATED PAYER EDI', phone: '8005550199' },
      idQualifier: null, id: null, references: [{ qualifier: '2U', value: first.payer.ediPayerId }],
    },
    payee: { name: bp.name, address: bp.address, technicalContact: null, idQualifier: 'XX', id: bp.npi, references: [{ qualifier: 'TJ', value: bp.tin }], npi: bp.npi, tin: bp.tin },
    claims: remitted,
    providerAdjustments: plb,
  };
  const parties = opts.parties ?? { senderId: 'SIMCH', receiverId: 'MEDOFFICE', usage: 'T' };
  return { x12: build835(remittance, parties, opts.controlNumber, opts.at), remittance, rules: claims.map(eraRuleOf) };
}
