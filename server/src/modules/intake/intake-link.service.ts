import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { findAppointmentsByIds } from '../scheduling/appointment.repo.js';
import { storeDocument } from '../documents/document.service.js';
import { findDocumentsByIds } from '../documents/document.repo.js';
import { DocumentType } from '../documents/document.type.js';
import { type AnswerValue, checkAnswers, IntakeQuestionType } from './intake-question.js';
import type { IntakeQuestionJson } from '../../db/schema/intake.js';
import type { SendIntakeFormInput } from './intake.inputs.js';
import { toQuestion } from './intake.mapper.js';
import * as repo from './intake.repo.js';
import type { IntakeQuestion, SendIntakeFormPayload } from './intake.type.js';

/** Appointments a form can still be sent for. */
const OPEN_APPOINTMENT = new Set(['BOOKED', 'CONFIRMED', 'ARRIVED']);
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Sends a form for an appointment: a random 256-bit token (returned once; only its SHA-256 is stored) that
 * lets the appointment's patient answer the form's current version, until it expires or is used.
 * @throws NOT_FOUND (appointment, form), BAD_USER_INPUT (appointment not open, form inactive)
 */
export async function sendIntakeForm(db: Db, principal: Principal, audit: AuditTrail, input: SendIntakeFormInput, now = new Date()): Promise<SendIntakeFormPayload> {
  const p = principal.practiceId;
  const [appointment] = await findAppointmentsByIds(db, p, [input.appointmentId]);
  if (!appointment) throw notFound('Appointment', input.appointmentId);
  if (!OPEN_APPOINTMENT.has(appointment.status)) throw badInput([{ path: 'input.appointmentId', message: `appointment ${appointment.id} is ${appointment.status}` }]);
  const [found] = await repo.findForms(db, p, [input.formId]);
  if (!found) throw notFound('IntakeForm', input.formId);
  if (!found.form.active) throw badInput([{ path: 'input.formId', message: `form ${found.form.id} is inactive` }]);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + input.expiresInHours * 3600_000);
  const link = await db.transaction(async (tx) => {
    const row = await repo.insertLink(tx, { practiceId: p, appointmentId: appointment.id, patientId: appointment.patientId, formVersionId: found.current.id, tokenSha256: hashOf(token), expiresAt, sentBy: principal.userId });
    await audit.write(tx, 'CREATE', 'IntakeLink', row.id, row.patientId);
    return row;
  });
  return { linkId: link.id, token, path: `/intake/${token}`, expiresAt, formVersionId: found.current.id };
}

/** What the patient's link opens: the form, never anything about the patient. */
export interface OpenIntake {
  formName: string;
  revision: number;
  expiresAt: Date;
  questions: IntakeQuestion[];
}

/** The usable link a token names, and an audit trail acting as that link. @throws NOT_FOUND, FORBIDDEN (used, expired) */
async function usableLink(db: Db, token: string, requestId: string, operation: string, now: Date) {
  const found = TOKEN.test(token) ? await repo.findLinkByHash(db, hashOf(token)) : null;
  if (!found) throw new AppError('NOT_FOUND', 'This intake link is not valid');
  if (found.link.usedAt) throw new AppError('FORBIDDEN', 'This intake link was already used', { reason: 'USED' });
  if (found.link.expiresAt <= now) throw new AppError('FORBIDDEN', 'This intake link has expired', { reason: 'EXPIRED' });
  // The patient acts through the link: audited as the link, in the link's practice.
  const principal: Principal = { userId: linkActor(found.link.id), practiceId: found.link.practiceId, roles: [] };
  return { ...found, audit: new AuditTrail(principal, requestId, operation) };
}

/**
 * Opens a link for the patient (no staff login): the form version it was sent with. The read is audited.
 * @throws NOT_FOUND (unknown token), FORBIDDEN (used or expired)
 */
export async function openIntake(db: Db, token: string, requestId: string, now = new Date()): Promise<OpenIntake> {
  const { link, version, formName, audit } = await usableLink(db, token, requestId, 'open intake form', now);
  await audit.write(db, 'READ', 'IntakeLink', link.id, link.patientId);
  return { formName, revision: version.revision, expiresAt: link.expiresAt, questions: version.questions.map(toQuestion) };
}

/**
 * Stores the patient's answers, validated against the link's form version, and uses the link (once). On bad
 * input nothing is stored and the link stays usable.
 * @throws NOT_FOUND, FORBIDDEN (used or expired, also when a concurrent submission won), BAD_USER_INPUT
 *   (answers.<key> named, never the value)
 */
export async function submitIntake(db: Db, token: string, body: unknown, requestId: string, now = new Date()): Promise<{ submissionId: string; submittedAt: Date }> {
  const { link, version, audit } = await usableLink(db, token, requestId, 'submit intake form', now);
  const answersIn = typeof body === 'object' && body !== null ? (body as { answers?: unknown }).answers : undefined;
  const checked = checkAnswers(version.questions, answersIn);
  if ('problems' in checked) throw badInput(checked.problems);
  await checkCardPhotos(db, link, version.questions, checked.answers);
  const row = await db.transaction(async (tx) => {
    if (!(await repo.useLink(tx, link.id, now))) throw new AppError('FORBIDDEN', 'This intake link was already used', { reason: 'USED' });
    const s = await repo.insertSubmission(tx, link.practiceId, {
      linkId: link.id, appointmentId: link.appointmentId, patientId: link.patientId, formVersionId: version.id, answers: checked.answers,
      signatureName: checked.signatureName, signedAt: checked.signatureName ? now : null, submittedAt: now,
    });
    await audit.write(tx, 'CREATE', 'IntakeSubmission', s.id, s.patientId);
    return s;
  });
  return { submissionId: row.id, submittedAt: row.submittedAt };
}

/** The actor a patient's link acts as (audit and document uploadedBy). */
const linkActor = (linkId: string) => `intake-link:${linkId}`;

/**
 * A file the patient uploads through the link for a CARD_PHOTO question: stored as an INSURANCE_CARD
 * document of the link's patient through the documents service (content and size checked as for staff),
 * audited as the link. The link stays usable; the submission's answer then names the returned document id.
 * @throws NOT_FOUND, FORBIDDEN (used or expired), BAD_USER_INPUT (question not a CARD_PHOTO of this form;
 *   content type or size)
 */
export async function uploadIntakeFile(db: Db, token: string, questionKey: string | undefined, contentType: string | undefined, body: AsyncIterable<Uint8Array>, declaredLength: number | null, requestId: string, now = new Date()): Promise<{ documentId: string; mediaType: string; sizeBytes: number }> {
  const { link, version, audit } = await usableLink(db, token, requestId, 'upload intake file', now);
  const question = version.questions.find((q) => q.key === questionKey);
  if (!question || question.type !== IntakeQuestionType.CARD_PHOTO) throw badInput([{ path: 'question', message: 'must be the key of a CARD_PHOTO question of this form' }]);
  const doc = await storeDocument(db, audit, {
    practiceId: link.practiceId, patientId: link.patientId, type: DocumentType.INSURANCE_CARD, documentDate: now.toISOString().slice(0, 10),
    title: question.label.slice(0, 200), source: 'Patient intake link', author: null, contentType, uploadedBy: linkActor(link.id),
  }, body, declaredLength);
  return { documentId: doc.id, mediaType: doc.mediaType, sizeBytes: doc.sizeBytes };
}

/** Each CARD_PHOTO answer must name a current INSURANCE_CARD version this link uploaded. @throws BAD_USER_INPUT (answers.<key>) */
async function checkCardPhotos(db: Db, link: { id: string; practiceId: string; patientId: string }, questions: readonly IntakeQuestionJson[], answers: Record<string, AnswerValue>) {
  const keys = questions.filter((q) => q.type === IntakeQuestionType.CARD_PHOTO && typeof answers[q.key] === 'string').map((q) => q.key);
  if (keys.length === 0) return;
  const docs = new Map((await findDocumentsByIds(db, link.practiceId, keys.map((k) => answers[k] as string))).map((d) => [d.id, d]));
  const problems = keys.filter((k) => {
    const d = docs.get(answers[k] as string);
    return !d || d.uploadedBy !== linkActor(link.id) || d.patientId !== link.patientId || d.type !== DocumentType.INSURANCE_CARD || d.enteredInErrorAt || d.supersededById;
  }).map((k) => ({ path: `answers.${k}`, message: 'must be a file uploaded through this link' }));
  if (problems.length) throw badInput(problems);
}
