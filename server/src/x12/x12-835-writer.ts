import { buildInterchange, SEPARATORS, type X12Parties, type X12SegmentWriter, x12Date, x12Text } from './x12-envelope.js';
import { IMPLEMENTATION_835 } from './x12-835-fields.js';
import type { Adjustment, ProviderAdjustment, Remittance, RemittanceClaim, RemittanceEntity, RemittanceParty, RemittanceProcedure, RemittanceServiceLine } from './x12-835-types.js';
import { centsToDecimal } from './x12-money.js';

/** What the writer needs: a remittance without its envelope (buildInterchange makes that). */
export type RemittanceDraft = Omit<Remittance, 'envelope'>;

const DELIMITERS = /[*~:^]/;

/** An identifier or code written as is: a delimiter inside it would corrupt the file, so it is refused. */
function plain(value: string | null | undefined): string {
  const v = value ?? '';
  if (DELIMITERS.test(v)) throw new RangeError('an 835 identifier or code contains an X12 delimiter');
  return v;
}

const $ = centsToDecimal;
const date = (iso: string | null) => (iso ? x12Date(iso) : '');
const composite = (p: RemittanceProcedure) =>
  [plain(p.qualifier), plain(p.code), ...[0, 1, 2, 3].map((i) => plain(p.modifiers[i])), x12Text(p.description, 80)].join(SEPARATORS.subElementDelimiter);

function writeAdjustments(tx: X12SegmentWriter, adjustments: readonly Adjustment[]): void {
  // One CAS per group (in order of first appearance), at most six triples each.
  const groups = [...new Set(adjustments.map((a) => a.group))];
  for (const g of groups) {
    const of = adjustments.filter((a) => a.group === g);
    for (let i = 0; i < of.length; i += 6) {
      tx.addSegment('CAS', [plain(g), ...of.slice(i, i + 6).flatMap((a) => [plain(a.reason), $(a.amountCents), a.quantity === null ? '' : String(a.quantity)])]);
    }
  }
}

function writeEntity(tx: X12SegmentWriter, e: RemittanceEntity | null): void {
  if (!e) return;
  tx.addSegment('NM1', [plain(e.entityCode), plain(e.entityType), x12Text(e.lastOrOrganizationName, 60), x12Text(e.firstName, 35), x12Text(e.middleName, 25), '', x12Text(e.suffix, 10), plain(e.idQualifier), plain(e.id)]);
}

function writeParty(tx: X12SegmentWriter, code: 'PR' | 'PE', p: RemittanceParty): void {
  tx.addSegment('N1', [code, x12Text(p.name, 60), plain(p.idQualifier), plain(p.id)]);
  if (p.address) {
    tx.addSegment('N3', [x12Text(p.address.line1, 55), x12Text(p.address.line2, 55)]);
    tx.addSegment('N4', [x12Text(p.address.city, 30), plain(p.address.state), plain(p.address.postalCode)]);
  }
  for (const ref of p.references) tx.addSegment('REF', [plain(ref.qualifier), plain(ref.value)]);
  if (code === 'PR' && p.technicalContact) tx.addSegment('PER', ['BL', x12Text(p.technicalContact.name, 60), ...(p.technicalContact.phone ? ['TE', plain(p.technicalContact.phone)] : [])]);
}

function writeLine(tx: X12SegmentWriter, l: RemittanceServiceLine): void {
  tx.addSegment('SVC', [
    composite(l.procedure), $(l.chargeCents), $(l.paidCents), plain(l.revenueCode), l.units === 1 ? '' : String(l.units),
    l.originalProcedure ? composite(l.originalProcedure) : '', l.originalUnits === null ? '' : String(l.originalUnits),
  ]);
  if (l.serviceDateFrom && (l.serviceDateTo === null || l.serviceDateTo === l.serviceDateFrom)) tx.addSegment('DTM', ['472', date(l.serviceDateFrom)]);
  else {
    if (l.serviceDateFrom) tx.addSegment('DTM', ['150', date(l.serviceDateFrom)]);
    if (l.serviceDateTo) tx.addSegment('DTM', ['151', date(l.serviceDateTo)]);
  }
  writeAdjustments(tx, l.adjustments);
  if (l.lineItemControlNumber) tx.addSegment('REF', ['6R', plain(l.lineItemControlNumber)]);
  for (const ref of l.references) tx.addSegment('REF', [plain(ref.qualifier), plain(ref.value)]);
  if (l.allowedCents !== null) tx.addSegment('AMT', ['B6', $(l.allowedCents)]);
  for (const a of l.amounts.filter((x) => x.qualifier !== 'B6')) tx.addSegment('AMT', [plain(a.qualifier), $(a.cents)]);
  for (const r of l.remarks) tx.addSegment('LQ', [plain(r.qualifier), plain(r.code)]);
}

function writeClaim(tx: X12SegmentWriter, c: RemittanceClaim): void {
  tx.addSegment('CLP', [
    plain(c.patientAccountNumber), plain(c.statusCode), $(c.chargeCents), $(c.paidCents),
    c.patientResponsibilityCents === null ? '' : $(c.patientResponsibilityCents), plain(c.claimFilingIndicator), plain(c.payerClaimControlNumber),
    plain(c.facilityCode), plain(c.frequencyCode),
  ]);
  writeAdjustments(tx, c.adjustments);
  writeEntity(tx, c.patient);
  writeEntity(tx, c.insured);
  // The guide's order: QC, IL, 74, 82, TT, PR, GB.
  for (const e of c.otherEntities.filter((x) => x.entityCode === '74')) writeEntity(tx, e);
  writeEntity(tx, c.renderingProvider);
  for (const e of c.otherEntities.filter((x) => x.entityCode !== '74')) writeEntity(tx, e);
  // MOA03–07 carry up to five remark codes of an outpatient (professional) claim.
  for (let i = 0; i < c.remarkCodes.length; i += 5) tx.addSegment('MOA', ['', '', ...c.remarkCodes.slice(i, i + 5).map(plain)]);
  for (const ref of c.references) tx.addSegment('REF', [plain(ref.qualifier), plain(ref.value)]);
  const dates: [string, string | null][] = [['232', c.statementFrom], ['233', c.statementTo], ['036', c.coverageExpirationDate], ['050', c.receivedDate]];
  for (const [q, d] of dates) if (d) tx.addSegment('DTM', [q, date(d)]);
  for (const a of c.amounts) tx.addSegment('AMT', [plain(a.qualifier), $(a.cents)]);
  for (const l of c.lines) writeLine(tx, l);
}

function writeProviderAdjustments(tx: X12SegmentWriter, plb: readonly ProviderAdjustment[]): void {
  // One PLB per provider and fiscal period, at most six reason/amount pairs each.
  const keys = [...new Set(plb.map((p) => `${p.providerId}\u0000${p.fiscalPeriodDate ?? ''}`))];
  for (const key of keys) {
    const of = plb.filter((p) => `${p.providerId}\u0000${p.fiscalPeriodDate ?? ''}` === key);
    for (let i = 0; i < of.length; i += 6) {
      const pairs = of.slice(i, i + 6).flatMap((p) => [[plain(p.reason), plain(p.reference)].join(SEPARATORS.subElementDelimiter), $(p.amountCents)]);
      tx.addSegment('PLB', [plain(of[0]!.providerId), date(of[0]!.fiscalPeriodDate), ...pairs]);
    }
  }
}

/**
 * Writes an 835 health care claim payment/advice (005010X221A1) through the one envelope writer:
 * BPR, TRN, REF*EV, DTM*405, payer (N1*PR, N3, N4, REF, PER*BL), payee (N1*PE, N3, N4, REF), claims
 * under LX header numbers (CLP, CAS, NM1, MOA, REF, DTM, AMT) with their lines (SVC, DTM, CAS,
 * REF*6R, AMT*B6, LQ), then PLB. Money is written from integer cents; CAS and PLB are packed six to a
 * segment. It writes what it is given: balancing is the caller's (check with era-balance.ts).
 * @throws RangeError for an ACH/BOP/FWT payment (bank account details are not modelled), a control
 * number out of range, or an identifier holding an X12 delimiter
 */
export function build835(r: RemittanceDraft, parties: X12Parties, controlNumber: number, at: Date): string {
  const p = r.payment;
  if (p.method !== 'CHK' && p.method !== 'NON') throw new RangeError(`payment method ${p.method} needs bank details the writer does not model`);
  return buildInterchange({
    parties,
    transactionSet: '835',
    version: IMPLEMENTATION_835,
    controlNumber,
    at,
    fill: (tx) => {
      tx.addSegment('BPR', [plain(p.handlingCode), $(p.totalCents), plain(p.creditDebit), plain(p.method), plain(p.format), ...Array<string>(10).fill(''), date(p.paymentDate)]);
      tx.addSegment('TRN', [plain(r.trace.typeCode), plain(r.trace.number), plain(r.trace.payerId), plain(r.trace.supplementalCode)]);
      if (r.receiverReference) tx.addSegment('REF', ['EV', plain(r.receiverReference)]);
      if (r.productionDate) tx.addSegment('DTM', ['405', date(r.productionDate)]);
      writeParty(tx, 'PR', r.payer);
      writeParty(tx, 'PE', r.payee);
      let header: string | null = null;
      for (const c of r.claims) {
        const number = c.headerNumber ?? '1';
        if (number !== header) tx.addSegment('LX', [plain(number)]);
        header = number;
        writeClaim(tx, c);
      }
      writeProviderAdjustments(tx, r.providerAdjustments);
    },
  });
}
