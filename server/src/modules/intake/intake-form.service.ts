import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { checkQuestions } from './intake-question.js';
import type { CreateIntakeFormInput, ReviseIntakeFormInput } from './intake.inputs.js';
import { toForm } from './intake.mapper.js';
import * as repo from './intake.repo.js';
import type { IntakeForm } from './intake.type.js';

function questionsOf(input: { questions: CreateIntakeFormInput['questions'] }) {
  const checked = checkQuestions(input.questions);
  if ('problems' in checked) throw badInput(checked.problems);
  return checked.questions;
}

/**
 * Defines a form (version 1).
 * @throws BAD_USER_INPUT (questions; a name the practice already uses)
 */
export async function createIntakeForm(db: Db, principal: Principal, audit: AuditTrail, input: CreateIntakeFormInput): Promise<IntakeForm> {
  const questions = questionsOf(input);
  const made = await db.transaction(async (tx) => {
    const r = await repo.insertForm(tx, principal.practiceId, input.name.trim(), questions, principal.userId);
    if (r) await audit.write(tx, 'CREATE', 'IntakeForm', r.form.id);
    return r;
  });
  if (!made) throw badInput([{ path: 'input.name', message: 'is already used by another form' }]);
  return toForm(made.form, made.current);
}

/**
 * Adds a new version of a form; links already sent and answers already submitted keep their version.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT
 */
export async function reviseIntakeForm(db: Db, principal: Principal, audit: AuditTrail, input: ReviseIntakeFormInput): Promise<IntakeForm> {
  const questions = questionsOf(input);
  const made = await db.transaction(async (tx) => {
    const form = await repo.lockForm(tx, principal.practiceId, input.formId);
    if (!form) throw notFound('IntakeForm', input.formId);
    if (form.version !== input.expectedVersion) throw versionConflict('IntakeForm', form.id, input.expectedVersion, form.version);
    const r = await repo.insertVersion(tx, principal.practiceId, form, questions, principal.userId);
    await audit.write(tx, 'UPDATE', 'IntakeForm', form.id);
    return r;
  });
  return toForm(made.form, made.current);
}

/** The practice's forms with their current versions, by name (one statement; forms hold no PHI). */
export async function listIntakeForms(db: Db, principal: Principal): Promise<IntakeForm[]> {
  return (await repo.findForms(db, principal.practiceId, null)).map((r) => toForm(r.form, r.current));
}
