import { describe, expect, it } from 'vitest';
import { balanceRemittance, checkRemittance } from './era-balance.js';
import { build270 } from './x12-270.js';
import { parse835 } from './x12-835.js';
import type { RemittanceClaim } from './x12-835-types.js';
import { build835, type RemittanceDraft } from './x12-835-writer.js';

const parties = { senderId: 'SIMCH', receiverId: 'MEDOFFICE', usage: 'T' as const };
const at = new Date('2026-11-20T10:15:00Z');

const entity = (entityCode: string, last: string, first: string | null, idQualifier: string | null, id: string | null) => ({
  entityCode, entityType: first ? '1' : '2', lastOrOrganizationName: last, firstName: first, middleName: null, suffix: null, idQualifier, id,
});

// A claim with every part the reader normalises: claim-level CAS, IL/74/82/TT, MOA remarks, REF, the
// four claim dates, AMT, and lines with SVC06/07, units, a date range, seven CAS triples of one group
// (two segments), REF*6R and others, AMT*B6 and LQ remarks.
const claim: RemittanceClaim = {
  index: 0, headerNumber: '1', patientAccountNumber: 'PA-1001', statusCode: '1', chargeCents: 30_000, paidCents: 15_000, patientResponsibilityCents: 7_000,
  claimFilingIndicator: '12', payerClaimControlNumber: 'ICN0001', facilityCode: '11', frequencyCode: '1',
  adjustments: [{ group: 'OA', reason: '23', amountCents: 1_000, quantity: null }],
  patient: entity('QC', 'TESTFAMILY', 'KID', null, null), insured: entity('IL', 'TESTFAMILY', 'TESTGIVEN', 'MI', 'W123'),
  renderingProvider: entity('82', 'TESTDOC', 'ADA', 'XX', '1999999984'),
  otherEntities: [entity('74', 'TESTFAMILY', 'TESTGIVEN', 'C', 'W124'), entity('TT', 'SECOND PAYER', null, 'PI', '77777')],
  references: [{ qualifier: '1L', value: 'GRP9' }, { qualifier: 'EA', value: 'MR77' }],
  statementFrom: '2026-11-01', statementTo: '2026-11-03', receivedDate: '2026-11-05', coverageExpirationDate: '2026-12-31',
  amounts: [{ qualifier: 'AU', cents: 14_000 }], remarkCodes: ['MA01', 'N20'],
  lines: [
    {
      lineNumber: 1, procedure: { qualifier: 'HC', code: '99214', modifiers: ['25', 'GT'], description: null }, chargeCents: 20_000, paidCents: 11_000, revenueCode: null,
      units: 2, originalProcedure: { qualifier: 'HC', code: '99215', modifiers: [], description: null }, originalUnits: 3,
      serviceDateFrom: '2026-11-01', serviceDateTo: '2026-11-03',
      adjustments: [
        { group: 'CO', reason: '45', amountCents: 3_000, quantity: null },
        { group: 'PR', reason: '1', amountCents: 1_000, quantity: null }, { group: 'PR', reason: '2', amountCents: 1_000, quantity: 1 },
        { group: 'PR', reason: '3', amountCents: 1_000, quantity: null }, { group: 'PR', reason: '1', amountCents: 1_000, quantity: null },
        { group: 'PR', reason: '2', amountCents: 1_000, quantity: null }, { group: 'PR', reason: '3', amountCents: 500, quantity: null },
        { group: 'PR', reason: '1', amountCents: 500, quantity: null },
      ],
      lineItemControlNumber: 'L1', references: [{ qualifier: 'LU', value: '11' }], allowedCents: 17_000, amounts: [{ qualifier: 'B6', cents: 17_000 }, { qualifier: 'KH', cents: 100 }],
      remarks: [{ qualifier: 'HE', code: 'N130' }, { qualifier: 'HE', code: 'M15' }],
    },
    {
      lineNumber: 2, procedure: { qualifier: 'HC', code: '81002', modifiers: [], description: null }, chargeCents: 10_000, paidCents: 5_000, revenueCode: null, units: 1,
      originalProcedure: null, originalUnits: null, serviceDateFrom: '2026-11-02', serviceDateTo: '2026-11-02',
      adjustments: [{ group: 'CO', reason: '45', amountCents: 4_000, quantity: null }, { group: 'PR', reason: '2', amountCents: 1_000, quantity: null }],
      lineItemControlNumber: 'L2', references: [], allowedCents: 6_000, amounts: [{ qualifier: 'B6', cents: 6_000 }], remarks: [],
    },
  ],
};
const reversal: RemittanceClaim = {
  ...claim, index: 1, headerNumber: '2', patientAccountNumber: 'PA-0999', statusCode: '22', chargeCents: -5_000, paidCents: -4_000, patientResponsibilityCents: null,
  adjustments: [{ group: 'CO', reason: '45', amountCents: -1_000, quantity: null }], otherEntities: [], insured: null, remarkCodes: [], references: [], amounts: [],
  statementFrom: null, statementTo: null, receivedDate: null, coverageExpirationDate: null, lines: [],
};
// 150.00 − 40.00 = 110.00 claims; PLB: 7 pairs (two segments) netting 10.00 withheld → 100.00.
const plb = (reason: string, amountCents: number, reference: string | null = null) => ({ providerId: '1234567893', fiscalPeriodDate: '2026-12-31', reason, reference, amountCents });
const draft: RemittanceDraft = {
  payment: { handlingCode: 'C', totalCents: 10_000, creditDebit: 'C', method: 'CHK', format: null, paymentDate: '2026-11-21' },
  trace: { typeCode: '1', number: 'CHK123', payerId: '1000060054', supplementalCode: 'SUPP' },
  productionDate: '2026-11-20', receiverReference: 'RCV1',
  payer: { name: 'ACME HEALTH PLAN', address: { line1: '1 PAYER WAY', line2: 'SUITE 2', city: 'TESTVILLE', state: 'CA', postalCode: '90001' }, technicalContact: { name: 'EDI DESK', phone: '8005550199' }, idQualifier: 'XV', id: 'PLAN1', references: [{ qualifier: '2U', value: '60054' }] },
  payee: { name: 'DEMO CLINIC', address: null, technicalContact: null, idQualifier: 'XX', id: '1234567893', references: [{ qualifier: 'TJ', value: '123456789' }], npi: '1234567893', tin: '123456789' },
  claims: [claim, reversal],
  providerAdjustments: [plb('WO', 1_500, 'ICN0777'), plb('L6', -500), plb('CS', 100), plb('CS', -100), plb('72', 200), plb('72', -200), plb('FB', 0, 'X')],
};

describe('parse835 reads back what build835 writes', () => {
  const raw = build835(draft, parties, 4242, at);

  it('every field round-trips, with the envelope the writer made', () => {
    const { remittance, problems } = parse835(raw);
    expect(problems).toEqual([]);
    const { envelope, ...rest } = remittance!;
    expect(rest).toEqual(draft);
    expect(envelope).toEqual({
      interchangeControlNumber: '000004242', senderQualifier: 'ZZ', senderId: 'SIMCH', receiverQualifier: 'ZZ', receiverId: 'MEDOFFICE', usage: 'T',
      groupControlNumber: '4242', implementation: '005010X221A1', transactionControlNumber: '0001',
    });
  });

  it('packs CAS and PLB six to a segment', () => {
    expect(raw).toContain('CAS*PR*1*10.00**2*10.00*1*3*10.00**1*10.00**2*10.00**3*5.00~CAS*PR*1*5.00~');
    expect(raw.match(/PLB\*/g)).toHaveLength(2);
    expect(raw).toContain('PLB*1234567893*20261231*WO:ICN0777*15.00*L6*-5.00*CS*1.00*CS*-1.00*72*2.00*72*-2.00~PLB*1234567893*20261231*FB:X*0.00~');
  });

  it('the draft balances: reversal amounts and a negative PLB count with their signs', () => {
    expect(checkRemittance(raw)).toMatchObject({ imbalances: [], postable: true });
  });

  it('refuses what it cannot write faithfully', () => {
    expect(() => build835({ ...draft, payment: { ...draft.payment, method: 'ACH' } }, parties, 1, at)).toThrow(RangeError);
    expect(() => build835({ ...draft, claims: [{ ...claim, patientAccountNumber: 'PA*1' }] }, parties, 1, at)).toThrow(RangeError);
  });
});

describe('parse835 lists every problem and never throws', () => {
  const raw = build835(draft, parties, 4242, at);
  const codes = (text: string) => parse835(text).problems.map((p) => `${p.severity} ${p.code} ${p.tag}${p.element ? `.${p.element}` : ''}${p.claimIndex === undefined ? '' : ` c${p.claimIndex}`}${p.lineNumber === undefined ? '' : `l${p.lineNumber}`}`);
  const fixSe = (text: string, delta: number) => text.replace(/SE\*(\d+)\*/, (_, n) => `SE*${Number(n) + delta}*`);

  it('text that is not X12, and an X12 file that is not an 835', () => {
    expect(parse835('<html>502</html>')).toEqual({ remittance: null, problems: [expect.objectContaining({ severity: 'error', code: 'NOT_835' })] });
    const x270 = build270({ controlNumber: 1, traceNumber: 'T1', at, payer: { name: 'P', ediPayerId: '1' }, provider: { npi: '1234567893', family: 'X', organization: true }, subscriber: { given: 'A', family: 'B', memberId: 'M' }, dateOfService: '2026-11-01', serviceTypeCodes: ['30'] }, parties);
    expect(parse835(x270)).toEqual({ remittance: null, problems: [expect.objectContaining({ code: 'NOT_835', tag: 'ST' })] });
  });

  it('envelope: a wrong segment count and a second transaction set', () => {
    expect(codes(fixSe(raw, 1))).toEqual(['error ENVELOPE ']);
    const st = raw.slice(raw.indexOf('ST*835'), raw.indexOf('GE*'));
    const twoSets = raw.replace(/GE\*1\*4242~/, `${st.replace(/0001/g, '0002')}GE*2*4242~`);
    expect(codes(twoSets)).toEqual(['error ENVELOPE ']);
  });

  it('a malformed amount, a date that is not one, a fraction of a cent: each with its claim and line', () => {
    expect(codes(raw.replace('SVC*HC:81002*100.00*50.00', 'SVC*HC:81002*100.00*5O.00'))).toEqual(['error AMOUNT SVC.3 c0l2']);
    expect(codes(raw.replace('DTM*472*20261102', 'DTM*472*20261132'))).toEqual(['error DATE DTM.2 c0l2']);
    expect(codes(raw.replace('CLP*PA-1001*1*300.00', 'CLP*PA-1001*1*300.005'))).toEqual(['error AMOUNT CLP.3 c0']);
  });

  it('unknown codes: claim status, adjustment group, handling code, LQ qualifier, DTM qualifier of the loop', () => {
    expect(codes(raw.replace('CLP*PA-1001*1*', 'CLP*PA-1001*9*'))).toEqual(['error CODE CLP.2 c0']);
    expect(codes(raw.replace('CAS*OA*23', 'CAS*XX*23'))).toEqual(['error CODE CAS.1 c0']);
    expect(codes(raw.replace('BPR*C*', 'BPR*Z*'))).toEqual(['error CODE BPR.1']);
    expect(codes(raw.replace('LQ*HE*M15', 'LQ*ZZ*M15'))).toEqual(['error CODE LQ.1 c0l1']);
    expect(codes(raw.replace('DTM*472*20261102', 'DTM*232*20261102'))).toEqual(['error CODE DTM.1 c0l2']);
  });

  it('missing values: a CAS amount without its reason, CLP07, the patient NM1*QC', () => {
    expect(codes(raw.replace('CAS*OA*23*10.00', 'CAS*OA**10.00'))).toEqual(['error MISSING CAS.2 c0']);
    expect(codes(raw.replace('CLP*PA-1001*1*300.00*150.00*70.00*12*ICN0001', 'CLP*PA-1001*1*300.00*150.00*70.00*12*'))).toEqual(['error MISSING CLP.7 c0']);
    expect(codes(fixSe(raw.replace('NM1*QC*1*TESTFAMILY*KID~', ''), -1))).toEqual(['error MISSING NM1 c0']);
  });

  it('structure: a service line before any claim, a claim before the payee, a segment that is not an 835 one', () => {
    const svc = 'SVC*HC:99211*1.00*1.00~';
    expect(codes(fixSe(raw.replace('LX*1~', `${svc}LX*1~`), 1))).toEqual(['error STRUCTURE SVC']);
    const pe = raw.slice(raw.indexOf('N1*PE'), raw.indexOf('LX*1'));
    const noPayee = fixSe(raw.replace(pe, ''), -2);
    const problems = codes(noPayee);
    expect(problems.slice(0, 2)).toEqual(['error STRUCTURE LX', 'error STRUCTURE CLP']);
    expect(problems.every((p) => p.startsWith('error '))).toBe(true);
    expect(codes(noPayee).at(-1)).toBe('error MISSING N1');
    expect(codes(fixSe(raw.replace('LX*1~', 'LX*1~XYZ*1~'), 1))).toEqual(['error STRUCTURE XYZ']);
  });

  it('a composite written with another separator than ISA16 is read, with a warning', () => {
    const { remittance, problems } = parse835(raw.replace('SVC*HC:81002', 'SVC*HC>81002'));
    expect(problems.map((p) => `${p.severity} ${p.code}`)).toEqual(['warning COMPOSITE']);
    expect(remittance!.claims[0]!.lines[1]!.procedure.code).toBe('81002');
    expect(balanceRemittance(remittance!)).toEqual([]);
  });
});
