import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { X12parser } from 'x12-parser';
import { sampleClaim, sampleDependentClaim, sampleEnvelope } from './claim-fixture.js';
import { CLAIM_SIMULATOR_RULES, simulatedPayerClaimNumber } from './simulated-claims.js';
import { SimulatedClearinghouse } from './simulated-clearinghouse.js';
import { build276, type ClaimStatusRequestEnvelope } from './x12-276.js';
import { parse277 } from './x12-277.js';
import { parse277CA } from './x12-277ca.js';
import { build837P } from './x12-837p.js';
import { parse999 } from './x12-999.js';
import { checkX12 } from './x12-conformance.js';
import { SPEC_277, SPEC_277CA, SPEC_999 } from './x12-specs.js';

type IndependentSegment = { name: string } & Record<string, string>;

/** Parses X12 with x12-parser, a second library independent of node-x12 (tests only). */
async function parseIndependently(raw: string): Promise<IndependentSegment[]> {
  const out: IndependentSegment[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([raw]).pipe(new X12parser()).on('data', (d: IndependentSegment) => out.push(d)).on('end', resolve).on('error', reject);
  });
  return out;
}

/** Our checker and the independent parser both accept what the simulator answers. */
async function wellFormed(raw: string, spec: typeof SPEC_999): Promise<void> {
  expect(checkX12(raw, spec).map((p) => `${p.tag}.${p.element ?? ''}: ${p.message}`)).toEqual([]);
  const segs = await parseIndependently(raw);
  const st = segs.findIndex((s) => s.name === 'ST');
  const se = segs.findIndex((s) => s.name === 'SE');
  expect(Number(segs[se]!['1'])).toBe(se - st + 1);
  expect(segs.at(-1)!['2']).toBe(segs[0]!['13']);
}

const sim = new SimulatedClearinghouse();
const badNpiProvider = { ...sampleClaim().billingProvider, name: 'Testwood Misconfigured', npi: '1234567890' };

describe('simulated clearinghouse: 837P → 999 + 277CA', () => {
  const claims = [
    sampleClaim(1),
    sampleDependentClaim(2),
    sampleClaim(3, { subscriber: { ...sampleClaim().subscriber, memberId: 'REJ000333' } }),
    sampleClaim(4, { billingProvider: badNpiProvider }),
    sampleClaim(5, { lines: sampleClaim(5).lines.map((l) => ({ ...l, dateOfService: '2026-12-30' })) }),
    sampleClaim(6, { frequencyCode: '7', originalPayerClaimNumber: 'SIM000000000001' }),
  ];
  const x12 = build837P(claims, sampleEnvelope());

  it('accepts a conforming file (999 A) and acknowledges every claim in one 277CA, by the documented rules', async () => {
    const answer = await sim.submit837(x12);
    await wellFormed(answer.ack999!, SPEC_999);
    await wellFormed(answer.acks277ca!, SPEC_277CA);
    const a999 = parse999(answer.ack999!);
    expect(a999).toMatchObject({ accepted: true, problems: [], group: { functionalId: 'HC', controlNumber: '905', version: '005010X222A1' } });
    expect(a999.transactionSets).toEqual([{ transactionSet: '837', controlNumber: '0905', version: '005010X222A1', status: 'A', accepted: true, errorCodes: [], segmentErrors: [] }]);
    const ca = parse277CA(answer.acks277ca!);
    expect(ca.problems).toEqual([]);
    expect(ca.levels[0]).toMatchObject({ level: '21', traceNumber: 'CB000905', statuses: [expect.objectContaining({ category: 'A1', code: '19' })] });
    const byAccount = Object.fromEntries(ca.claims.map((c) => [c.patientAccountNumber, [c.outcome, c.statuses.map((s) => [s.category, s.code, s.entity].filter(Boolean).join(':')).join(), c.payerClaimNumber]]));
    expect(byAccount).toEqual({
      PA00000001: ['ACCEPTED', 'A2:20', simulatedPayerClaimNumber('SIM01', 'PA00000001', '1')],
      PA00000002: ['ACCEPTED', 'A2:20', simulatedPayerClaimNumber('SIM01', 'PA00000002', '1')],
      PA00000003: ['REJECTED', 'A7:164:IL', null],
      PA00000004: ['REJECTED', 'A7:562:85', null],
      PA00000005: ['REJECTED', 'A8:187', null],
      PA00000006: ['ACCEPTED', 'A2:20', simulatedPayerClaimNumber('SIM01', 'PA00000006', '7')],
    });
    expect(simulatedPayerClaimNumber('SIM01', 'PA00000006', '7')).not.toBe(simulatedPayerClaimNumber('SIM01', 'PA00000006', '1'));
    const c2 = ca.claims.find((c) => c.patientAccountNumber === 'PA00000002')!;
    expect(c2).toMatchObject({ memberId: 'W100000002', chargeCents: 16250, serviceDates: { from: '2026-11-20', to: '2026-11-20' } });
    expect(ca.claims.find((c) => c.patientAccountNumber === 'PA00000004')!.billingProviderNpi).toBe('1234567890');
  });

  it('answers the same file the same way (deterministic, control numbers included)', async () => {
    expect(await sim.submit837(x12)).toEqual(await sim.submit837(x12));
  });

  it('rejects a malformed file with a 999 naming the faulty segments (IK3) and elements (IK4), and no 277CA', async () => {
    const bad = x12.replace('HI*ABK:J069*ABF:R05~', 'HI*ABF:R05*ABK:J069~').replace('SBR*P*18*GRP100******CI', 'SBR*P*18*GRP100******QQ');
    const answer = await sim.submit837(bad);
    expect(answer.acks277ca).toBeNull();
    await wellFormed(answer.ack999!, SPEC_999);
    const a = parse999(answer.ack999!);
    expect(a.problems).toEqual([]);
    expect(a.accepted).toBe(false);
    expect(a.groupStatus).toMatchObject({ status: 'R', included: 1, received: 1, accepted: 0 });
    const set = a.transactionSets[0]!;
    expect(set).toMatchObject({ status: 'R', accepted: false, errorCodes: ['5'] });
    const body = bad.split('~').filter(Boolean);
    const st = body.findIndex((s) => s.startsWith('ST*'));
    const sbr = body.findIndex((s) => s.startsWith('SBR*P*18')) - st + 1;
    const hi = body.findIndex((s) => s.startsWith('HI*ABF')) - st + 1;
    expect(set.segmentErrors.map((e) => [e.segmentId, e.position, e.loopId, e.code, e.elements.map((x) => [x.position, x.component, x.code, x.badValue])])).toEqual([
      ['SBR', sbr, '2000', '8', [[9, null, '7', 'QQ']]],
      ['HI', hi, '2300', '8', [[1, 1, '7', 'ABF'], [2, 1, '7', 'ABK']]],
    ]);
  });

  it('names a missing loop (IK3 code 3, loop id) and a segment out of place (IK3 code 2)', async () => {
    const bad = x12.replace(/NM1\*85\*/, 'NM1*86*');
    const a = parse999((await sim.submit837(bad)).ack999!);
    const errors = a.transactionSets[0]!.segmentErrors.map((e) => [e.segmentId, e.loopId, e.code]);
    expect(errors).toEqual(expect.arrayContaining([['NM1', '2010', '3'], ['NM1', null, '2'], ['NM1', null, '8']]));
  });

  it('reports a wrong segment count as IK5 4, and rejects the shared imsweb sample (4010 diagnosis qualifiers)', async () => {
    const se = /SE\*(\d+)\*/.exec(x12)!;
    const answer = await sim.submit837(x12.replace(se[0], `SE*${Number(se[1]) + 2}*`));
    expect(parse999(answer.ack999!).transactionSets[0]).toMatchObject({ status: 'R', errorCodes: ['4'], segmentErrors: [] });
    const sample = await sim.submit837(readFileSync('/work/shared/data/x12-samples/imsweb/837_5010/x12_valid.txt', 'utf8'));
    const a = parse999(sample.ack999!);
    expect(a.accepted).toBe(false);
    expect(a.transactionSets[0]!.segmentErrors.map((e) => e.segmentId)).toEqual(expect.arrayContaining(['HI', 'SV1', 'CLM']));
    expect(sample.acks277ca).toBeNull();
  });

  it('refuses text that is not X12 (nothing taken in) and times out for a SLOW member id (maybe taken in)', async () => {
    await expect(sim.submit837('hello')).rejects.toMatchObject({ kind: 'HTTP_STATUS', mayHaveBeenDelivered: false });
    const slow = build837P([sampleClaim(9, { subscriber: { ...sampleClaim().subscriber, memberId: 'SLOW1' } })], sampleEnvelope());
    await expect(sim.submit837(slow)).rejects.toMatchObject({ kind: 'TIMEOUT', mayHaveBeenDelivered: true });
  });
});

describe('simulated clearinghouse: 276 → 277', () => {
  const env: ClaimStatusRequestEnvelope = {
    parties: { senderId: 'MEDOFFICE', receiverId: 'SIMCH', usage: 'T' },
    submitter: { name: 'Testwood Family Practice', id: 'MEDOFFICE' },
    interchangeControlNumber: 44,
    traceNumber: 'CS000044',
    at: new Date('2026-12-10T09:15:00Z'),
  };
  const ask = async (account: string, over: Parameters<typeof sampleClaim>[1] = {}, payerClaimNumber: string | null = 'SIM123') => {
    const raw = await sim.send276(build276(sampleClaim(1, { patientAccountNumber: account, ...over }), { ...env, payerClaimNumber }));
    await wellFormed(raw, SPEC_277);
    const parsed = parse277(raw);
    expect(parsed.problems).toEqual([]);
    expect(parsed.claims).toHaveLength(1);
    return parsed.claims[0]!;
  };

  it('answers by the last character of the account number: paid, pending, denied, partly paid, awaiting payment', async () => {
    const line = async (account: string) => {
      const c = await ask(account);
      const s = c.statuses[0]!;
      return [s.category, s.code, s.chargeCents, s.paidCents, s.adjudicationDate, s.checkNumber !== null];
    };
    expect(await line('PA10')).toEqual(['F1', '65', 16150, 16150, '2026-12-04', true]);
    expect(await line('PA14')).toEqual(['P1', '20', 16150, null, null, false]);
    expect(await line('PA16')).toEqual(['F2', '88', 16150, 0, '2026-12-04', false]);
    expect(await line('PA17')).toEqual(['F1', '65', 16150, 8075, '2026-12-04', true]);
    expect(await line('PA18')).toEqual(['F0', '3', 16150, 12920, '2026-12-04', false]);
    expect(await line('PA1X')).toEqual(['F0', '3', 16150, 12920, '2026-12-04', false]);
  });

  it('echoes the trace, account, payer claim number and service dates; generates the payer claim number when not given', async () => {
    const c = await ask('PA10');
    expect(c).toMatchObject({ traceNumber: 'CS000044', patientAccountNumber: 'PA10', payerClaimNumber: 'SIM123', memberId: 'W100000001', serviceDates: { from: '2026-11-20', to: '2026-11-20' } });
    expect((await ask('PA10', {}, null)).payerClaimNumber).toBe(simulatedPayerClaimNumber('SIM01', 'PA10', '1'));
  });

  it('answers for a dependent in the patient loop, and "not found" for a REJ member id', async () => {
    const raw = await sim.send276(build276(sampleDependentClaim(2, { patientAccountNumber: 'PA20' }), env));
    await wellFormed(raw, SPEC_277);
    expect(parse277(raw).claims[0]).toMatchObject({ traceNumber: 'CS000044', statuses: [expect.objectContaining({ category: 'F1' })] });
    const rej = await ask('PA10', { subscriber: { ...sampleClaim().subscriber, memberId: 'REJ1' } });
    expect(rej.statuses[0]).toMatchObject({ category: 'A4', code: '35' });
    expect(rej.payerClaimNumber).toBeNull();
  });

  it('times out or answers garbage on request', async () => {
    await expect(sim.send276(build276(sampleClaim(1, { subscriber: { ...sampleClaim().subscriber, memberId: 'SLOW1' } }), env))).rejects.toMatchObject({ kind: 'TIMEOUT' });
    await expect(sim.send276(build276(sampleClaim(1, { subscriber: { ...sampleClaim().subscriber, memberId: 'GRBG1' } }), env))).resolves.not.toMatch(/^ISA/);
  });

  it('documents its rules', () => {
    expect(Object.keys(CLAIM_SIMULATOR_RULES)).toEqual(['SLOW', 'REJ', 'BAD_NPI', 'FUTURE_DOS', 'MALFORMED', 'STATUS_BY_ACCOUNT']);
  });
});
