import { describe, expect, it } from 'vitest';
import { checkRemittance } from '../../../server/src/x12/era-balance.js';
import { ERA_SIMULATOR_RULES, eraRuleOf, type SubmittedClaim, simulateRemittance } from '../../../server/src/x12/era-simulator.js';
import { checkX12 } from '../../../server/src/x12/x12-conformance.js';
import { SPEC_835 } from '../../../server/src/x12/x12-835-spec.js';
import { snapshotLine, submittedClaim } from '../../factories/era-claim.factory.js';
import { parseIndependently } from '../../helpers/x12-independent-parser.js';

const opts = { controlNumber: 31, at: new Date('2026-11-20T10:00:00Z'), paymentDate: '2026-11-21', traceNumber: 'CHK000031' };
const digits = Object.keys(ERA_SIMULATOR_RULES);
const oneOfEach = () => [
  ...digits.map((d) => submittedClaim(`ACC-${d}`, `W1234567${d}`)),
  submittedClaim('ACC-5A', 'W55', { priorAuth: 'AUTH1' }),
  submittedClaim('ACC-6S', 'W66', { lines: [snapshotLine(1, '99214', 20_000)] }),
  submittedClaim('ACC-DEP', 'W77713', { dependent: true }),
  submittedClaim('ACC-7R', 'W777', { previouslyAdjudicated: true }),
  submittedClaim('ACC-DUP', 'W771', { previouslyAdjudicated: true }),
];

/** Everything the brief requires of a simulated 835: ours and x12-parser read it, it conforms, it balances. */
async function expectWellFormed(x12: string) {
  const checked = checkRemittance(x12);
  expect(checked.problems).toEqual([]);
  expect(checked.imbalances).toEqual([]);
  expect(checked.postable).toBe(true);
  expect(checkX12(x12, SPEC_835)).toEqual([]);
  const segs = await parseIndependently(x12);
  const r = checked.remittance!;
  const clp = segs.filter((s) => s.name === 'CLP');
  expect(clp.map((s) => s['1'])).toEqual(r.claims.map((c) => c.patientAccountNumber));
  expect(clp.map((s) => Math.round(Number(s['4']) * 100))).toEqual(r.claims.map((c) => c.paidCents));
  expect(segs.filter((s) => s.name === 'SVC')).toHaveLength(r.claims.flatMap((c) => c.lines).length);
  const names = segs.map((s) => s.name);
  expect(Number(segs.find((s) => s.name === 'SE')!['1'])).toBe(names.indexOf('SE') - names.indexOf('ST') + 1);
  expect(Math.round(Number(segs.find((s) => s.name === 'BPR')!['2']) * 100)).toBe(r.payment.totalCents);
  return r;
}

describe('the simulated payer', () => {
  it('picks the rule by the member id’s last digit, letters and repeats included', () => {
    expect(oneOfEach().map(eraRuleOf)).toEqual([
      'PAID_IN_FULL', 'CONTRACTUAL', 'DEDUCTIBLE', 'COINSURANCE', 'COPAY', 'DENIED', 'PARTIAL', 'REVERSAL', 'DEDUCTIBLE_AND_COINSURANCE', 'CONTRACTUAL',
      'DENIED', 'PARTIAL', 'COINSURANCE', 'REVERSAL', 'DUPLICATE',
    ]);
    expect(eraRuleOf(submittedClaim('X', 'ABCDEF'))).toBe('CONTRACTUAL');
  });

  it('writes one 835 covering every branch: read back by both parsers, conformant, balanced', async () => {
    const { x12 } = simulateRemittance(oneOfEach(), opts);
    const r = await expectWellFormed(x12);
    const by = (acc: string) => r.claims.filter((c) => c.patientAccountNumber === acc);
    const one = (acc: string) => by(acc)[0]!;
    const casOf = (acc: string) => one(acc).lines.map((l) => l.adjustments.map((a) => `${a.group}-${a.reason} ${a.amountCents}`));
    // Two lines: 150.00 (99213-25) and 29.99 (81002); allowed 80 % = 120.00 and 23.99.
    expect([one('ACC-0').paidCents, casOf('ACC-0')]).toEqual([17_999, [[], []]]);
    expect([one('ACC-1').paidCents, casOf('ACC-1'), one('ACC-1').lines.map((l) => l.allowedCents)]).toEqual([14_399, [['CO-45 3000'], ['CO-45 600']], [12_000, 2_399]]);
    expect([one('ACC-2').paidCents, one('ACC-2').patientResponsibilityCents, casOf('ACC-2')]).toEqual([4_399, 10_000, [['CO-45 3000', 'PR-1 10000'], ['CO-45 600']]]);
    expect([one('ACC-3').paidCents, one('ACC-3').patientResponsibilityCents, casOf('ACC-3')]).toEqual([11_519, 2_880, [['CO-45 3000', 'PR-2 2400'], ['CO-45 600', 'PR-2 480']]]);
    expect([one('ACC-4').paidCents, casOf('ACC-4')]).toEqual([11_899, [['CO-45 3000', 'PR-3 2500'], ['CO-45 600']]]);
    expect([one('ACC-5').statusCode, one('ACC-5').paidCents, casOf('ACC-5'), one('ACC-5').lines.map((l) => l.remarks.map((x) => x.code))]).toEqual(['4', 0, [['CO-197 15000'], ['CO-197 2999']], [['M62'], ['M62']]]);
    expect([one('ACC-5A').statusCode, casOf('ACC-5A'), one('ACC-5A').lines[0]!.remarks]).toEqual(['4', [['CO-50 15000'], ['CO-50 2999']], [{ qualifier: 'HE', code: 'N115' }]]);
    expect([one('ACC-6').statusCode, one('ACC-6').paidCents, casOf('ACC-6')]).toEqual(['1', 12_000, [['CO-45 3000'], ['CO-50 2999']]]);
    expect([one('ACC-6S').statusCode, one('ACC-6S').paidCents]).toEqual(['4', 0]);
    expect(casOf('ACC-8')).toEqual([['CO-45 3000', 'PR-1 10000', 'PR-2 400'], ['CO-45 600', 'PR-2 480']]);
    expect(one('ACC-DUP')).toMatchObject({ statusCode: '4', paidCents: 0 });
    expect(casOf('ACC-DUP')).toEqual([['CO-18 15000'], ['CO-18 2999']]);
    // First pass of a REVERSAL claim: paid as contractual.
    expect(by('ACC-7').map((c) => [c.statusCode, c.paidCents])).toEqual([['1', 14_399]]);
    // Second pass: that payment reversed (every amount negated, same ICN), then the corrected payment.
    const [rev, corrected] = by('ACC-7R');
    expect([rev!.statusCode, rev!.chargeCents, rev!.paidCents, rev!.payerClaimControlNumber]).toEqual(['22', -17_999, -14_399, 'ICNACC-7R']);
    expect(rev!.lines.map((l) => [l.chargeCents, l.paidCents, l.adjustments[0]!.amountCents])).toEqual([[-15_000, -12_000, -3_000], [-2_999, -2_399, -600]]);
    expect([corrected!.statusCode, corrected!.paidCents, corrected!.payerClaimControlNumber]).toEqual(['1', 11_519, 'ICNACC-7R']);
    // The dependent's claim names the patient and, separately, the insured with the member id.
    expect([one('ACC-DEP').patient?.firstName, one('ACC-DEP').patient?.id, one('ACC-DEP').insured?.id]).toEqual(['KID', null, 'W77713']);
    // Line item control numbers and payee identity come back for matching.
    expect(one('ACC-1').lines.map((l) => l.lineItemControlNumber)).toEqual(['1', '2']);
    expect(r.payee).toMatchObject({ npi: '1234567893', tin: '123456789' });
    expect(r.payment).toMatchObject({ handlingCode: 'C', method: 'CHK', creditDebit: 'C', paymentDate: '2026-11-21' });
    expect(r.providerAdjustments).toEqual([]);
  });

  it('a file that only denies is a notification (BPR H, NON, 0.00)', async () => {
    const { x12 } = simulateRemittance([submittedClaim('D1', 'W5'), submittedClaim('D2', 'W15')], opts);
    const r = await expectWellFormed(x12);
    expect(r.payment).toMatchObject({ handlingCode: 'H', method: 'NON', totalCents: 0 });
  });

  it('when reversals exceed payments the negative balance is carried forward in a PLB FB, never a negative check', async () => {
    const { x12 } = simulateRemittance([submittedClaim('R1', 'W7', { previouslyAdjudicated: true })], opts);
    const r = await expectWellFormed(x12);
    // −143.99 reversed + 115.19 corrected = −28.80 → PLB FB −28.80, BPR 0.00.
    expect(r.providerAdjustments).toEqual([{ providerId: '1234567893', fiscalPeriodDate: '2026-12-31', reason: 'FB', reference: 'CHK000031', amountCents: -2_880 }]);
    expect(r.payment).toMatchObject({ handlingCode: 'H', totalCents: 0 });
  });

  it('is deterministic and refuses claims of two payers or payees, or none', () => {
    expect(simulateRemittance(oneOfEach(), opts).x12).toBe(simulateRemittance(oneOfEach(), opts).x12);
    const other: SubmittedClaim = submittedClaim('O1', 'W1');
    other.snapshot.payer = { ...other.snapshot.payer, ediPayerId: '99999' };
    expect(() => simulateRemittance([submittedClaim('A', 'W1'), other], opts)).toThrow(RangeError);
    expect(() => simulateRemittance([], opts)).toThrow(RangeError);
  });

  it('measures: parse + balance of an 835 with 1,000 claims (figure printed, not asserted)', async () => {
    const claims = Array.from({ length: 1_000 }, (_, i) => submittedClaim(`BULK-${String(i).padStart(4, '0')}`, `W${1_000_000 + i}`));
    const { x12 } = simulateRemittance(claims, { ...opts, traceNumber: 'BULK1' });
    const started = performance.now();
    const checked = checkRemittance(x12);
    const ms = performance.now() - started;
    expect(checked.postable).toBe(true);
    expect(checked.remittance!.claims).toHaveLength(1_000);
    console.info(`[measure] parse + balance of an 835 with 1,000 claims (${(x12.length / 1024).toFixed(0)} KiB, ${x12.split('~').length - 1} segments): ${ms.toFixed(0)} ms`);
    expect(checkX12(x12, SPEC_835)).toEqual([]);
  });
});
