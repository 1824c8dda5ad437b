import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { balanceRemittance, checkRemittance } from './era-balance.js';
import { parse835 } from './x12-835.js';
import type { Remittance } from './x12-835-types.js';

// Public 835 samples (LinuxForHealth/x12 test fixtures), read from the shared data folder, never copied.
const DIR = '/work/shared/data/x12-samples/linuxforhealth/835_005010X221A1';
const read = (name: string) => {
  const { remittance, problems } = parse835(readFileSync(`${DIR}/${name}`, 'utf8'));
  expect(remittance).not.toBeNull();
  return { r: remittance as Remittance, problems: problems.map((p) => `${p.severity} ${p.code} ${p.tag}${p.element ? `.${p.element}` : ''}${p.claimIndex === undefined ? '' : ` c${p.claimIndex}`}${p.lineNumber === undefined ? '' : `l${p.lineNumber}`}`) };
};
// Every sample omits ST03 (only GS08 names the guide): a warning, not an error.
const ST03 = 'warning VERSION ST.3';

describe('public 835 samples: read with exactly the problems the files have', () => {
  it('cob-contractural-adjustment: a secondary claim with a negative CAS, payee TIN, allowed amount', () => {
    const { r, problems } = read('cob-contractural-adjustment.835');
    // BPR's date sits in BPR15 (one separator short), and SVC01 uses ">" under ISA16 ":".
    expect(problems).toEqual([ST03, 'error MISSING BPR.16', 'warning COMPOSITE SVC.1 c0l1']);
    expect(r.envelope).toMatchObject({ interchangeControlNumber: '000000907', senderQualifier: '30', senderId: '000000005', receiverQualifier: '30', receiverId: '12345', usage: 'T', groupControlNumber: '1', implementation: '005010X221A1', transactionControlNumber: '0001' });
    expect(r.payment).toEqual({ handlingCode: 'I', totalCents: 3400, creditDebit: 'C', method: 'CHK', format: null, paymentDate: null });
    expect(r.trace).toEqual({ typeCode: '1', number: '0063158ABC', payerId: '1566339911', supplementalCode: null });
    expect(r.receiverReference).toBe('030240928');
    expect(r.productionDate).toBe('2005-03-18');
    expect(r.payer.name).toBe('YOUR TAX DOLLARS AT WORK');
    expect(r.payer.address).toEqual({ line1: '481A00 DEAR RUN ROAD', line2: null, city: 'WEST PALM BCH', state: 'FL', postalCode: '11114' });
    expect(r.payee).toMatchObject({ name: 'ATONEWITHHEALTH', idQualifier: 'FI', id: '3UR334563', tin: '3UR334563', npi: null, references: [{ qualifier: 'PQ', value: '11861' }] });
    const [c] = r.claims;
    expect(c).toMatchObject({
      patientAccountNumber: '0001000055', statusCode: '2', chargeCents: 54100, paidCents: 3400, patientResponsibilityCents: null,
      claimFilingIndicator: '12', payerClaimControlNumber: '50650619501', statementFrom: '2005-02-02', statementTo: '2005-02-02',
      patient: { entityCode: 'QC', idQualifier: 'MI', id: '987654321' }, renderingProvider: { entityCode: '82', idQualifier: 'BS', id: '34426' },
    });
    expect(c!.lines).toHaveLength(1);
    expect(c!.lines[0]).toMatchObject({
      lineNumber: 1, procedure: { qualifier: 'HC', code: '55669', modifiers: [] }, chargeCents: 54100, paidCents: 3400, units: 1,
      serviceDateFrom: '2005-02-02', serviceDateTo: '2005-02-02', allowedCents: 55000, references: [{ qualifier: '1B', value: '44280' }],
      adjustments: [{ group: 'OA', reason: '23', amountCents: 51600, quantity: null }, { group: 'OA', reason: '94', amountCents: -900, quantity: null }],
    });
    expect(balanceRemittance(r)).toEqual([]);
  });

  it('managed-care: claim-level CO-A2 with line-level PR-1 and CO-45, a DTM 150/151 service period', () => {
    const { r, problems } = read('managed-care.835');
    // BPR16 is 20002316 (month 23).
    expect(problems).toEqual([ST03, 'error DATE BPR.16']);
    expect(r.payment).toMatchObject({ handlingCode: 'I', totalCents: 94500, method: 'ACH', format: 'CCP' });
    expect(r.payee).toMatchObject({ name: 'ACME MEDICAL CENTER', npi: '5544667733', tin: '777667755' });
    expect(r.claims.map((c) => [c.patientAccountNumber, c.chargeCents, c.paidCents, c.patientResponsibilityCents, c.payerClaimControlNumber])).toEqual([
      ['5554555444', 80000, 45000, 30000, '94060555410000'],
      ['8765432112', 120000, 49500, 60000, '94077799230000'],
    ]);
    expect(r.claims[0]!.adjustments).toEqual([{ group: 'CO', reason: 'A2', amountCents: 5000, quantity: null }]);
    expect(r.claims[1]!.lines[0]).toMatchObject({
      procedure: { code: '93555' }, chargeCents: 120000, paidCents: 55000, serviceDateFrom: '2002-03-10', serviceDateTo: '2002-03-12',
      adjustments: [{ group: 'PR', reason: '1', amountCents: 60000 }, { group: 'CO', reason: '45', amountCents: 5000 }],
    });
    // Σ SVC03 (500.00) − claim CAS (50.00) = CLP04 (450.00): the guide's rule, which the file follows.
    expect(balanceRemittance(r)).toEqual([]);
  });

  it('medicare-part-a: institutional claims without lines, MOA remark, a negative PLB that raises the payment', () => {
    const { r, problems } = read('medicare-part-a.835');
    expect(problems).toEqual([ST03]);
    expect(r.payment).toEqual({ handlingCode: 'C', totalCents: 15_000_000, creditDebit: 'C', method: 'ACH', format: 'CTX', paymentDate: '2002-09-13' });
    expect(r.payer.references).toEqual([{ qualifier: '2U', value: '999' }]);
    expect(r.claims.map((c) => [c.headerNumber, c.patientAccountNumber, c.statusCode, c.chargeCents, c.paidCents, c.claimFilingIndicator, c.facilityCode, c.frequencyCode])).toEqual([
      ['110212', '666123', '1', 21_136_697, 13_801_840, 'MA', '11', '1'],
      ['130212', '777777', '1', 1_500_000, 1_198_033, 'MB', '13', '1'],
    ]);
    expect(r.claims[0]!.adjustments).toEqual([{ group: 'CO', reason: '45', amountCents: 7_334_857, quantity: null }]);
    expect(r.claims[1]!.remarkCodes).toEqual(['MA02']);
    expect(r.claims[0]!.patient).toMatchObject({ idQualifier: 'HN', id: '666666666A' });
    expect(r.providerAdjustments).toEqual([{ providerId: '6543210903', fiscalPeriodDate: '2002-12-31', reason: 'CV', reference: 'CP', amountCents: -127 }]);
    // 138018.40 + 11980.33 − (−1.27) = 150000.00
    expect(balanceRemittance(r)).toEqual([]);
    expect(checkRemittance(readFileSync(`${DIR}/medicare-part-a.835`, 'utf8')).postable).toBe(true);
  });

  it('secondary-payment: a claim without lines, a line with two PR triples in one CAS, modifiers', () => {
    const { r, problems } = read('secondary-payment.835');
    expect(problems).toEqual([ST03, 'error MISSING BPR.16', 'warning COMPOSITE SVC.1 c1l1', 'warning COMPOSITE SVC.1 c1l2']);
    expect(r.payment.totalCents).toBe(122_200);
    const [first, second] = r.claims;
    expect(first).toMatchObject({ patientAccountNumber: 'L0004828311', statusCode: '2', chargeCents: 1_032_364, paidCents: 91_200, lines: [], amounts: [{ qualifier: 'AU', cents: 91_200 }] });
    expect(first!.adjustments).toEqual([{ group: 'OA', reason: '23', amountCents: 941_164, quantity: null }]);
    expect(second!.lines.map((l) => [l.procedure.code, l.procedure.modifiers, l.chargeCents, l.paidCents, l.allowedCents])).toEqual([
      ['12345', ['26'], 16_650, 3_000, 15_000],
      ['66543', ['26'], 58_500, 28_000, 50_000],
    ]);
    expect(second!.lines[1]!.adjustments).toEqual([
      { group: 'PR', reason: '1', amountCents: 15_000, quantity: null },
      { group: 'PR', reason: '2', amountCents: 7_000, quantity: null },
      { group: 'CO', reason: '42', amountCents: 8_500, quantity: null },
    ]);
    expect(second!.patientResponsibilityCents).toBe(22_000);
    expect(balanceRemittance(r)).toEqual([]);
  });

  it('tertiary-payment: a malformed SVC (no procedure code, charge shifted) is listed, and so are exactly its two imbalances', () => {
    const raw = readFileSync(`${DIR}/tertiary-payment.835`, 'utf8');
    const { r, problems } = read('tertiary-payment.835');
    expect(problems).toEqual([ST03, 'error MISSING BPR.16', 'error MISSING SVC.1 c0l1', 'error CODE SVC.6 c0l1', 'error MISSING SVC.6 c0l1']);
    expect(r.claims[0]).toMatchObject({ patientAccountNumber: '0001000054', statusCode: '3', chargeCents: 176_650, paidCents: 18_750 });
    const checked = checkRemittance(raw);
    expect(checked.postable).toBe(false);
    expect(checked.imbalances).toEqual([
      { rule: 'LINE', claimIndex: 0, patientAccountNumber: '0001000054', lineNumber: 1, expectedCents: 2_459_900, actualCents: 334_550, message: expect.stringContaining('charge 24599.00') },
      { rule: 'CLAIM_LINES', claimIndex: 0, patientAccountNumber: '0001000054', lineNumber: null, expectedCents: 18_750, actualCents: 176_650, message: expect.any(String) },
    ]);
  });
});
