import { parse835 } from './x12-835.js';
import type { Adjustment, Remittance, RemittanceProblem } from './x12-835-types.js';
import { centsToDecimal } from './x12-money.js';

/**
 * The balancing rules of 005010X221A1 (a positive adjustment reduces the payment, a negative one
 * increases it; reversals carry negated amounts and balance by the same rules):
 * - LINE: SVC02 charge = SVC03 paid + Σ line CAS amounts.
 * - CLAIM: CLP03 charge = CLP04 paid + Σ claim CAS + Σ line CAS.
 * - CLAIM_LINES (when service lines are present): CLP04 = Σ SVC03 − Σ claim-level CAS.
 * - PATIENT_RESPONSIBILITY (not part of the money balancing, but a rule of the guide; X12 RFI 2548):
 *   CLP05 (absent = 0) = Σ PR-group CAS of the claim and its lines, except on reversals.
 * - PAYMENT: BPR02 (negated when BPR03 is D) = Σ CLP04 − Σ PLB amounts.
 * - REVERSAL_SIGN: a reversal (CLP02 22) must not carry a positive charge or payment.
 */
export type BalanceRule = 'LINE' | 'CLAIM' | 'CLAIM_LINES' | 'PATIENT_RESPONSIBILITY' | 'PAYMENT' | 'REVERSAL_SIGN';

export interface Imbalance {
  rule: BalanceRule;
  /** Index into `remittance.claims`; null for PAYMENT. */
  claimIndex: number | null;
  /** CLP01 of the claim (our patient account number); null for PAYMENT. */
  patientAccountNumber: string | null;
  /** 1-based SVC position in the claim, for LINE. */
  lineNumber: number | null;
  /** The amount the rule balances to (charge, CLP04, CLP05 or BPR02). */
  expectedCents: number;
  /** What the parts add up to. */
  actualCents: number;
  /** Amounts and positions only (no names). */
  message: string;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const adjusted = (adjs: readonly Adjustment[]) => sum(adjs.map((a) => a.amountCents));
const $ = centsToDecimal;

/**
 * Checks every balancing rule of the 835 (see BalanceRule) on a parsed remittance.
 * @returns every imbalance with the claim (index and account number) and line it is in; empty when balanced
 */
export function balanceRemittance(r: Remittance): Imbalance[] {
  const out: Imbalance[] = [];
  for (const c of r.claims) {
    const where = `claim ${c.index + 1}`;
    const at = { claimIndex: c.index, patientAccountNumber: c.patientAccountNumber };
    const push = (rule: BalanceRule, expected: number, actual: number, lineNumber: number | null, message: string) => {
      if (expected !== actual) out.push({ rule, ...at, lineNumber, expectedCents: expected, actualCents: actual, message });
    };
    for (const l of c.lines) {
      const adj = adjusted(l.adjustments);
      push('LINE', l.chargeCents, l.paidCents + adj, l.lineNumber, `${where} line ${l.lineNumber}: charge ${$(l.chargeCents)} ≠ paid ${$(l.paidCents)} + adjustments ${$(adj)}`);
    }
    const claimAdj = adjusted(c.adjustments);
    const lineAdj = sum(c.lines.map((l) => adjusted(l.adjustments)));
    push('CLAIM', c.chargeCents, c.paidCents + claimAdj + lineAdj, null, `${where}: charge ${$(c.chargeCents)} ≠ paid ${$(c.paidCents)} + claim adjustments ${$(claimAdj)} + line adjustments ${$(lineAdj)}`);
    if (c.lines.length > 0) {
      const linesPaid = sum(c.lines.map((l) => l.paidCents));
      push('CLAIM_LINES', c.paidCents, linesPaid - claimAdj, null, `${where}: paid ${$(c.paidCents)} ≠ line payments ${$(linesPaid)} − claim adjustments ${$(claimAdj)}`);
    }
    if (c.statusCode !== '22') {
      const pr = adjusted([...c.adjustments, ...c.lines.flatMap((l) => l.adjustments)].filter((a) => a.group === 'PR'));
      const stated = c.patientResponsibilityCents ?? 0;
      push('PATIENT_RESPONSIBILITY', stated, pr, null, `${where}: patient responsibility (CLP05) ${$(stated)} ≠ PR adjustments ${$(pr)}`);
    }
    if (c.statusCode === '22' && (c.chargeCents > 0 || c.paidCents > 0)) {
      out.push({ rule: 'REVERSAL_SIGN', ...at, lineNumber: null, expectedCents: -Math.abs(c.paidCents), actualCents: c.paidCents, message: `${where}: a reversal (CLP02 22) carries a positive charge or payment` });
    }
  }
  const claimsPaid = sum(r.claims.map((c) => c.paidCents));
  const plb = sum(r.providerAdjustments.map((p) => p.amountCents));
  const total = r.payment.creditDebit === 'D' ? -r.payment.totalCents : r.payment.totalCents;
  if (total !== claimsPaid - plb) {
    out.push({ rule: 'PAYMENT', claimIndex: null, patientAccountNumber: null, lineNumber: null, expectedCents: total, actualCents: claimsPaid - plb, message: `BPR02 ${$(total)} ≠ claim payments ${$(claimsPaid)} − provider adjustments ${$(plb)}` });
  }
  return out;
}

/** An 835 read and checked before anything is posted. */
export interface CheckedRemittance {
  remittance: Remittance | null;
  problems: RemittanceProblem[];
  imbalances: Imbalance[];
  /** True only when the file was read, has no error-level problem and balances at every level. */
  postable: boolean;
}

/**
 * Reads an 835 and checks its balancing: what the posting step calls before it writes anything. A file
 * that is unreadable, has an error-level problem or does not balance is not postable, and every
 * problem and imbalance is listed (warnings alone do not block posting).
 */
export function checkRemittance(raw: string): CheckedRemittance {
  const { remittance, problems } = parse835(raw);
  const imbalances = remittance ? balanceRemittance(remittance) : [];
  const postable = remittance !== null && imbalances.length === 0 && !problems.some((p) => p.severity === 'error');
  return { remittance, problems, imbalances, postable };
}
