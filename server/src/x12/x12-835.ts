import { parseX12, type X12Doc } from './x12-document.js';
import { IMPLEMENTATION_835, ProblemLog } from './x12-835-fields.js';
import { Reader835 } from './x12-835-reader.js';
import type { Parsed835, Remittance } from './x12-835-types.js';

function emptyRemittance(doc: X12Doc): Remittance {
  return {
    envelope: {
      interchangeControlNumber: doc.isa[12] ?? '', senderQualifier: doc.isa[4] ?? '', senderId: (doc.isa[5] ?? '').trim(),
      receiverQualifier: doc.isa[6] ?? '', receiverId: (doc.isa[7] ?? '').trim(), usage: doc.isa[14] ?? '',
      groupControlNumber: doc.gs[5] ?? '', implementation: doc.gs[7] ?? '', transactionControlNumber: doc.st[1] ?? '',
    },
    payment: { handlingCode: '', totalCents: 0, creditDebit: '', method: '', format: null, paymentDate: null },
    trace: { typeCode: '', number: '', payerId: '', supplementalCode: null },
    productionDate: null,
    receiverReference: null,
    payer: { name: '', address: null, technicalContact: null, idQualifier: null, id: null, references: [] },
    payee: { name: '', address: null, technicalContact: null, idQualifier: null, id: null, references: [], npi: null, tin: null },
    claims: [],
    providerAdjustments: [],
  };
}

function checkEnvelope(doc: X12Doc, log: ProblemLog): void {
  const file = { position: 0, tag: '' };
  for (const p of doc.envelopeProblems) log.error('ENVELOPE', file, p);
  if (doc.gs[0] !== 'HP') log.error('ENVELOPE', { position: 0, tag: 'GS' }, `GS01 "${doc.gs[0] ?? ''}" must be HP (health care claim payment/advice)`, 1);
  if (doc.gs[7] !== IMPLEMENTATION_835) log.error('VERSION', { position: 0, tag: 'GS' }, `GS08 "${doc.gs[7] ?? ''}" is not ${IMPLEMENTATION_835}`, 8);
  if (!doc.st[2]) log.add('warning', 'VERSION', { position: 1, tag: 'ST' }, `ST03 is missing (the guide requires ${IMPLEMENTATION_835})`, 3);
  else if (doc.st[2] !== doc.gs[7]) log.error('VERSION', { position: 1, tag: 'ST' }, `ST03 "${doc.st[2]}" does not match GS08`, 3);
}

/**
 * Reads an X12 835 health care claim payment/advice (005010X221A1) into a `Remittance`: payment (BPR),
 * trace (TRN), payer and payee (1000A/B), claims (2100: CLP, CAS, NM1, REF, DTM, AMT, MOA/MIA remarks)
 * with their service lines (2110: SVC, DTM, CAS, REF*6R, AMT*B6, LQ) and provider-level adjustments
 * (PLB). It never throws and never drops a problem: envelope, structure (a segment in the wrong loop),
 * missing required values, malformed amounts and dates, and unknown codes are all listed, with the
 * claim and line they sit in. Balancing is a separate check (era-balance.ts).
 * @returns the remittance (null only when the text is not an X12 835 interchange) and every problem
 */
export function parse835(raw: string): Parsed835 {
  const log = new ProblemLog();
  let doc: X12Doc;
  try {
    doc = parseX12(raw);
  } catch (err) {
    log.error('NOT_835', { position: 0, tag: '' }, (err as Error).message);
    return { remittance: null, problems: log.list };
  }
  if (doc.st[0] !== '835') {
    log.error('NOT_835', { position: 1, tag: 'ST' }, `ST01 "${doc.st[0] ?? ''}" is not 835`, 1);
    return { remittance: null, problems: log.list };
  }
  checkEnvelope(doc, log);
  const r = emptyRemittance(doc);
  new Reader835(r, log, doc.componentSeparator).read(doc);
  return { remittance: r, problems: log.list };
}
