import type { PlacedSegment, X12Problem } from './x12-conformance.js';
import { decimalToCents } from './x12-money.js';

// Coordination-of-benefits rules of 005010X222A1 (loops 2320/2330A/2330B/2430) that the loop grammar
// cannot state: payer responsibility sequences, the other payer named by SVD01, and the balancing of the
// other payer's adjudication at line (SV102 = SVD02 + Σ CAS) and claim level (AMT*D = Σ SVD02 − Σ CAS).

interface OtherPayer {
  sbr: PlacedSegment;
  responsibility: string;
  claimAdjustmentCents: number;
  paid: { seg: PlacedSegment; cents: number } | null;
  payerId: string | null;
  payerSeg: PlacedSegment | null;
  claimDate: boolean;
}

interface LineAdjudication {
  svd: PlacedSegment;
  payerId: string;
  paidCents: number;
  adjustmentCents: number;
  lineChargeCents: number;
}

/** Σ of the amounts (CAS03, 06, 09, 12, 15, 18) of one CAS, and whether every reason has its amount. */
function casOf(s: PlacedSegment): { cents: number; paired: boolean } {
  let cents = 0;
  let paired = true;
  for (let i = 1; i < 19; i += 3) {
    const reason = s.el[i] ?? '';
    const amount = s.el[i + 1] ?? '';
    if ((reason === '') !== (amount === '')) paired = false;
    cents += decimalToCents(amount) ?? 0;
  }
  return { cents, paired };
}

/**
 * The COB rules of the 837P, run on segments the grammar placed.
 * @returns every problem, empty for a primary claim without 2320 loops
 */
export function rules837Cob(body: readonly PlacedSegment[]): X12Problem[] {
  const out: X12Problem[] = [];
  const at = (s: PlacedSegment, message: string, element?: number) => out.push({ position: s.position, tag: s.tag, element, loop: s.loop, kind: 'rule', message });
  let responsibility = '';
  let claim: PlacedSegment | null = null;
  let others: OtherPayer[] = [];
  let lines: LineAdjudication[] = [];
  let lineCharge = 0;
  let current: OtherPayer | null = null;
  let line: LineAdjudication | null = null;

  const closeClaim = () => {
    if (!claim) return;
    const sequences = others.map((o) => o.responsibility);
    const needs = responsibility === 'S' ? ['P'] : responsibility === 'T' ? ['P', 'S'] : [];
    for (const n of needs) if (!sequences.includes(n)) at(claim, `a claim to the ${responsibility === 'S' ? 'secondary' : 'tertiary'} payer needs loop 2320 of the payer responsible as ${n} (the earlier adjudication)`);
    const seenPayers = new Set<string>();
    for (const [i, o] of others.entries()) {
      if (o.responsibility === responsibility) at(o.sbr, `SBR01 ${o.responsibility} of loop 2320 repeats the claim's own payer responsibility (2000B SBR01)`, 1);
      if (sequences.indexOf(o.responsibility) !== i) at(o.sbr, `SBR01 ${o.responsibility} is used by two 2320 loops of the claim`, 1);
      if (o.payerId && seenPayers.has(o.payerId) && o.payerSeg) at(o.payerSeg, 'NM109 of loop 2330B names the same other payer twice in the claim', 9);
      if (o.payerId) seenPayers.add(o.payerId);
      const mine = lines.filter((l) => l.payerId === o.payerId);
      if (mine.length > 0 && !o.paid) at(o.sbr, 'AMT*D (payer paid amount) is required in loop 2320 when that payer adjudicated lines (loop 2430)');
      if (mine.length > 0 && o.paid) {
        const expected = mine.reduce((a, l) => a + l.paidCents, 0) - o.claimAdjustmentCents;
        if (expected !== o.paid.cents) at(o.paid.seg, `AMT*D ${o.paid.seg.el[1]} must equal the other payer's line payments (Σ SVD02) less its claim-level adjustments (Σ 2320 CAS)`, 2);
      }
      if (mine.length === 0 && o.paid && !o.claimDate && o.payerSeg) at(o.payerSeg, 'DTP*573 (adjudication date) is required in loop 2330B when that payer adjudicated the claim and no line carries it (loop 2430)');
    }
    for (const l of lines) {
      if (!others.some((o) => o.payerId === l.payerId)) at(l.svd, `SVD01 "${l.payerId}" names no other payer of the claim (2330B NM109)`, 1);
      if (l.paidCents + l.adjustmentCents !== l.lineChargeCents) at(l.svd, 'the line charge (SV102) must equal the other payer\'s line payment (SVD02) plus its line adjustments (2430 CAS)', 2);
    }
    claim = null;
  };

  for (const s of body) {
    const e = s.el;
    if (s.tag === 'HL') closeClaim();
    if (s.tag === 'SBR' && s.loop === '2000B') responsibility = e[0] ?? '';
    if (s.tag === 'CLM') {
      closeClaim();
      claim = s;
      others = [];
      lines = [];
      current = null;
      line = null;
    }
    if (!claim) continue;
    if (s.tag === 'SBR' && s.loop === '2320') {
      current = { sbr: s, responsibility: e[0] ?? '', claimAdjustmentCents: 0, paid: null, payerId: null, payerSeg: null, claimDate: false };
      others.push(current);
    }
    if (s.tag === 'CAS') {
      const cas = casOf(s);
      if (!cas.paired) at(s, 'each CAS reason code needs its amount, and each amount its reason code');
      if (s.loop === '2320' && current) current.claimAdjustmentCents += cas.cents;
      if (s.loop === '2430' && line) line.adjustmentCents += cas.cents;
    }
    if (s.tag === 'AMT' && e[0] === 'D' && s.loop === '2320' && current) current.paid = { seg: s, cents: decimalToCents(e[1]) ?? 0 };
    if (s.tag === 'NM1' && s.loop === '2330B' && current) {
      current.payerId = e[8] ?? null;
      current.payerSeg = s;
    }
    if (s.tag === 'DTP' && s.loop === '2330B' && e[0] === '573' && current) current.claimDate = true;
    if (s.tag === 'SV1') lineCharge = decimalToCents(e[1]) ?? 0;
    if (s.tag === 'SVD') {
      line = { svd: s, payerId: e[0] ?? '', paidCents: decimalToCents(e[1]) ?? 0, adjustmentCents: 0, lineChargeCents: lineCharge };
      lines.push(line);
    }
  }
  closeClaim();
  return out;
}
