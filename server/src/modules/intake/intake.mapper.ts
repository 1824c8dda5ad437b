import type { IntakeQuestionJson } from '../../db/schema/intake.js';
import type { IntakePatientField, IntakeQuestionType, IntakeSection } from './intake-question.js';
import type { IntakeFormRow, IntakeFormVersionRow, IntakeSubmissionRow } from './intake.repo.js';
import type { IntakeForm, IntakeFormVersion, IntakeQuestion, IntakeSubmission } from './intake.type.js';

export const toQuestion = (q: IntakeQuestionJson): IntakeQuestion => ({ key: q.key, section: q.section as IntakeSection, label: q.label, type: q.type as IntakeQuestionType, required: q.required, choices: q.choices, patientField: q.patientField as IntakePatientField | null });

export const toFormVersion = (v: IntakeFormVersionRow): IntakeFormVersion => ({ id: v.id, formId: v.formId, revision: v.revision, questions: v.questions.map(toQuestion), createdAt: v.createdAt });

export const toForm = (f: IntakeFormRow, current: IntakeFormVersionRow): IntakeForm => ({ id: f.id, name: f.name, active: f.active, current: toFormVersion(current), version: f.version });

/** A submission with its answers in the order and wording of the form version it answered. */
export function toSubmission(s: IntakeSubmissionRow, version: IntakeFormVersionRow): IntakeSubmission {
  return {
    id: s.id,
    appointmentId: s.appointmentId,
    patientId: s.patientId,
    formVersionId: s.formVersionId,
    answers: version.questions.filter((q) => q.key in s.answers).map((q) => ({ key: q.key, label: q.label, section: q.section as IntakeSection, type: q.type as IntakeQuestionType, value: String(s.answers[q.key]) })),
    signatureName: s.signatureName,
    signedAt: s.signedAt,
    submittedAt: s.submittedAt,
    reviewedBy: s.reviewedBy,
    reviewedAt: s.reviewedAt,
    reviewNote: s.reviewNote,
    appliedFields: (s.appliedFields as IntakePatientField[] | null) ?? null,
    version: s.version,
  };
}
