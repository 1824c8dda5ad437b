import type { Db } from '../../db/client.js';
import type { IntakeQuestionJson } from '../../db/schema/intake.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, type FieldProblem } from '../../graphql/errors.js';
import { addDays } from '../../lib/local-time.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { lockCoveragesOfPatient } from '../insurance/coverage.repo.js';
import { addCoverage, endCoverage, updateCoverage } from '../insurance/coverage.service.js';
import { CoverageOrder, SubscriberRelationship } from '../insurance/coverage.type.js';
import { findActivePayersNamed } from '../insurance/payer.repo.js';
import type { SexAtBirth } from '../patients/patient.type.js';
import { IntakePatientField as F, isCoverageField, SUBSCRIBER_FIELDS } from './intake-question.js';

type Answers = Record<string, unknown>;

/** The answered COVERAGE_ fields of a submission: value and the question key (for error paths). */
function coverageAnswers(questions: readonly IntakeQuestionJson[], answers: Answers): Map<F, { value: string; key: string }> {
  const out = new Map<F, { value: string; key: string }>();
  for (const q of questions) {
    const v = answers[q.key];
    if (q.patientField && isCoverageField(q.patientField) && typeof v === 'string' && v.trim()) out.set(q.patientField as F, { value: v.trim(), key: q.key });
  }
  return out;
}

/**
 * Applies the INSURANCE answers mapped to COVERAGE_ fields to the patient's primary coverage, through the
 * coverage service (its rules, history and audit) on the caller's transaction: a new primary coverage when
 * the patient has none in force on its start date; the same payer's one updated at `expectedVersion`; another
 * payer's one ended the day before the new one starts. Problems name the answer (`answers.<key>`), never its value.
 * @returns the fields applied (empty when the patient answered no payer and member id)
 * @throws BAD_USER_INPUT (no such payer, a half-answered coverage or subscriber, expectedCoverageVersion
 *   missing, a start not after the current coverage's), VERSION_CONFLICT, and the coverage service's errors
 */
export async function applyCoverageAnswers(tx: Db, principal: Principal, audit: AuditTrail, sub: { patientId: string; answers: Answers }, questions: readonly IntakeQuestionJson[], expectedVersion: number | null | undefined, today: string): Promise<F[]> {
  const got = coverageAnswers(questions, sub.answers);
  if (got.size === 0) return [];
  const payerAnswer = got.get(F.COVERAGE_PAYER);
  const member = got.get(F.COVERAGE_MEMBER_ID);
  const keyOf = (f: F) => questions.find((q) => q.patientField === f)?.key ?? f.toLowerCase();
  if (!payerAnswer || !member) {
    const missing = payerAnswer ? F.COVERAGE_MEMBER_ID : F.COVERAGE_PAYER;
    throw badInput([{ path: `answers.${keyOf(missing)}`, message: 'was not answered: the coverage answers cannot be applied without a payer and member id' }]);
  }
  const problems: FieldProblem[] = [];
  const payers = await findActivePayersNamed(tx, principal.practiceId, payerAnswer.value);
  if (payers.length !== 1) problems.push({ path: `answers.${payerAnswer.key}`, message: payers.length ? 'names more than one active payer' : 'names no active payer of the practice (EDI payer id or name)' });
  const relationship = (got.get(F.COVERAGE_SUBSCRIBER_RELATIONSHIP)?.value ?? SubscriberRelationship.SELF) as SubscriberRelationship;
  const subscriberGiven = SUBSCRIBER_FIELDS.filter((f) => got.has(f));
  if (relationship !== SubscriberRelationship.SELF && subscriberGiven.length !== SUBSCRIBER_FIELDS.length) problems.push({ path: `answers.${keyOf(F.COVERAGE_SUBSCRIBER_RELATIONSHIP)}`, message: "is not SELF: the subscriber's names, birth date and sex must be answered" });
  if (problems.length) throw badInput(problems);

  const payerId = payers[0]!.id;
  const subscriber = relationship === SubscriberRelationship.SELF ? null : {
    name: { given: got.get(F.COVERAGE_SUBSCRIBER_GIVEN_NAME)!.value, family: got.get(F.COVERAGE_SUBSCRIBER_FAMILY_NAME)!.value },
    dateOfBirth: got.get(F.COVERAGE_SUBSCRIBER_DATE_OF_BIRTH)!.value,
    sex: got.get(F.COVERAGE_SUBSCRIBER_SEX)!.value as SexAtBirth,
  };
  const effectiveDate = got.get(F.COVERAGE_EFFECTIVE_DATE)?.value ?? today;
  const card = { memberId: member.value, groupNumber: got.get(F.COVERAGE_GROUP_NUMBER)?.value, planName: got.get(F.COVERAGE_PLAN_NAME)?.value, subscriberRelationship: relationship, subscriber };

  const current = (await lockCoveragesOfPatient(tx, principal.practiceId, sub.patientId)).find((c) => c.status === 'ACTIVE' && c.coverageOrder === CoverageOrder.PRIMARY && (c.endDate === null || c.endDate >= effectiveDate));
  if (current && expectedVersion == null) throw badInput([{ path: 'input.expectedCoverageVersion', message: `is required: the patient has the primary coverage ${current.id} in force` }]);
  if (current && current.payerId === payerId) {
    await updateCoverage(tx, principal, audit, { id: current.id, expectedVersion: expectedVersion!, ...card, subscriber: subscriber ?? undefined }, today);
  } else {
    if (current) {
      if (effectiveDate <= current.effectiveDate) throw badInput([{ path: `answers.${keyOf(F.COVERAGE_EFFECTIVE_DATE)}`, message: `must be after the start of the current primary coverage ${current.id} of another payer` }]);
      await endCoverage(tx, principal, audit, { id: current.id, expectedVersion: expectedVersion!, endDate: addDays(effectiveDate, -1) });
    }
    await addCoverage(tx, principal, audit, { patientId: sub.patientId, payerId, ...card, order: CoverageOrder.PRIMARY, effectiveDate, endDate: null }, today);
  }
  return [...got.keys()];
}
