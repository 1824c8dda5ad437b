import type { Db } from '../../db/client.js';
import { notFound } from '../../graphql/errors.js';
import type { Loaders } from '../../graphql/loaders.js';
import { addressOf } from '../claims/claim-snapshot.build.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { practiceToday } from '../ledger/ledger-post.service.js';
import { renderAppealLetter } from './appeal-letter.pdf.js';
import type { AppealRow } from './appeal.repo.js';
import type { AppealLetterPdf } from './appeal.type.js';

/**
 * The letter of an appeal as PDF bytes, rendered now (nothing audited here).
 * @throws NOT_FOUND when its claim or payer is gone
 */
export async function renderLetterOf(db: Db, loaders: Loaders, practiceId: string, appeal: AppealRow): Promise<Uint8Array> {
  const [claim, payer, today] = await Promise.all([loaders.claim.load(appeal.claimId), loaders.payer.load(appeal.payerId), practiceToday(db, practiceId)]);
  if (!claim || !payer) throw notFound('Appeal', appeal.id);
  return renderAppealLetter(appeal, claim.snapshot, { name: payer.name, address: addressOf(payer.address) }, claim.payerClaimNumber, today);
}

/**
 * Renders an appeal's letter to the payer as a PDF. The read is audited, and the export as an EXPORT.
 * @returns the PDF bytes, base64-encoded
 * @throws NOT_FOUND (also for another practice's appeal)
 */
export async function appealLetter(db: Db, loaders: Loaders, audit: AuditTrail, practiceId: string, id: string): Promise<AppealLetterPdf> {
  const appeal = await loaders.appeal.load(id);
  if (!appeal) throw notFound('Appeal', id);
  const bytes = await renderLetterOf(db, loaders, practiceId, appeal);
  audit.read('Appeal', appeal.id, appeal.patientId);
  await audit.write(db, 'EXPORT', 'Appeal', appeal.id, appeal.patientId);
  return { fileName: `appeal-${appeal.number}.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64'), byteLength: bytes.length };
}
