import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import type { Loaders } from '../../graphql/loaders.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { mayUseDocumentType } from '../documents/document-access.js';
import { findDocumentsByIds, insertDocument } from '../documents/document.repo.js';
import { DocumentType } from '../documents/document.type.js';
import { isUuid } from '../../lib/uuid.js';
import { practiceToday } from '../ledger/ledger-post.service.js';
import { renderLetterOf } from './appeal-letter.service.js';
import { insertAppealDocument } from './appeal-document.repo.js';
import { lockAppeal, type AppealRow } from './appeal.repo.js';
import { presentAppeal } from './appeal.service.js';
import type { Appeal } from './appeal.type.js';

/**
 * What an appeal may carry to the payer: the billing documents (payer correspondence — the denial letter,
 * EOBs, the appeal letter as sent — and the insurance card), the only documents a BILLER may see. Clinical
 * records are not attached through the product.
 */
export const APPEAL_DOCUMENT_TYPES: readonly string[] = [DocumentType.PAYER_CORRESPONDENCE, DocumentType.INSURANCE_CARD];

const OPEN = new Set(['DRAFT', 'SUBMITTED']);

async function lockOpenAppeal(tx: Db, practiceId: string, id: string): Promise<AppealRow> {
  const appeal = await lockAppeal(tx, practiceId, id);
  if (!appeal) throw notFound('Appeal', id);
  if (!OPEN.has(appeal.status)) throw badInput([{ path: 'input.appealId', message: `appeal ${id} is ${appeal.status}; documents are attached to an open (DRAFT or SUBMITTED) appeal` }]);
  return appeal;
}

/**
 * Attaches a version of one of the appeal's patient's documents to an open appeal (once; attaching it
 * again changes nothing). The change is audited on the appeal.
 * @returns the appeal
 * @throws NOT_FOUND (appeal or document, also another practice's or a document type the caller may not
 *   see), BAD_USER_INPUT (appeal decided or withdrawn; another patient's document; a type an appeal does
 *   not carry; a version entered in error)
 */
export async function attachAppealDocument(db: Db, principal: Principal, audit: AuditTrail, input: { appealId: string; documentId: string; note?: string | null }): Promise<Appeal> {
  const p = principal.practiceId;
  const row = await db.transaction(async (tx) => {
    const appeal = await lockOpenAppeal(tx, p, input.appealId);
    const [doc] = await findDocumentsByIds(tx, p, [input.documentId].filter(isUuid));
    if (!doc || !mayUseDocumentType(principal, doc.type)) throw notFound('Document', input.documentId);
    const problem = doc.patientId !== appeal.patientId ? `document ${doc.id} belongs to another patient than appeal ${appeal.id}`
      : !APPEAL_DOCUMENT_TYPES.includes(doc.type) ? `an appeal carries ${APPEAL_DOCUMENT_TYPES.join(' or ')} documents, not ${doc.type}`
      : doc.enteredInErrorAt ? `document ${doc.id} was entered in error` : null;
    if (problem) throw badInput([{ path: 'input.documentId', message: problem }]);
    const made = await insertAppealDocument(tx, p, { appealId: appeal.id, documentId: doc.id, note: input.note?.trim() || null, attachedBy: principal.userId });
    if (made) await audit.write(tx, 'UPDATE', 'Appeal', appeal.id, appeal.patientId);
    return appeal;
  });
  return presentAppeal(audit, row);
}

/**
 * Stores the appeal's letter, rendered now, as a PAYER_CORRESPONDENCE document of the patient (dated
 * today, titled with the appeal number) and attaches it to the open appeal — the copy of what was sent.
 * Each call stores a new rendering. The new document and the appeal change are audited.
 * @returns the appeal
 * @throws NOT_FOUND (appeal, also another practice's), BAD_USER_INPUT (appeal decided or withdrawn)
 */
export async function storeAppealLetter(db: Db, loaders: Loaders, principal: Principal, audit: AuditTrail, appealId: string): Promise<Appeal> {
  const p = principal.practiceId;
  const found = await loaders.appeal.load(appealId);
  if (!found) throw notFound('Appeal', appealId);
  const bytes = await renderLetterOf(db, loaders, p, found);
  const row = await db.transaction(async (tx) => {
    const appeal = await lockOpenAppeal(tx, p, appealId);
    const id = randomUUID();
    await insertDocument(tx, p, {
      id, patientId: appeal.patientId, type: DocumentType.PAYER_CORRESPONDENCE, title: `Appeal letter ${appeal.number}`, documentDate: await practiceToday(tx, p), source: null, author: principal.userId,
      mediaType: 'application/pdf', sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), content: bytes, revision: 1, supersedesId: null, uploadedBy: principal.userId,
    });
    await insertAppealDocument(tx, p, { appealId: appeal.id, documentId: id, note: 'appeal letter as sent', attachedBy: principal.userId });
    await audit.write(tx, 'CREATE', 'Document', id, appeal.patientId);
    await audit.write(tx, 'UPDATE', 'Appeal', appeal.id, appeal.patientId);
    return appeal;
  });
  return presentAppeal(audit, row);
}
