import { describe, expect, it } from 'vitest';
import { checkAnswers, checkQuestions, IntakePatientField as F, IntakeQuestionType as T, IntakeSection as S } from './intake-question.js';

const form = [
  { key: 'email', section: S.DEMOGRAPHICS, label: 'Email', type: T.TEXT, required: false, patientField: F.EMAIL },
  { key: 'smoker', section: S.FAMILY_SOCIAL_HISTORY, label: 'Do you smoke?', type: T.YES_NO, required: true },
  { key: 'onset', section: S.MEDICAL_HISTORY, label: 'Since when?', type: T.DATE, required: false },
  { key: 'doses', section: S.MEDICATIONS, label: 'Doses a day', type: T.NUMBER, required: false },
  { key: 'severity', section: S.ALLERGIES, label: 'Worst reaction', type: T.CHOICE, required: true, choices: ['Mild', 'Severe'] },
  { key: 'signature', section: S.CONSENT, label: 'Type your full name', type: T.SIGNATURE, required: true },
];

describe('intake questions', () => {
  it('accepts a well-formed form and refuses each malformed question by path', () => {
    expect('questions' in checkQuestions(form)).toBe(true);
    const bad = checkQuestions([
      { key: 'Email', section: S.DEMOGRAPHICS, label: 'x', type: T.TEXT, required: false },
      { key: 'a', section: S.ALLERGIES, label: ' ', type: T.CHOICE, required: false, choices: ['only'] },
      { key: 'a', section: S.MEDICATIONS, label: 'x', type: T.TEXT, required: false, choices: ['x', 'y'] },
      { key: 'b', section: S.MEDICATIONS, label: 'x', type: T.SIGNATURE, required: false },
      { key: 'c', section: S.MEDICATIONS, label: 'x', type: T.TEXT, required: false, patientField: F.EMAIL },
      { key: 'd', section: S.DEMOGRAPHICS, label: 'x', type: T.TEXT, required: false, patientField: F.ADDRESS_CITY },
    ]);
    expect('problems' in bad && bad.problems.map((p) => p.path)).toEqual(['input.questions.0.key', 'input.questions.1.label', 'input.questions.1.choices', 'input.questions.2.key', 'input.questions.2.choices', 'input.questions.3.type', 'input.questions.4.patientField', 'input.questions']);
  });

  it('checks answers by type and names the question, never the value', () => {
    const q = (checkQuestions(form) as { questions: never[] }).questions;
    const ok = checkAnswers(q, { email: ' pat@example.test ', smoker: false, onset: '2020-02-29', doses: 2, severity: 'Mild', signature: 'Pat Example' });
    expect(ok).toEqual({ answers: { email: 'pat@example.test', smoker: false, onset: '2020-02-29', doses: 2, severity: 'Mild', signature: 'Pat Example' }, signatureName: 'Pat Example' });
    const bad = checkAnswers(q, { email: 'not-an-email', smoker: 'yes', onset: '2021-02-29', doses: 'two', severity: 'Deadly', extra: 1 });
    expect('problems' in bad && bad.problems).toEqual([
      { path: 'answers.extra', message: 'is not a question of this form' },
      { path: 'answers.email', message: 'must be an email address' },
      { path: 'answers.smoker', message: 'must be true or false' },
      { path: 'answers.onset', message: 'must be a date written YYYY-MM-DD' },
      { path: 'answers.doses', message: 'must be a number' },
      { path: 'answers.severity', message: 'must be one of the choices' },
      { path: 'answers.signature', message: 'is required' },
    ]);
    expect(checkAnswers(q, [])).toEqual({ problems: [{ path: 'answers', message: 'must be an object of question key → answer' }] });
  });
});
