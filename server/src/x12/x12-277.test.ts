import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse277 } from './x12-277.js';

const sample = (path: string) => readFileSync(`/work/shared/data/x12-samples/${path}`, 'utf8');

describe('parse277', () => {
  it('reads claim-level statuses (LinuxForHealth sample): pending, finalized with amounts, a dependent with a line', () => {
    const a = parse277(sample('linuxforhealth/277_005010X212/claim-level-status.277'));
    expect(a.claims.map((c) => [c.traceNumber, c.memberId, c.payerClaimNumber, c.statuses[0]!.category, c.statuses[0]!.code])).toEqual([
      ['ABCXYZ1', '123456789A', '05347006051', 'P3', '317'],
      ['ABCXYZ2', '234567890A', '0529675341', 'F0', '3'],
      ['ABCXYC3', '345678901', '051681010827', 'F2', '88'],
    ]);
    expect(a.claims[0]!.serviceDates).toEqual({ from: '2005-08-31', to: '2005-09-06' });
    expect(a.claims[1]!.statuses[0]).toMatchObject({ effectiveDate: '2005-09-15', chargeCents: 759900, paidCents: 759900 });
    expect(a.claims[2]!.statuses[0]).toMatchObject({ entity: 'QC', chargeCents: 15000, paidCents: 0 });
    expect(a.claims[2]!.lines).toEqual([{ procedure: 'HC:99203', chargeCents: 15000, paidCents: 0, units: 1, statuses: [expect.objectContaining({ category: 'F2', code: '88' })], serviceDates: { from: '2005-05-01', to: '2005-05-01' } }]);
    expect(a.problems).toEqual([]);
  });

  it('reads the patient account number (REF*EJ) and a message (imsweb sample: eight claims, one payer loop each)', () => {
    const a = parse277(sample('imsweb/277_5010/x12_277_x212.txt'));
    expect(a.claims.map((c) => c.traceNumber)).toEqual(['0000001', '0000002', '0000003', '0000004', '0000005', '0000006', '0000007', '0000008']);
    expect(a.claims[0]).toMatchObject({ traceNumber: '0000001', patientAccountNumber: '12345', memberId: '0000000001' });
    expect(a.claims[0]!.statuses[0]).toMatchObject({ category: 'A1', code: '704', chargeCents: 60000, message: 'PAYER ACKNOWLEDGED RECEIPT OF THE CLAIM' });
    expect(a.problems).toEqual([expect.stringMatching(/IEA02/)]);
  });

  it('keeps statuses above the claim level (E0 at the information receiver)', () => {
    const a = parse277(sample('linuxforhealth/277_005010X212/information-receiver-level-status.277'));
    expect(a.claims).toEqual([]);
    expect(a.levels).toEqual([{ level: '21', traceNumber: 'ABC276XXX', statuses: [expect.objectContaining({ category: 'E0', code: '0' })] }]);
  });

  it('refuses what is not a 277', () => {
    expect(() => parse277(sample('imsweb/837_5010/x12_999_accepted.txt'))).toThrow(/expected a 277/);
  });
});
