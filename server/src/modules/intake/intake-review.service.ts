import type { Db } from '../../db/client.js';
import { allows, type Principal } from '../../graphql/auth.js';
import { badInput, forbidden, notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import { guarded } from '../insurance/coverage.rules.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { UpdatePatientInput } from '../patients/patient.inputs.js';
import { findPatientsByIds } from '../patients/patient.repo.js';
import { updatePatient } from '../patients/patient.service.js';
import { PhoneKind } from '../patients/patient.type.js';
import { findAppointmentsByIds } from '../scheduling/appointment.repo.js';
import { applyCoverageAnswers } from './intake-coverage.js';
import { IntakePatientField as F } from './intake-question.js';
import type { ReviewIntakeInput } from './intake.inputs.js';
import { INTAKE_COVERAGE_APPLIERS } from './intake.roles.js';
import { toSubmission } from './intake.mapper.js';
import * as repo from './intake.repo.js';
import { type AppointmentIntake, type IntakeSubmission, IntakeStatus } from './intake.type.js';

/** Records the read and maps a submission with the form version it answered. */
async function present(db: Db, practiceId: string, audit: AuditTrail, rows: repo.IntakeSubmissionRow[]): Promise<IntakeSubmission[]> {
  const versions = new Map((await repo.findVersionsByIds(db, practiceId, [...new Set(rows.map((r) => r.formVersionId))])).map((v) => [v.id, v]));
  return rows.map((r) => {
    audit.read('IntakeSubmission', r.id, r.patientId);
    return toSubmission(r, versions.get(r.formVersionId)!);
  });
}

/** One submission (audited). @throws NOT_FOUND (also another practice's) */
export async function findIntakeSubmission(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<IntakeSubmission> {
  const rows = await repo.findSubmissionsByIds(db, principal.practiceId, [id]);
  if (rows.length === 0) throw notFound('IntakeSubmission', id);
  return (await present(db, principal.practiceId, audit, rows))[0]!;
}

/** An appointment's submissions, newest first (two statements; audited). @throws NOT_FOUND (appointment) */
export async function listIntakeSubmissions(db: Db, principal: Principal, audit: AuditTrail, appointmentId: string): Promise<IntakeSubmission[]> {
  if (!isUuid(appointmentId) || (await findAppointmentsByIds(db, principal.practiceId, [appointmentId])).length === 0) throw notFound('Appointment', appointmentId);
  return present(db, principal.practiceId, audit, await repo.findSubmissionsOf(db, principal.practiceId, { appointmentId }));
}

/** The patient update the mapped DEMOGRAPHICS answers ask for, or null when they ask for none. */
function demographicsPatch(sub: repo.IntakeSubmissionRow, version: repo.IntakeFormVersionRow, patient: { phones: { kind: string; number: string; primary: boolean }[] }): { input: Partial<UpdatePatientInput>; fields: F[] } | null {
  const by = new Map<string, string>();
  for (const q of version.questions) if (q.patientField && typeof sub.answers[q.key] === 'string') by.set(q.patientField, sub.answers[q.key] as string);
  const input: Partial<UpdatePatientInput> = {};
  const fields: F[] = [];
  if (by.has(F.PREFERRED_NAME)) {
    input.preferredName = by.get(F.PREFERRED_NAME)!;
    fields.push(F.PREFERRED_NAME);
  }
  if (by.has(F.EMAIL)) {
    input.email = by.get(F.EMAIL)!;
    fields.push(F.EMAIL);
  }
  if (by.has(F.MOBILE_PHONE)) {
    const number = by.get(F.MOBILE_PHONE)!;
    const others = patient.phones.filter((p) => p.kind !== PhoneKind.MOBILE).map((p) => ({ kind: p.kind as PhoneKind, number: p.number, primary: false }));
    input.phones = [{ kind: PhoneKind.MOBILE, number, primary: true }, ...others].slice(0, 5);
    fields.push(F.MOBILE_PHONE);
  }
  if (by.has(F.ADDRESS_LINE1) && by.has(F.ADDRESS_CITY) && by.has(F.ADDRESS_STATE) && by.has(F.ADDRESS_POSTAL_CODE)) {
    input.address = { line1: by.get(F.ADDRESS_LINE1)!, line2: null, city: by.get(F.ADDRESS_CITY)!, state: by.get(F.ADDRESS_STATE)!, postalCode: by.get(F.ADDRESS_POSTAL_CODE)!, country: 'US' };
    fields.push(F.ADDRESS_LINE1, F.ADDRESS_CITY, F.ADDRESS_STATE, F.ADDRESS_POSTAL_CODE);
  }
  return fields.length ? { input, fields } : null;
}

/**
 * Reviews a submission (once): optionally applies its mapped DEMOGRAPHICS answers to the patient through
 * the patient service (versioned at expectedPatientVersion, audited) and its mapped INSURANCE answers to the
 * primary coverage through the coverage service, in the same transaction as the review: a refusal of either
 * applies nothing. The answers themselves never change.
 * @throws NOT_FOUND, BAD_USER_INPUT (already reviewed; expectedPatientVersion missing; coverage answers that
 *   cannot apply), VERSION_CONFLICT (patient, coverage)
 */
export async function reviewIntake(db: Db, principal: Principal, audit: AuditTrail, input: ReviewIntakeInput, today: string): Promise<IntakeSubmission> {
  const p = principal.practiceId;
  // A clinician reviews answers but does not write coverages; the review may not do it for them.
  if (input.applyCoverage && !allows(principal, INTAKE_COVERAGE_APPLIERS)) throw forbidden('applyCoverage needs a role that writes coverages (FRONT_DESK, PRACTICE_ADMIN)');
  if (input.applyDemographics && input.expectedPatientVersion == null) throw badInput([{ path: 'input.expectedPatientVersion', message: 'is required to apply demographics' }]);
  const row = await guarded(() => db.transaction(async (tx) => {
    const sub = await repo.lockSubmission(tx, p, input.submissionId);
    if (!sub) throw notFound('IntakeSubmission', input.submissionId);
    if (sub.reviewedAt) throw badInput([{ path: 'input.submissionId', message: `submission ${sub.id} was already reviewed` }]);
    let applied: F[] | null = null;
    const [version] = input.applyDemographics || input.applyCoverage ? await repo.findVersionsByIds(tx, p, [sub.formVersionId]) : [];
    if (input.applyDemographics) {
      const [patient] = await findPatientsByIds(tx, p, [sub.patientId]);
      const change = demographicsPatch(sub, version!, patient!);
      if (change) {
        await updatePatient(tx, principal, audit, { ...change.input, id: sub.patientId, expectedVersion: input.expectedPatientVersion! } as UpdatePatientInput, today);
        applied = change.fields;
      } else applied = [];
    }
    if (input.applyCoverage) applied = [...(applied ?? []), ...(await applyCoverageAnswers(tx, principal, audit, sub, version!.questions, input.expectedCoverageVersion, today))];
    const r = await repo.reviewSubmission(tx, p, sub.id, principal.userId, input.note?.trim() || null, applied);
    await audit.write(tx, 'UPDATE', 'IntakeSubmission', sub.id, sub.patientId);
    return r;
  }));
  return (await present(db, p, audit, [row]))[0]!;
}

/** Each appointment's intake status from its newest link (or submitted one). */
export function intakeStatusOf(entry: { link: repo.IntakeLinkRow; formId: string; submissionId: string | null; reviewedAt: Date | null } | undefined, now = new Date()): AppointmentIntake {
  if (!entry) return { status: IntakeStatus.NOT_SENT, formId: null, sentAt: null, expiresAt: null, submissionId: null };
  const { link } = entry;
  const status = entry.reviewedAt ? IntakeStatus.REVIEWED : entry.submissionId ? IntakeStatus.SUBMITTED : link.expiresAt <= now ? IntakeStatus.EXPIRED : IntakeStatus.SENT;
  return { status, formId: entry.formId, sentAt: link.createdAt, expiresAt: link.expiresAt, submissionId: entry.submissionId };
}
