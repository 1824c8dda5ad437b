import { describe, expect, it } from 'vitest';
import { sampleClaim, sampleDependentClaim, sampleEnvelope } from './claim-fixture.js';
import { splitInterchanges } from './claims-clearinghouse.js';
import { ClearinghouseError } from './clearinghouse.js';
import { SimulatedClaimsClearinghouse } from './simulated-claims-clearinghouse.js';
import { build276 } from './x12-276.js';
import { parse277 } from './x12-277.js';
import { parse277CA } from './x12-277ca.js';
import { build837P } from './x12-837p.js';
import { parse999 } from './x12-999.js';
import { checkX12 } from './x12-conformance.js';
import { SPEC_277, SPEC_277CA, SPEC_999 } from './x12-specs.js';

const at = new Date('2026-11-27T10:00:00Z');
const sim = () => new SimulatedClaimsClearinghouse(() => at);
const withMember = (n: number, memberId: string) => sampleClaim(n, { subscriber: { ...sampleClaim(n).subscriber, memberId } });

describe('SimulatedClaimsClearinghouse.submit837', () => {
  it('accepts a conformant file: a 999 A and a 277CA with one outcome per claim, both conformant and traced to the file', async () => {
    const env = sampleEnvelope();
    const file = build837P([sampleClaim(1), sampleDependentClaim(2), withMember(3, 'REJ0001')], env);
    const answers = await sim().submit837(file);
    expect(answers).toHaveLength(2);
    expect(checkX12(answers[0]!, SPEC_999)).toEqual([]);
    expect(checkX12(answers[1]!, SPEC_277CA)).toEqual([]);
    const ack = parse999(answers[0]!);
    expect(ack).toMatchObject({ accepted: true, problems: [], group: { functionalId: 'HC', controlNumber: '905' } });
    expect(ack.transactionSets).toEqual([expect.objectContaining({ transactionSet: '837', controlNumber: '0905', accepted: true })]);
    const ca = parse277CA(answers[1]!);
    expect(ca.levels.find((l) => l.level === '21')?.traceNumber).toBe(env.referenceId);
    expect(ca.claims.map((c) => [c.patientAccountNumber, c.outcome, c.statuses.map((s) => `${s.category}:${s.code}`)])).toEqual([
      ['PA00000001', 'ACCEPTED', ['A2:20']],
      ['PA00000002', 'ACCEPTED', ['A2:20']],
      ['PA00000003', 'REJECTED', ['A7:33']],
    ]);
    expect(ca.claims[0]!.payerClaimNumber).toMatch(/^SIM/);
    expect(ca.claims[2]!.payerClaimNumber).toBeNull();
    expect(ca.problems).toEqual([]);
  });

  it('rejects the whole file with a 999 R naming the segment and element (the MAL member rule), and sends no 277CA', async () => {
    const file = build837P([sampleClaim(1), withMember(2, 'MAL12345')], sampleEnvelope());
    const answers = await sim().submit837(file);
    expect(answers).toHaveLength(1);
    expect(checkX12(answers[0]!, SPEC_999)).toEqual([]);
    const ack = parse999(answers[0]!);
    expect(ack.accepted).toBe(false);
    const [set] = ack.transactionSets;
    expect(set!.segmentErrors).toEqual([expect.objectContaining({ segmentId: 'NM1', loopId: '2010', code: '8', elements: [expect.objectContaining({ position: 9, code: '7' })] })]);
    // IK302 points at the NM1*IL of the second claim in the transaction set (ST = 1).
    const segs = file.split('~').filter(Boolean);
    const st = segs.findIndex((s) => s.startsWith('ST*'));
    expect(segs[st + set!.segmentErrors[0]!.position! - 1]).toMatch(/^NM1\*IL\*1\*.*\*MI\*MAL12345$/);
  });

  it('rejects a non-conformant file with the checker\'s problems as IK3/IK4', async () => {
    const file = build837P([sampleClaim(1)], sampleEnvelope()).replace('*HC:99213', '*HC:99213:TOOLONG');
    const ack = parse999((await sim().submit837(file))[0]!);
    expect(ack.accepted).toBe(false);
    expect(ack.transactionSets[0]!.segmentErrors[0]).toMatchObject({ segmentId: 'SV1', code: '8', elements: [expect.objectContaining({ position: 1, component: 3, code: '5' })] });
  });

  it('times out for the SLOW member rule (the file may have left)', async () => {
    const err = await sim().submit837(build837P([withMember(1, 'SLOW1')], sampleEnvelope())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClearinghouseError);
    expect((err as ClearinghouseError).kind).toBe('TIMEOUT');
  });
});

describe('SimulatedClaimsClearinghouse.send276', () => {
  const env = (over: object = {}) => ({ parties: sampleEnvelope().parties, submitter: { name: 'Testwood Family Practice', id: 'MEDOFFICE' }, interchangeControlNumber: 77, traceNumber: 'ST000000077', at, ...over });

  it('answers pending (P1:20) for a claim the payer took in, conformant and traced', async () => {
    const raw = await sim().send276(build276(sampleClaim(1), env({ payerClaimNumber: 'SIM9001' })));
    expect(checkX12(raw, SPEC_277)).toEqual([]);
    const res = parse277(raw);
    expect(res.problems).toEqual([]);
    expect(res.claims).toEqual([expect.objectContaining({ traceNumber: 'ST000000077', payerClaimNumber: 'SIM9001', patientAccountNumber: 'PA00000001' })]);
    expect(res.claims[0]!.statuses[0]).toMatchObject({ category: 'P1', code: '20', chargeCents: sampleClaim(1).totalChargeCents });
  });

  it('answers paid (F1:65, 80%, check) for the PAID rule, not found (A4:35) without a payer claim number, and for a dependent at HL 23', async () => {
    const paid = parse277(await sim().send276(build276(withMember(2, 'PAID77'), env({ payerClaimNumber: 'SIM9002' }))));
    const charge = withMember(2, 'PAID77').totalChargeCents;
    expect(paid.claims[0]!.statuses[0]).toMatchObject({ category: 'F1', code: '65', chargeCents: charge, paidCents: Math.round(charge * 0.8), checkNumber: expect.stringMatching(/^SIMCHK/) });
    const unknown = parse277(await sim().send276(build276(sampleClaim(3), env())));
    expect(unknown.claims[0]!.statuses[0]).toMatchObject({ category: 'A4', code: '35' });
    const dependent = await sim().send276(build276(sampleDependentClaim(4), env({ payerClaimNumber: 'SIM9004' })));
    expect(checkX12(dependent, SPEC_277)).toEqual([]);
    expect(parse277(dependent).problems).toEqual([]);
  });
});

describe('splitInterchanges', () => {
  it('splits concatenated interchanges and keeps a single one whole', async () => {
    const [a, b] = await sim().submit837(build837P([sampleClaim(1)], sampleEnvelope()));
    expect(splitInterchanges(`${a}\n${b}`)).toEqual([a, b]);
    expect(splitInterchanges(a!)).toEqual([a]);
    expect(splitInterchanges('  ')).toEqual([]);
  });
});
