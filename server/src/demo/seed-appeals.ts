import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { claims } from '../db/schema/claims.js';
import { documents } from '../db/schema/documents.js';
import type { Principal } from '../graphql/auth.js';
import { Role } from '../graphql/roles.js';
import { todayIn } from '../lib/dates.js';
import { attachAppealDocument } from '../modules/appeals/appeal-document.service.js';
import { createAppeal } from '../modules/appeals/appeal.service.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { demoId } from './synthetic.js';

const KEY = 'demo:appeal:denied-claim';

/**
 * Opens a DRAFT appeal of the first denied demo claim that can be appealed (by the demo biller, through
 * the service) and attaches the payer's denial letter, a PAYER_CORRESPONDENCE document of the patient, so
 * GraphiQL shows `appeals { documents }`. Run after the claim flow. Deterministic; a second run changes
 * nothing (the idempotency key, the document id, the attachment's uniqueness). The content is invented.
 * @returns 1 when an appeal is in place, 0 when no demo claim was denied
 */
export async function seedDemoAppeals(db: Db, practiceId: string, now: Date, timeZone = 'America/New_York'): Promise<number> {
  const principal: Principal = { userId: 'demo-biller', practiceId, roles: [Role.BILLER] };
  const audit = new AuditTrail(principal, 'demo-seed', 'seedDemoAppeals');
  const denied = await db.select({ id: claims.id, patientId: claims.patientId }).from(claims).where(and(eq(claims.practiceId, practiceId), eq(claims.status, 'DENIED'))).orderBy(asc(claims.number));
  for (const c of denied) {
    const made = await createAppeal(db, principal, audit, {
      claimId: c.id, idempotencyKey: KEY, reason: 'The service was medically necessary; the records support it',
      letter: 'The visit addressed an acute problem documented in the enclosed notes; the denial for medical necessity (CO-50) should be reversed and the claim paid.',
    }).catch(() => null);
    if (!made) continue;
    const content = Buffer.from('EXPLANATION OF BENEFITS (synthetic)\nClaim denied: CARC 50, not deemed a medical necessity by the payer.\nYou may appeal within the period stated in your contract.\n', 'utf8');
    const documentId = demoId(practiceId, 'document-denial-letter');
    await db.insert(documents).values({
      id: documentId, practiceId, patientId: c.patientId, type: 'PAYER_CORRESPONDENCE', title: 'Denial letter', documentDate: todayIn(timeZone, now), source: 'Example Health Plan', author: null,
      mediaType: 'text/plain', sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), content, revision: 1, uploadedBy: 'demo-biller',
    }).onConflictDoNothing({ target: documents.id });
    await attachAppealDocument(db, principal, audit, { appealId: made.appeal.id, documentId, note: "the payer's denial" });
    return 1;
  }
  return 0;
}
