import type { Db } from '../../db/client.js';
import { notFound } from '../../graphql/errors.js';
import type { Loaders } from '../../graphql/loaders.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { renderCms1500 } from './cms1500.pdf.js';
import type { ClaimFormPdf } from './claim-batch.type.js';

/**
 * Renders a claim of the caller's practice on the CMS-1500 (02/12) form: the payer's copy, or the
 * patient's (marked PATIENT COPY). The claim read is audited, and the export as an EXPORT write.
 * @returns the PDF bytes, base64-encoded
 * @throws NOT_FOUND (also for another practice's claim)
 */
export async function claimForm(db: Db, loaders: Loaders, audit: AuditTrail, id: string, patientCopy: boolean, now: Date = new Date()): Promise<ClaimFormPdf> {
  const claim = await loaders.claim.load(id);
  if (!claim) throw notFound('Claim', id);
  audit.read('Claim', claim.id, claim.patientId);
  const bytes = await renderCms1500(claim.snapshot, { payerCopy: !patientCopy, patientCopy, generatedAt: now });
  await audit.write(db, 'EXPORT', 'Claim', claim.id, claim.patientId);
  return { fileName: `claim-${claim.patientAccountNumber}${patientCopy ? '-patient-copy' : ''}.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64'), byteLength: bytes.length };
}
