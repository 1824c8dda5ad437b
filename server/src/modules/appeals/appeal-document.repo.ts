import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { appealDocuments } from '../../db/schema/appeals.js';
import { documents } from '../../db/schema/documents.js';
import { isUuid } from '../../lib/uuid.js';
import type { DocumentRow } from '../documents/document.repo.js';

export type AppealDocumentRow = typeof appealDocuments.$inferSelect;
/** An attachment with its document version (without the content). */
export type AttachedDocumentRow = { link: AppealDocumentRow; document: DocumentRow };

const { content: _content, ...documentColumns } = getTableColumns(documents);

/** Attaches a document version to an appeal; an attachment already made is kept. @returns the new link, or null when it existed */
export async function insertAppealDocument(tx: Db, practiceId: string, values: { appealId: string; documentId: string; note: string | null; attachedBy: string }): Promise<AppealDocumentRow | null> {
  const [row] = await tx.insert(appealDocuments).values({ ...values, practiceId }).onConflictDoNothing().returning();
  return row ?? null;
}

/** The documents attached to appeals (one statement), in attachment order. */
export async function findDocumentsOfAppeals(db: Db, practiceId: string, appealIds: readonly string[]): Promise<AttachedDocumentRow[]> {
  const valid = appealIds.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select({ link: appealDocuments, document: documentColumns })
    .from(appealDocuments)
    .innerJoin(documents, and(eq(documents.id, appealDocuments.documentId), eq(documents.practiceId, appealDocuments.practiceId)))
    .where(and(eq(appealDocuments.practiceId, practiceId), inArray(appealDocuments.appealId, valid)))
    .orderBy(asc(appealDocuments.createdAt), asc(appealDocuments.id));
}
