import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, type FieldProblem, forbidden, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findPatientsByIds } from '../patients/patient.repo.js';
import { mayUseDocumentType, visibleDocumentTypes } from './document-access.js';
import { DOCUMENT_MAX_BYTES, declaredMediaType } from './document-media.js';
import { streamUploadParts } from './document-upload.stream.js';
import * as repo from './document.repo.js';
import { type Document, DocumentStatus, DocumentType } from './document.type.js';

export function toDocument(row: repo.DocumentRow): Document {
  return {
    id: row.id,
    patientId: row.patientId,
    type: row.type as DocumentType,
    title: row.title,
    documentDate: row.documentDate,
    source: row.source,
    author: row.author,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    revision: row.revision,
    supersedesId: row.supersedesId,
    supersededById: row.supersededById,
    status: row.enteredInErrorAt ? DocumentStatus.ENTERED_IN_ERROR : row.supersededById ? DocumentStatus.SUPERSEDED : DocumentStatus.CURRENT,
    enteredInError: row.enteredInErrorAt ? { at: row.enteredInErrorAt, by: row.enteredInErrorBy!, reason: row.enteredInErrorReason! } : null,
    uploadedBy: row.uploadedBy,
    contentPath: `/documents/${row.id}/content`,
    createdAt: row.createdAt,
  };
}

/** What an upload says about the file (query parameters of POST /documents). */
export interface DocumentUpload {
  patientId?: string;
  type?: string;
  documentDate?: string;
  title?: string;
  source?: string;
  author?: string;
  supersedesId?: string;
  /** The Content-Type header. */
  contentType?: string;
}

const text = (v: string | undefined, max: number, path: string, problems: FieldProblem[]) => {
  const t = v?.trim();
  if (!t) return null;
  if (t.length > max) problems.push({ path, message: `is longer than ${max} characters` });
  return t;
};

/** A version the caller may see, or NOT_FOUND (another practice's, or a type hidden from a BILLER). */
async function visibleVersion(db: Db, principal: Principal, id: string): Promise<repo.DocumentRow> {
  const [row] = isUuid(id) ? await repo.findDocumentsByIds(db, principal.practiceId, [id]) : [];
  if (!row || !mayUseDocumentType(principal, row.type)) throw notFound('Document', id);
  return row;
}

/**
 * Stores an uploaded document (or a new version of one) after checking the metadata, the caller's right to
 * the type, and the content: its media type is detected from its bytes and must be one of the accepted
 * kinds and match the declared Content-Type. The version it supersedes stays readable.
 * @returns the new version
 * @throws BAD_USER_INPUT (metadata, content type, size), NOT_FOUND (patient, superseded version),
 *   FORBIDDEN (a type the role may not upload), VERSION_CONFLICT (the superseded version is no longer current)
 */
export async function uploadDocument(db: Db, principal: Principal, audit: AuditTrail, meta: DocumentUpload, body: AsyncIterable<Uint8Array>, declaredLength: number | null): Promise<Document> {
  const p = principal.practiceId;
  const problems: FieldProblem[] = [];
  const previous = meta.supersedesId !== undefined ? await visibleVersion(db, principal, meta.supersedesId) : null;
  const patientId = meta.patientId ?? previous?.patientId;
  if (!patientId) problems.push({ path: 'patientId', message: 'is required' });
  else if (previous && previous.patientId !== patientId) problems.push({ path: 'patientId', message: 'differs from the superseded version\'s patient' });
  const type = meta.type ?? previous?.type;
  if (!type || !(Object.values(DocumentType) as string[]).includes(type)) problems.push({ path: 'type', message: `must be one of ${Object.values(DocumentType).join(', ')}` });
  const documentDate = meta.documentDate ?? previous?.documentDate;
  if (!documentDate || !isValidLocalDate(documentDate)) problems.push({ path: 'documentDate', message: 'must be a date YYYY-MM-DD' });
  const title = text(meta.title, 200, 'title', problems) ?? previous?.title ?? null;
  const source = text(meta.source, 200, 'source', problems) ?? previous?.source ?? null;
  const author = text(meta.author, 200, 'author', problems) ?? previous?.author ?? null;
  if (problems.length > 0) throw badInput(problems);
  if (previous && (previous.supersededById || previous.enteredInErrorAt)) throw new AppError('VERSION_CONFLICT', `Document ${previous.id} is not the current version; supersede the current one`, { entity: 'Document', id: previous.id });
  if (!isUuid(patientId) || (await findPatientsByIds(db, p, [patientId!])).length === 0) throw notFound('Patient', patientId!);
  if (!mayUseDocumentType(principal, type!)) throw forbidden('Your role may not upload documents of this type');
  return storeDocument(db, audit, { practiceId: p, patientId: patientId!, type: type!, documentDate: documentDate!, title, source, author, contentType: meta.contentType, uploadedBy: principal.userId, previous }, body, declaredLength);
}

/** A checked upload ready to store: who may upload it was decided by the caller. */
export interface DocumentToStore {
  practiceId: string;
  patientId: string;
  type: string;
  documentDate: string;
  title: string | null;
  source: string | null;
  author: string | null;
  contentType: string | undefined;
  /** A staff user id, or the link actor (`intake-link:<id>`) for a patient's upload. */
  uploadedBy: string;
  previous?: repo.DocumentRow | null;
}

/**
 * Stores a document whose uploader the caller already authorised (a staff role, or a patient's intake link):
 * the body streams into the database part by part inside the transaction (never held whole by the server),
 * the size limit enforced while reading, its media type detected from its bytes and matched with the
 * declared Content-Type; the database joins the parts into the new version (superseding `previous`), which
 * is audited in the same transaction. A refusal rolls everything back: nothing is stored.
 * @throws BAD_USER_INPUT (content type, size), VERSION_CONFLICT
 */
export async function storeDocument(db: Db, audit: AuditTrail, d: DocumentToStore, body: AsyncIterable<Uint8Array>, declaredLength: number | null, max = DOCUMENT_MAX_BYTES): Promise<Document> {
  const p = d.practiceId;
  const previous = d.previous ?? null;
  if (declaredLength !== null && declaredLength > max) throw badInput([{ path: 'file', message: `is larger than the limit of ${max} bytes` }]);
  const id = randomUUID();
  const row = await db.transaction(async (tx) => {
    const got = await streamUploadParts(tx, p, id, body, declaredMediaType(d.contentType), max);
    const r = await repo.insertDocumentFromParts(tx, p, id, {
      id,
      patientId: d.patientId,
      type: d.type,
      title: d.title,
      documentDate: d.documentDate,
      source: d.source,
      author: d.author,
      mediaType: got.mediaType,
      sizeBytes: got.sizeBytes,
      sha256: got.sha256,
      revision: previous ? previous.revision + 1 : 1,
      supersedesId: previous?.id ?? null,
      uploadedBy: d.uploadedBy,
    });
    if (previous && !(await repo.markSuperseded(tx, p, previous.id, id))) throw new AppError('VERSION_CONFLICT', `Document ${previous.id} is not the current version; supersede the current one`, { entity: 'Document', id: previous.id });
    await audit.write(tx, 'CREATE', 'Document', id, r.patientId);
    return r;
  }).catch((err: unknown) => {
    // Two uploads superseding the same version at once: the one-successor index lets one win.
    if ((err as { code?: string; cause?: { code?: string } }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') {
      throw new AppError('VERSION_CONFLICT', `Document ${previous?.id} is not the current version; supersede the current one`, { entity: 'Document', id: previous?.id });
    }
    throw err;
  });
  return toDocument(row);
}

/**
 * A version's content for download; the download is audited (entity DocumentContent) before any byte leaves.
 * @throws NOT_FOUND (also another practice's, or a type hidden from the caller)
 */
export async function downloadDocument(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<{ row: repo.DocumentRow; content: Uint8Array }> {
  const row = isUuid(id) ? await repo.findDocumentWithContent(db, principal.practiceId, id) : null;
  if (!row || !mayUseDocumentType(principal, row.type)) throw notFound('Document', id);
  await audit.write(db, 'READ', 'DocumentContent', row.id, row.patientId);
  const { content, ...meta } = row;
  return { row: meta, content };
}

/**
 * One version's metadata; the read is audited.
 * @throws NOT_FOUND
 */
export async function findDocument(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<Document> {
  const row = await visibleVersion(db, principal, id);
  audit.read('Document', row.id, row.patientId);
  return toDocument(row);
}

/**
 * A patient's documents the caller may see, newest document date first; current versions only unless
 * includeHistory. Each read is audited.
 * @throws NOT_FOUND (patient), BAD_USER_INPUT (a foreign cursor)
 */
export async function listDocuments(db: Db, principal: Principal, audit: AuditTrail, patientId: string, includeHistory: boolean, page: PageRequest, withCount: boolean): Promise<ConnectionShape<Document>> {
  const c = page.cursor;
  if (c && !(c.length === 2 && typeof c[0] === 'string' && isValidLocalDate(c[0]) && isUuid(c[1]))) {
    throw badInput([{ path: page.forward ? 'after' : 'before', message: 'is not a cursor issued by this connection' }]);
  }
  const p = principal.practiceId;
  if (!isUuid(patientId) || (await findPatientsByIds(db, p, [patientId])).length === 0) throw notFound('Patient', patientId);
  const q: repo.DocumentQuery = { patientId, types: visibleDocumentTypes(principal), includeHistory };
  const [rows, total] = await Promise.all([repo.findDocumentPage(db, p, q, page.limit, c ?? null, page.forward), withCount ? repo.countDocuments(db, p, q) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => [r.documentDate, r.id], (r) => {
    audit.read('Document', r.id, r.patientId);
    return toDocument(r);
  }, total);
}

/**
 * Marks a version entered in error (kept and readable, never deleted).
 * @throws NOT_FOUND, BAD_USER_INPUT (reason empty; already entered in error)
 */
export async function markDocumentEnteredInError(db: Db, principal: Principal, audit: AuditTrail, id: string, reason: string, now = new Date()): Promise<Document> {
  const problems: FieldProblem[] = [];
  const why = text(reason, 500, 'input.reason', problems);
  if (!why) problems.push({ path: 'input.reason', message: 'is required' });
  if (problems.length > 0) throw badInput(problems);
  const current = await visibleVersion(db, principal, id);
  const row = await db.transaction(async (tx) => {
    const r = await repo.markEnteredInError(tx, principal.practiceId, current.id, principal.userId, why!, now);
    if (!r) throw badInput([{ path: 'input.id', message: 'is already entered in error' }]);
    await audit.write(tx, 'UPDATE', 'Document', r.id, r.patientId);
    return r;
  });
  return toDocument(row);
}
