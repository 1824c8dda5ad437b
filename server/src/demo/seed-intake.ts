import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { intakeForms } from '../db/schema/intake.js';
import { appointments } from '../db/schema/scheduling.js';
import type { Principal } from '../graphql/auth.js';
import { Role } from '../graphql/roles.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { createIntakeForm } from '../modules/intake/intake-form.service.js';
import { sendIntakeForm, submitIntake, uploadIntakeFile } from '../modules/intake/intake-link.service.js';
import { IntakePatientField as F, IntakeQuestionType as T, IntakeSection as S } from '../modules/intake/intake-question.js';
import { reviewIntake } from '../modules/intake/intake-review.service.js';
import { todayIn } from '../lib/dates.js';
import { demoCardPhoto } from './card-photo.js';

/** The demo's new-patient form: every standard section, every question type. */
export const DEMO_INTAKE_QUESTIONS = [
  { key: 'preferred_name', section: S.DEMOGRAPHICS, label: 'Name you like to be called', type: T.TEXT, required: false, patientField: F.PREFERRED_NAME },
  { key: 'email', section: S.DEMOGRAPHICS, label: 'Email address', type: T.TEXT, required: false, patientField: F.EMAIL },
  { key: 'mobile', section: S.DEMOGRAPHICS, label: 'Mobile phone (+1…)', type: T.TEXT, required: false, patientField: F.MOBILE_PHONE },
  { key: 'insurer', section: S.INSURANCE, label: 'Insurance company', type: T.TEXT, required: false, patientField: F.COVERAGE_PAYER },
  { key: 'member_id', section: S.INSURANCE, label: 'Member id on your card', type: T.TEXT, required: false, patientField: F.COVERAGE_MEMBER_ID },
  { key: 'card_front', section: S.INSURANCE, label: 'Photo of the front of your insurance card', type: T.CARD_PHOTO, required: false },
  { key: 'conditions', section: S.MEDICAL_HISTORY, label: 'Ongoing conditions', type: T.TEXT, required: false },
  { key: 'surgery', section: S.MEDICAL_HISTORY, label: 'Any surgery in the last 5 years?', type: T.YES_NO, required: true },
  { key: 'last_visit', section: S.MEDICAL_HISTORY, label: 'Date of your last check-up', type: T.DATE, required: false },
  { key: 'medications', section: S.MEDICATIONS, label: 'Medications and doses', type: T.TEXT, required: false },
  { key: 'allergies', section: S.ALLERGIES, label: 'Drug allergies', type: T.CHOICE, required: true, choices: ['None known', 'Penicillin', 'Sulfa', 'Other'] },
  { key: 'family_heart', section: S.FAMILY_SOCIAL_HISTORY, label: 'Heart disease in parents or siblings?', type: T.YES_NO, required: false },
  { key: 'exercise_days', section: S.FAMILY_SOCIAL_HISTORY, label: 'Days a week you exercise', type: T.NUMBER, required: false },
  { key: 'consent_signature', section: S.CONSENT, label: 'I consent to treatment — type your full name', type: T.SIGNATURE, required: true },
];

const answers = (i: number) => ({ preferred_name: `Demo ${i}`, surgery: i % 2 === 0, last_visit: '2025-03-14', medications: 'None', allergies: i % 2 ? 'Penicillin' : 'None known', exercise_days: 3, consent_signature: `Demo Patient ${i}` });

/**
 * The demo's intake: a new-patient form, sent through the real services for the next open appointments —
 * one reviewed, one submitted awaiting review (with an insurance card photo drawn in code and insurance answers
 * mapped to the coverage), one sent and open, one expired unused. A second run adds
 * nothing (the form's name is taken).
 * @returns how many links this call sent
 */
export async function seedDemoIntake(db: Db, practiceId: string, now: Date): Promise<number> {
  const [existing] = await db.select({ id: intakeForms.id }).from(intakeForms).where(and(eq(intakeForms.practiceId, practiceId), eq(intakeForms.name, 'New patient intake')));
  if (existing) return 0;
  const next = await db.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.practiceId, practiceId), inArray(appointments.status, ['BOOKED', 'CONFIRMED']), gte(appointments.startsAt, now))).orderBy(asc(appointments.startsAt), asc(appointments.id)).limit(4);
  if (next.length < 4) return 0;
  const admin: Principal = { userId: 'demo-practice_admin', practiceId, roles: [Role.PRACTICE_ADMIN] };
  const desk: Principal = { userId: 'demo-front_desk', practiceId, roles: [Role.FRONT_DESK] };
  const audit = new AuditTrail(admin, 'demo-seed', 'seedDemoIntake');
  const deskAudit = new AuditTrail(desk, 'demo-seed', 'seedDemoIntake');
  const form = await createIntakeForm(db, admin, audit, { name: 'New patient intake', questions: DEMO_INTAKE_QUESTIONS });
  const send = (appointmentId: string, at = now, hours = 72) => sendIntakeForm(db, desk, deskAudit, { appointmentId, formId: form.id, expiresInHours: hours }, at);
  const [reviewed, submitted, open, expired] = next.map((a) => a.id) as [string, string, string, string];
  const first = await send(reviewed);
  const done = await submitIntake(db, first.token, { answers: answers(1) }, 'demo-seed', now);
  await reviewIntake(db, desk, deskAudit, { submissionId: done.submissionId, applyDemographics: false, applyCoverage: false, note: 'Reviewed at the desk' }, todayIn('UTC', now));
  // The one awaiting review carries a card photo uploaded through its link, and insurance answers a reviewer can apply.
  const second = await send(submitted);
  const photo = demoCardPhoto();
  const card = await uploadIntakeFile(db, second.token, 'card_front', 'image/png', (async function* () { yield photo; })(), photo.length, 'demo-seed', now);
  await submitIntake(db, second.token, { answers: { ...answers(2), insurer: 'KMH01', member_id: 'KMH-DEMO-2', card_front: card.documentId } }, 'demo-seed', now);
  await send(open);
  await send(expired, new Date(now.getTime() - 2 * 3600_000), 1);
  return 4;
}
