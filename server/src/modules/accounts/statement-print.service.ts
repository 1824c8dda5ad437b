import type { Db } from '../../db/client.js';
import { notFound } from '../../graphql/errors.js';
import type { Loaders } from '../../graphql/loaders.js';
import { renderPdf } from '../../pdf/pdf-document.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findPracticeName } from './patient-payment.repo.js';
import { statementDocument } from './statement.pdf.js';
import { toStatement, toStatementLine } from './statement.mapper.js';
import { findStatementsByIds } from './statement.repo.js';
import type { StatementPdf } from './statement.type.js';

/**
 * Renders a stored statement of the caller's practice as a PDF (from the snapshot: printing it again gives
 * the same figures); audited as an EXPORT of the statement and a read of the patient.
 * @returns the PDF bytes, base64-encoded
 * @throws NOT_FOUND (also for another practice's statement)
 */
export async function statementPdf(db: Db, loaders: Loaders, audit: AuditTrail, practiceId: string, id: string): Promise<StatementPdf> {
  const [row] = await findStatementsByIds(db, practiceId, [id]);
  if (!row) throw notFound('PatientStatement', id);
  const [patient, lines, practiceName] = await Promise.all([loaders.patient.load(row.patientId), loaders.statementLines.load(row.id), findPracticeName(db, practiceId)]);
  if (!patient) throw notFound('PatientStatement', id);
  audit.read('Patient', patient.id, patient.id);
  const statement = toStatement(row);
  const bytes = await renderPdf(statementDocument({ practiceName: practiceName ?? '', patient: { name: [patient.givenName, patient.familyName].join(' '), mrn: patient.mrn }, statement, lines: lines.map(toStatementLine) }));
  await audit.write(db, 'EXPORT', 'PatientStatement', row.id, row.patientId);
  return { fileName: `statement-${row.cycle}-${row.id.slice(0, 8)}.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64'), byteLength: bytes.length };
}
