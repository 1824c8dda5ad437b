import { formatUsd } from '../../lib/money.js';
import type { DocumentSpec } from '../../pdf/pdf-document.js';
import type { PatientPayment } from './patient-payment.type.js';

/** Everything printed on a receipt, as plain data. */
export interface ReceiptPrint {
  practiceName: string;
  patient: { name: string; mrn: string };
  payment: PatientPayment;
  /** Date of service of each superbill the payment went to. */
  visitDates: ReadonlyMap<string, string>;
}

const usDate = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;

function methodText(p: PatientPayment): string {
  if (p.method === 'CHECK') return p.checkNumber ? `Check no. ${p.checkNumber}` : 'Check';
  if (p.method === 'CARD') return [p.cardBrand ?? 'Card', p.cardLast4 ? `ending ${p.cardLast4}` : ''].filter(Boolean).join(' ');
  return 'Cash';
}

/** A payment receipt: who paid how much, how, on which date, where the money went, and what was refunded. */
export function receiptDocument(r: ReceiptPrint): DocumentSpec {
  const p = r.payment;
  const no = p.id.slice(0, 8).toUpperCase();
  return {
    title: `Receipt ${no}`,
    footer: `Payment receipt ${no} · ${r.practiceName}`,
    blocks: [
      { kind: 'title', text: 'Payment receipt', subtitle: `${r.practiceName} · Receipt ${no}` },
      {
        kind: 'fields',
        columns: [
          [
            { label: 'Patient', value: r.patient.name },
            { label: 'Account (MRN)', value: r.patient.mrn },
          ],
          [
            { label: 'Date', value: usDate(p.effectiveDate) },
            { label: 'Paid by', value: methodText(p) },
            { label: 'Amount paid', value: formatUsd(p.amount) },
            ...(p.processorReference ? [{ label: 'Card transaction', value: p.processorReference }] : []),
          ],
        ],
      },
      { kind: 'heading', text: 'Applied to' },
      {
        kind: 'table',
        columns: [{ header: 'Item', width: 0.7 }, { header: 'Amount', width: 0.3, align: 'right' }],
        rows: p.allocations.map((a) => [a.superbillId ? `Visit of ${usDate(r.visitDates.get(a.superbillId) ?? '')}` : 'Credit on account', formatUsd(a.amount)]),
        totals: [
          { label: 'Total', value: formatUsd(p.amount) },
          ...(p.refunded > 0 ? [{ label: 'Refunded', value: formatUsd(p.refunded) }] : []),
        ],
      },
      { kind: 'text', text: 'Thank you for your payment. Keep this receipt for your records.' },
    ],
  };
}
