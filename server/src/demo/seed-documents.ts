import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { documents } from '../db/schema/documents.js';
import { patients } from '../db/schema/patients.js';
import { todayIn } from '../lib/dates.js';
import { addDays } from '../lib/local-time.js';
import { detectMediaType } from '../modules/documents/document-media.js';
import { renderPdf } from '../pdf/pdf-document.js';
import { demoId } from './synthetic.js';

/** A valid 1×1 PNG: the demo's stand-in for a scanned insurance card. */
const CARD_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

const text = (s: string) => Buffer.from(s, 'utf8');
const letter = (title: string, body: string) => renderPdf({ title, footer: 'Synthetic demo document', blocks: [{ kind: 'title', text: title }, { kind: 'text', text: body }] });

/**
 * Gives the first demo patients a few documents: a referral letter and its corrected second version (the
 * first stays readable as SUPERSEDED), an insurance card image, a lab report, a consent entered in error,
 * payer correspondence and an outside record. Deterministic ids and content; one insert, a second run adds
 * nothing. The content is invented.
 * @returns how many document versions this call created
 */
export async function seedDemoDocuments(db: Db, practiceId: string, now: Date, timeZone = 'America/New_York'): Promise<number> {
  const today = todayIn(timeZone, now);
  const people = await db.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.status, 'ACTIVE'))).orderBy(asc(patients.mrn)).limit(3);
  if (people.length < 3) return 0;
  const [a, b, c] = people.map((p) => p.id) as [string, string, string];
  const id = (label: string) => demoId(practiceId, `document-${label}`);
  const [referral1, referral2] = await Promise.all([
    letter('Referral letter', 'Referred for evaluation of exertional chest discomfort. Please see within two weeks.'),
    letter('Referral letter (corrected)', 'Referred for evaluation of exertional chest discomfort. Please see within one week; ECG enclosed.'),
  ]);
  const specs = [
    { label: 'referral-1', patientId: a, type: 'REFERRAL_LETTER', days: -20, title: 'Cardiology referral', source: 'Example Heart Associates', author: 'Dr. Demo Cardiologist', content: referral1, revision: 1, supersedes: null, supersededBy: 'referral-2', error: null },
    { label: 'referral-2', patientId: a, type: 'REFERRAL_LETTER', days: -19, title: 'Cardiology referral (corrected)', source: 'Example Heart Associates', author: 'Dr. Demo Cardiologist', content: referral2, revision: 2, supersedes: 'referral-1', supersededBy: null, error: null },
    { label: 'card-a', patientId: a, type: 'INSURANCE_CARD', days: -30, title: 'Insurance card, front', source: 'Patient', author: null, content: CARD_PNG, revision: 1, supersedes: null, supersededBy: null, error: null },
    { label: 'lab-b', patientId: b, type: 'LAB_REPORT', days: -7, title: 'Lipid panel', source: 'Example Reference Lab', author: null, content: text('LIPID PANEL\nTotal cholesterol 182 mg/dL (<200)\nLDL 104 mg/dL (<100) H\nHDL 52 mg/dL (>40)\nTriglycerides 130 mg/dL (<150)\n'), revision: 1, supersedes: null, supersededBy: null, error: null },
    { label: 'consent-b', patientId: b, type: 'CONSENT', days: -3, title: 'Consent to treat', source: 'Front desk', author: null, content: text('Consent to treat, signed at the desk.\n'), revision: 1, supersedes: null, supersededBy: null, error: 'Scanned to the wrong patient' },
    { label: 'eob-c', patientId: c, type: 'PAYER_CORRESPONDENCE', days: -12, title: 'Explanation of benefits', source: 'Example Health Plan', author: null, content: text('EXPLANATION OF BENEFITS\nClaim processed; patient responsibility applied to deductible.\n'), revision: 1, supersedes: null, supersededBy: null, error: null },
    { label: 'outside-c', patientId: c, type: 'OUTSIDE_RECORD', days: -60, title: 'Immunization record', source: 'Example Pediatrics', author: null, content: text('IMMUNIZATION RECORD\nTdap — given\nMMR — 2 doses\n'), revision: 1, supersedes: null, supersededBy: null, error: null },
  ];
  const rows = specs.map((s) => ({
    id: id(s.label),
    practiceId,
    patientId: s.patientId,
    type: s.type,
    title: s.title,
    documentDate: addDays(today, s.days),
    source: s.source,
    author: s.author,
    mediaType: detectMediaType(s.content)!,
    sizeBytes: s.content.length,
    sha256: createHash('sha256').update(s.content).digest('hex'),
    content: s.content,
    revision: s.revision,
    supersedesId: s.supersedes ? id(s.supersedes) : null,
    supersededById: s.supersededBy ? id(s.supersededBy) : null,
    uploadedBy: 'demo-front_desk',
    enteredInErrorAt: s.error ? new Date(now.getTime() - 3600_000) : null,
    enteredInErrorBy: s.error ? 'demo-front_desk' : null,
    enteredInErrorReason: s.error,
  }));
  // One statement: the first version's forward reference to its successor is checked at the statement's end.
  const inserted = await db.insert(documents).values(rows).onConflictDoNothing({ target: documents.id }).returning({ id: documents.id });
  return inserted.length;
}
