import { describe, expect, it } from 'vitest';
import { balanceRemittance, checkRemittance } from './era-balance.js';
import type { Adjustment, Remittance, RemittanceClaim, RemittanceServiceLine } from './x12-835-types.js';
import { build835 } from './x12-835-writer.js';

const adj = (group: string, reason: string, amountCents: number): Adjustment => ({ group, reason, amountCents, quantity: null });

function line(lineNumber: number, chargeCents: number, paidCents: number, adjustments: Adjustment[]): RemittanceServiceLine {
  return {
    lineNumber, procedure: { qualifier: 'HC', code: '99213', modifiers: [], description: null }, chargeCents, paidCents, revenueCode: null, units: 1,
    originalProcedure: null, originalUnits: null, serviceDateFrom: '2026-11-02', serviceDateTo: '2026-11-02', adjustments,
    lineItemControlNumber: String(lineNumber), references: [], allowedCents: null, amounts: [], remarks: [],
  };
}

function claim(index: number, c: Partial<RemittanceClaim> & Pick<RemittanceClaim, 'chargeCents' | 'paidCents'>): RemittanceClaim {
  return {
    index, headerNumber: '1', patientAccountNumber: `PA-${index}`, statusCode: '1', patientResponsibilityCents: null, claimFilingIndicator: '12',
    payerClaimControlNumber: `ICN${index}`, facilityCode: '11', frequencyCode: '1', adjustments: [],
    patient: { entityCode: 'QC', entityType: '1', lastOrOrganizationName: 'TESTFAMILY', firstName: 'TESTGIVEN', middleName: null, suffix: null, idQualifier: 'MI', id: 'W1' },
    insured: null, renderingProvider: null, otherEntities: [], references: [], statementFrom: null, statementTo: null, receivedDate: null,
    coverageExpirationDate: null, amounts: [], remarkCodes: [], lines: [], ...c,
  };
}

function remittance(claims: RemittanceClaim[], totalCents: number, extra: Partial<Remittance> = {}): Remittance {
  return {
    envelope: { interchangeControlNumber: '000000001', senderQualifier: 'ZZ', senderId: 'SIMCH', receiverQualifier: 'ZZ', receiverId: 'MEDOFFICE', usage: 'T', groupControlNumber: '1', implementation: '005010X221A1', transactionControlNumber: '0001' },
    payment: { handlingCode: 'C', totalCents, creditDebit: 'C', method: 'CHK', format: null, paymentDate: '2026-11-21' },
    trace: { typeCode: '1', number: 'CHK1', payerId: '1000060054', supplementalCode: null },
    productionDate: null, receiverReference: null,
    payer: { name: 'ACME', address: { line1: '1 WAY', line2: null, city: 'TESTVILLE', state: 'CA', postalCode: '90001' }, technicalContact: { name: 'EDI', phone: null }, idQualifier: null, id: null, references: [] },
    payee: { name: 'CLINIC', address: null, technicalContact: null, idQualifier: 'XX', id: '1234567893', references: [], npi: '1234567893', tin: null },
    claims, providerAdjustments: [], ...extra,
  };
}

// A claim of two lines: 150.00 (CO-45 30.00, PR-2 24.00 → 96.00) and 29.99 (CO-45 6.00 → 23.99),
// with a claim-level PR-1 of 10.00 taken from the line payments: CLP04 = 119.99 − 10.00 = 109.99.
const good = () => claim(0, {
  chargeCents: 17_999, paidCents: 10_999, patientResponsibilityCents: 3_400, adjustments: [adj('PR', '1', 1_000)],
  lines: [line(1, 15_000, 9_600, [adj('CO', '45', 3_000), adj('PR', '2', 2_400)]), line(2, 2_999, 2_399, [adj('CO', '45', 600)])],
});

describe('balanceRemittance', () => {
  it('a balanced claim with line and claim-level adjustments has no imbalance', () => {
    expect(balanceRemittance(remittance([good()], 10_999))).toEqual([]);
  });

  it('LINE: names the claim, its account number and the line, with both amounts', () => {
    const c = good();
    c.lines[1]!.paidCents = 2_398;
    c.paidCents = 10_998;
    expect(balanceRemittance(remittance([c], 10_998))).toEqual([
      { rule: 'LINE', claimIndex: 0, patientAccountNumber: 'PA-0', lineNumber: 2, expectedCents: 2_999, actualCents: 2_998, message: 'claim 1 line 2: charge 29.99 ≠ paid 23.98 + adjustments 6.00' },
      { rule: 'CLAIM', claimIndex: 0, patientAccountNumber: 'PA-0', lineNumber: null, expectedCents: 17_999, actualCents: 17_998, message: expect.any(String) },
    ]);
  });

  it('CLAIM_LINES: CLP04 must be the line payments less the claim-level adjustments', () => {
    const c = good();
    c.adjustments = [];
    c.patientResponsibilityCents = 2_400;
    c.chargeCents = 16_999;
    // Charge and payment still balance at the claim level (169.99 = 109.99 + 60.00), but the lines pay 119.99.
    expect(balanceRemittance(remittance([c], 10_999)).map((i) => [i.rule, i.expectedCents, i.actualCents])).toEqual([['CLAIM_LINES', 10_999, 11_999]]);
  });

  it('PATIENT_RESPONSIBILITY: CLP05 (absent = 0) must be the PR adjustments of the claim and its lines', () => {
    const c = good();
    c.patientResponsibilityCents = 2_400;
    expect(balanceRemittance(remittance([c], 10_999)).map((i) => [i.rule, i.expectedCents, i.actualCents])).toEqual([['PATIENT_RESPONSIBILITY', 2_400, 3_400]]);
    c.patientResponsibilityCents = null;
    expect(balanceRemittance(remittance([c], 10_999)).map((i) => [i.rule, i.expectedCents, i.actualCents])).toEqual([['PATIENT_RESPONSIBILITY', 0, 3_400]]);
  });

  it('PAYMENT: BPR02 = Σ CLP04 − Σ PLB; a positive PLB withholds, a negative one adds', () => {
    const plb = (amountCents: number) => ({ providerId: '1234567893', fiscalPeriodDate: '2026-12-31', reason: 'WO', reference: 'ICN9', amountCents });
    expect(balanceRemittance(remittance([good()], 9_999, { providerAdjustments: [plb(1_000)] }))).toEqual([]);
    expect(balanceRemittance(remittance([good()], 11_999, { providerAdjustments: [plb(-1_000)] }))).toEqual([]);
    expect(balanceRemittance(remittance([good()], 10_999, { providerAdjustments: [plb(1_000)] }))).toEqual([
      { rule: 'PAYMENT', claimIndex: null, patientAccountNumber: null, lineNumber: null, expectedCents: 10_999, actualCents: 9_999, message: 'BPR02 109.99 ≠ claim payments 109.99 − provider adjustments 10.00' },
    ]);
  });

  it('a reversal (CLP02 22) balances with negated amounts; a debit BPR counts as negative', () => {
    const reversal = claim(1, { statusCode: '22', chargeCents: -17_999, paidCents: -14_399, adjustments: [], lines: [line(1, -15_000, -12_000, [adj('CO', '45', -3_000)]), line(2, -2_999, -2_399, [adj('CO', '45', -600)])] });
    // Reversal of 143.99, corrected payment of 109.99: the payer takes back 34.00 (BPR03 D).
    const r = remittance([reversal, good()], 3_400, { payment: { handlingCode: 'C', totalCents: 3_400, creditDebit: 'D', method: 'CHK', format: null, paymentDate: '2026-11-21' } });
    expect(balanceRemittance(r)).toEqual([]);
    expect(balanceRemittance({ ...r, payment: { ...r.payment, creditDebit: 'C' } }).map((i) => i.rule)).toEqual(['PAYMENT']);
  });

  it('REVERSAL_SIGN: a reversal with positive amounts is flagged even when it adds up', () => {
    const wrong = claim(0, { statusCode: '22', chargeCents: 1_000, paidCents: 1_000 });
    expect(balanceRemittance(remittance([wrong], 1_000)).map((i) => [i.rule, i.patientAccountNumber])).toEqual([['REVERSAL_SIGN', 'PA-0']]);
  });

  it('lists every imbalance of every claim, not just the first', () => {
    const a = good();
    a.lines[0]!.chargeCents = 15_001;
    const b = claim(1, { chargeCents: 5_000, paidCents: 4_000, adjustments: [adj('CO', '45', 500)] });
    expect(balanceRemittance(remittance([a, b], 1)).map((i) => `${i.rule}:${i.claimIndex}:${i.lineNumber}`)).toEqual(['LINE:0:1', 'CLAIM:1:null', 'PAYMENT:null:null']);
  });
});

describe('checkRemittance: what posting calls before writing anything', () => {
  const parties = { senderId: 'SIMCH', receiverId: 'MEDOFFICE', usage: 'T' as const };
  const at = new Date('2026-11-20T10:00:00Z');
  const { envelope: _e, ...draft } = remittance([good()], 10_999);

  it('a balanced, clean file is postable', () => {
    const checked = checkRemittance(build835(draft, parties, 7, at));
    expect(checked).toMatchObject({ problems: [], imbalances: [], postable: true });
    expect(checked.remittance!.claims[0]!.paidCents).toBe(10_999);
  });

  it('an unbalanced file is refused with its imbalances', () => {
    const checked = checkRemittance(build835({ ...draft, payment: { ...draft.payment, totalCents: 11_000 } }, parties, 7, at));
    expect(checked.postable).toBe(false);
    expect(checked.imbalances.map((i) => i.rule)).toEqual(['PAYMENT']);
  });

  it('an unreadable file is refused with its problems; a warning alone does not block', () => {
    expect(checkRemittance('ISA*garbage')).toMatchObject({ remittance: null, imbalances: [], postable: false, problems: [expect.objectContaining({ code: 'NOT_835' })] });
    const raw = build835(draft, parties, 7, at).replace('SVC*HC:99213', 'SVC*HC>99213');
    expect(checkRemittance(raw)).toMatchObject({ postable: true, problems: [expect.objectContaining({ severity: 'warning', code: 'COMPOSITE' })] });
    expect(checkRemittance(raw.replace('CLP*PA-0*1*', 'CLP*PA-0*99*'))).toMatchObject({ postable: false, imbalances: [] });
  });
});
