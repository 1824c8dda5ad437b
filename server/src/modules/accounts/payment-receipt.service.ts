import type { Db } from '../../db/client.js';
import { notFound } from '../../graphql/errors.js';
import type { Loaders } from '../../graphql/loaders.js';
import { renderPdf } from '../../pdf/pdf-document.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { receiptDocument } from './payment-receipt.pdf.js';
import { presentPayment } from './patient-payment.mapper.js';
import * as repo from './patient-payment.repo.js';
import type { PaymentReceiptPdf } from './patient-payment.type.js';

/**
 * Renders the receipt of a patient payment of the caller's practice as a PDF; audited as an EXPORT of the
 * payment and a read of the patient.
 * @returns the PDF bytes, base64-encoded
 * @throws NOT_FOUND (also for another practice's payment)
 */
export async function paymentReceipt(db: Db, loaders: Loaders, audit: AuditTrail, practiceId: string, id: string): Promise<PaymentReceiptPdf> {
  const row = await repo.findPayment(db, practiceId, id);
  if (!row) throw notFound('PatientPayment', id);
  const [payment, patient, practiceName] = await Promise.all([presentPayment(db, practiceId, row), loaders.patient.load(row.patientId), repo.findPracticeName(db, practiceId)]);
  if (!patient) throw notFound('PatientPayment', id);
  const bills = await loaders.superbill.loadMany(payment.allocations.flatMap((a) => (a.superbillId ? [a.superbillId] : [])));
  const visitDates = new Map(bills.flatMap((b) => (b && !(b instanceof Error) ? [[b.id, b.dateOfService] as const] : [])));
  audit.read('Patient', patient.id, patient.id);
  const bytes = await renderPdf(receiptDocument({ practiceName: practiceName ?? '', patient: { name: [patient.givenName, patient.familyName].join(' '), mrn: patient.mrn }, payment, visitDates }));
  await audit.write(db, 'EXPORT', 'PatientPayment', row.id, row.patientId);
  return { fileName: `receipt-${row.id.slice(0, 8)}.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64'), byteLength: bytes.length };
}
