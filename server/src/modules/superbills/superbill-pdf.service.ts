import type { Db } from '../../db/client.js';
import { notFound } from '../../graphql/errors.js';
import type { Loaders } from '../../graphql/loaders.js';
import { renderPdf } from '../../pdf/pdf-document.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { superbillDocument } from './superbill.pdf.js';
import type { SuperbillPdf } from './superbill.type.js';

/**
 * Renders a superbill of the caller's practice as a PDF (any status; drafts and voided ones say so on
 * the page). The export is audited as an EXPORT write, and the superbill and patient as reads.
 * @returns the PDF bytes, base64-encoded
 * @throws NOT_FOUND (also for another practice's superbill)
 */
export async function superbillPdf(db: Db, loaders: Loaders, audit: AuditTrail, id: string): Promise<SuperbillPdf> {
  const s = await loaders.superbill.load(id);
  if (!s) throw notFound('Superbill', id);
  const [diagnoses, lines, patient, provider, location] = await Promise.all([
    loaders.superbillDiagnoses.load(s.id),
    loaders.superbillLines.load(s.id),
    loaders.patient.load(s.patientId),
    loaders.provider.load(s.renderingProviderId),
    loaders.location.load(s.locationId),
  ]);
  if (!patient || !provider || !location) throw notFound('Superbill', id);
  audit.read('Superbill', s.id, s.patientId);
  audit.read('Patient', patient.id, patient.id);
  const bytes = await renderPdf(
    superbillDocument({
      superbill: s,
      diagnoses,
      lines,
      patient: { name: [patient.givenName, patient.familyName].join(' '), dateOfBirth: patient.dateOfBirth, mrn: patient.mrn, address: patient.address },
      provider: { name: [provider.givenName, provider.familyName, provider.credentials].filter(Boolean).join(' '), npi: provider.npi, taxonomyCode: provider.taxonomyCode },
      location: { name: location.name, address: location.address },
    }),
  );
  await audit.write(db, 'EXPORT', 'Superbill', s.id, s.patientId);
  return { fileName: `superbill-${s.number}.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64'), byteLength: bytes.length };
}
