import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { findAppointmentsByIds } from '../scheduling/appointment.repo.js';
import { checkAnswers } from './intake-question.js';
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
  const principal: Principal = { userId: `intake-link:${found.link.id}`, practiceId: found.link.practiceId, roles: [] };
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
