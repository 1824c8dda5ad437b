import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse277CA } from './x12-277ca.js';

const sample = (path: string) => readFileSync(`/work/shared/data/x12-samples/${path}`, 'utf8');

describe('parse277CA', () => {
  it('reads an accepted claim (imsweb sample): batch and provider levels, A2:20, payer claim number', () => {
    const a = parse277CA(sample('imsweb/277_5010/x12_277CA_accepted.txt'));
    expect(a.problems).toEqual([]);
    expect(a.referenceId).toBe('000000674');
    expect([a.receivedDate, a.processedDate]).toEqual(['2011-03-11', '2011-03-11']);
    expect(a.levels).toEqual([
      { level: '21', traceNumber: '000000674', statuses: [expect.objectContaining({ category: 'A1', code: '20', action: 'WQ', chargeCents: 12500 })] },
      { level: '19', traceNumber: '1107000000000135FF', statuses: [] },
    ]);
    expect(a.claims).toEqual([{
      patientAccountNumber: '5781', payerClaimNumber: '1107000000014420', clearinghouseTraceNumber: null, outcome: 'ACCEPTED',
      statuses: [{ category: 'A2', code: '20', entity: null, effectiveDate: '2011-03-11', action: 'WQ', chargeCents: 12500, paidCents: null, adjudicationDate: null, checkDate: null, checkNumber: null, message: null }],
      memberId: 'LL99999X', billingProviderNpi: '1234567890', chargeCents: 12500, serviceDates: { from: '1001-01-01', to: '1001-01-01' },
    }]);
  });

  it('reads a rejected claim (imsweb sample, "|" components): A7:562:85, no payer claim number needed', () => {
    const a = parse277CA(sample('imsweb/277_5010/x12_277CA_rejected.txt'));
    const [c] = a.claims;
    expect(c).toMatchObject({ patientAccountNumber: '3920394930203', outcome: 'REJECTED', serviceDates: { from: '2009-03-11', to: '2009-03-11' } });
    expect(c!.statuses[0]).toMatchObject({ category: 'A7', code: '562', entity: '85', chargeCents: 19914 });
    expect(c!.payerClaimNumber).toBe('1107000000001120');
    expect(a.problems).toEqual([]);
  });

  it('reports problems instead of dropping them: wrong version, unknown category, claim without TRN', () => {
    const raw = sample('imsweb/277_5010/x12_277CA_accepted.txt').replace('STC*A2:20', 'STC*Q9:20').replace('TRN*2*5781~', '').replace('SE*23*', 'SE*22*');
    const a = parse277CA(raw);
    expect(a.claims[0]!.outcome).toBe('UNKNOWN');
    expect(a.problems).toEqual([
      'claim ?: unknown status category Q9',
      'a claim acknowledgment has no TRN (patient account number)',
      'claim ?: status categories Q9 neither accept nor reject',
    ]);
    expect(parse277CA(sample('imsweb/277_5010/x12_277_x212.txt')).problems).toEqual(expect.arrayContaining([expect.stringMatching(/not 005010X214/)]));
  });
});
