import { registerEnumType } from 'type-graphql';
import type { FieldProblem } from '../../graphql/errors.js';
import type { IntakeQuestionJson } from '../../db/schema/intake.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import { MEMBER_ID } from '../insurance/coverage.inputs.js';

export enum IntakeQuestionType {
  TEXT = 'TEXT',
  CHOICE = 'CHOICE',
  DATE = 'DATE',
  YES_NO = 'YES_NO',
  NUMBER = 'NUMBER',
  SIGNATURE = 'SIGNATURE',
  CARD_PHOTO = 'CARD_PHOTO',
}
registerEnumType(IntakeQuestionType, { name: 'IntakeQuestionType', description: 'TEXT (up to 2,000 characters), CHOICE (one of the choices), DATE (YYYY-MM-DD), YES_NO (boolean), NUMBER, SIGNATURE (a consent signed by typing the full name; the time is the submission time), CARD_PHOTO (INSURANCE section: a photo of the insurance card uploaded through the link with POST /intake/<token>/files?question=<key>; the answer is the id of the INSURANCE_CARD document version it made).' });

export enum IntakeSection {
  DEMOGRAPHICS = 'DEMOGRAPHICS',
  INSURANCE = 'INSURANCE',
  MEDICAL_HISTORY = 'MEDICAL_HISTORY',
  MEDICATIONS = 'MEDICATIONS',
  ALLERGIES = 'ALLERGIES',
  FAMILY_SOCIAL_HISTORY = 'FAMILY_SOCIAL_HISTORY',
  CONSENT = 'CONSENT',
}
registerEnumType(IntakeSection, { name: 'IntakeSection', description: 'The standard sections of an intake form.' });

/** Patient fields a reviewed answer may update: demographics, and the patient's primary coverage. */
export enum IntakePatientField {
  PREFERRED_NAME = 'PREFERRED_NAME',
  EMAIL = 'EMAIL',
  MOBILE_PHONE = 'MOBILE_PHONE',
  ADDRESS_LINE1 = 'ADDRESS_LINE1',
  ADDRESS_CITY = 'ADDRESS_CITY',
  ADDRESS_STATE = 'ADDRESS_STATE',
  ADDRESS_POSTAL_CODE = 'ADDRESS_POSTAL_CODE',
  COVERAGE_PAYER = 'COVERAGE_PAYER',
  COVERAGE_MEMBER_ID = 'COVERAGE_MEMBER_ID',
  COVERAGE_GROUP_NUMBER = 'COVERAGE_GROUP_NUMBER',
  COVERAGE_PLAN_NAME = 'COVERAGE_PLAN_NAME',
  COVERAGE_EFFECTIVE_DATE = 'COVERAGE_EFFECTIVE_DATE',
  COVERAGE_SUBSCRIBER_RELATIONSHIP = 'COVERAGE_SUBSCRIBER_RELATIONSHIP',
  COVERAGE_SUBSCRIBER_GIVEN_NAME = 'COVERAGE_SUBSCRIBER_GIVEN_NAME',
  COVERAGE_SUBSCRIBER_FAMILY_NAME = 'COVERAGE_SUBSCRIBER_FAMILY_NAME',
  COVERAGE_SUBSCRIBER_DATE_OF_BIRTH = 'COVERAGE_SUBSCRIBER_DATE_OF_BIRTH',
  COVERAGE_SUBSCRIBER_SEX = 'COVERAGE_SUBSCRIBER_SEX',
}
registerEnumType(IntakePatientField, {
  name: 'IntakePatientField',
  description:
    "A patient field a reviewed answer can update. Demographics (TEXT questions of the DEMOGRAPHICS section; the four ADDRESS_ fields update the address together) and the primary coverage (questions of the INSURANCE section): COVERAGE_PAYER (TEXT or CHOICE: the payer's EDI payer id or its name in the practice's directory), COVERAGE_MEMBER_ID, COVERAGE_GROUP_NUMBER, COVERAGE_PLAN_NAME and the subscriber's names (TEXT), COVERAGE_EFFECTIVE_DATE and COVERAGE_SUBSCRIBER_DATE_OF_BIRTH (DATE), COVERAGE_SUBSCRIBER_RELATIONSHIP (CHOICE of SELF, SPOUSE, CHILD, OTHER) and COVERAGE_SUBSCRIBER_SEX (CHOICE of the SexAtBirth values). A form mapping any COVERAGE_ field maps COVERAGE_PAYER and COVERAGE_MEMBER_ID; the four COVERAGE_SUBSCRIBER_ name, birth date and sex fields go together, with COVERAGE_SUBSCRIBER_RELATIONSHIP.",
});

/** Where a mapped question may sit: its section, the types it may have, and for CHOICE the values its choices come from. */
interface FieldRule {
  section: IntakeSection;
  types: IntakeQuestionType[];
  choicesFrom?: readonly string[];
}
const T = IntakeQuestionType;
const demographic: FieldRule = { section: IntakeSection.DEMOGRAPHICS, types: [T.TEXT] };
const coverage = (types: IntakeQuestionType[], choicesFrom?: readonly string[]): FieldRule => ({ section: IntakeSection.INSURANCE, types, choicesFrom });
export const RELATIONSHIPS = ['SELF', 'SPOUSE', 'CHILD', 'OTHER'] as const;
export const SEXES = ['FEMALE', 'MALE', 'UNKNOWN'] as const;
const F = IntakePatientField;
const RULES: Record<IntakePatientField, FieldRule> = {
  PREFERRED_NAME: demographic,
  EMAIL: demographic,
  MOBILE_PHONE: demographic,
  ADDRESS_LINE1: demographic,
  ADDRESS_CITY: demographic,
  ADDRESS_STATE: demographic,
  ADDRESS_POSTAL_CODE: demographic,
  COVERAGE_PAYER: coverage([T.TEXT, T.CHOICE]),
  COVERAGE_MEMBER_ID: coverage([T.TEXT]),
  COVERAGE_GROUP_NUMBER: coverage([T.TEXT]),
  COVERAGE_PLAN_NAME: coverage([T.TEXT]),
  COVERAGE_EFFECTIVE_DATE: coverage([T.DATE]),
  COVERAGE_SUBSCRIBER_RELATIONSHIP: coverage([T.CHOICE], RELATIONSHIPS),
  COVERAGE_SUBSCRIBER_GIVEN_NAME: coverage([T.TEXT]),
  COVERAGE_SUBSCRIBER_FAMILY_NAME: coverage([T.TEXT]),
  COVERAGE_SUBSCRIBER_DATE_OF_BIRTH: coverage([T.DATE]),
  COVERAGE_SUBSCRIBER_SEX: coverage([T.CHOICE], SEXES),
};

/** The format a TEXT answer mapped to a field must have: pattern, message, maximum length. */
const FORMATS: Partial<Record<IntakePatientField, [RegExp, string, number]>> = {
  PREFERRED_NAME: [/^.{1,100}$/s, 'must be at most 100 characters', 100],
  EMAIL: [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address', 254],
  MOBILE_PHONE: [/^\+1[2-9]\d{2}[2-9]\d{6}$/, 'must be a US phone number in E.164 form (+1NXXNXXXXXX)', 12],
  ADDRESS_LINE1: [/^.{1,200}$/s, 'must be at most 200 characters', 200],
  ADDRESS_CITY: [/^.{1,100}$/s, 'must be at most 100 characters', 100],
  ADDRESS_STATE: [/^[A-Z]{2}$/, 'must be a two-letter state code', 2],
  ADDRESS_POSTAL_CODE: [/^\d{5}(-\d{4})?$/, 'must be a ZIP or ZIP+4 code', 10],
  COVERAGE_PAYER: [/^.{1,100}$/s, 'must be at most 100 characters', 100],
  COVERAGE_MEMBER_ID: [MEMBER_ID, 'must be 2–30 letters, digits or inner hyphens', 30],
  COVERAGE_GROUP_NUMBER: [/^[A-Za-z0-9-]{1,30}$/, 'must be 1–30 letters, digits or hyphens', 30],
  COVERAGE_PLAN_NAME: [/^.{1,100}$/s, 'must be at most 100 characters', 100],
  COVERAGE_SUBSCRIBER_GIVEN_NAME: [/^.{1,100}$/s, 'must be at most 100 characters', 100],
  COVERAGE_SUBSCRIBER_FAMILY_NAME: [/^.{1,100}$/s, 'must be at most 100 characters', 100],
};
export const ADDRESS_FIELDS = [F.ADDRESS_LINE1, F.ADDRESS_CITY, F.ADDRESS_STATE, F.ADDRESS_POSTAL_CODE] as const;
export const SUBSCRIBER_FIELDS = [F.COVERAGE_SUBSCRIBER_GIVEN_NAME, F.COVERAGE_SUBSCRIBER_FAMILY_NAME, F.COVERAGE_SUBSCRIBER_DATE_OF_BIRTH, F.COVERAGE_SUBSCRIBER_SEX] as const;
export const isCoverageField = (f: string): boolean => f.startsWith('COVERAGE_');

/** Form-level rules of the mapped fields: address and subscriber groups whole, coverage with payer and member id. */
function mappingProblems(fields: ReadonlySet<string>, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const address = ADDRESS_FIELDS.filter((f) => fields.has(f)).length;
  if (address !== 0 && address !== ADDRESS_FIELDS.length) problems.push({ path, message: 'maps some ADDRESS_ fields: map all four or none' });
  if ([...fields].some(isCoverageField) && !(fields.has(F.COVERAGE_PAYER) && fields.has(F.COVERAGE_MEMBER_ID))) problems.push({ path, message: 'maps COVERAGE_ fields: map COVERAGE_PAYER and COVERAGE_MEMBER_ID too' });
  const subscriber = SUBSCRIBER_FIELDS.filter((f) => fields.has(f)).length;
  if (subscriber !== 0 && subscriber !== SUBSCRIBER_FIELDS.length) problems.push({ path, message: 'maps some COVERAGE_SUBSCRIBER_ fields: map the name, birth date and sex together or none' });
  if (subscriber !== 0 && !fields.has(F.COVERAGE_SUBSCRIBER_RELATIONSHIP)) problems.push({ path, message: 'maps the subscriber: map COVERAGE_SUBSCRIBER_RELATIONSHIP too' });
  return problems;
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** A question as a form author writes it. */
export interface QuestionDraft {
  key: string;
  section: IntakeSection;
  label: string;
  type: IntakeQuestionType;
  required: boolean;
  choices?: string[] | null;
  patientField?: IntakePatientField | null;
}

/**
 * Checks a form's questions (unique keys, choices only and always for CHOICE, signatures only in CONSENT,
 * patient fields only where their rule allows, address and subscriber fields whole, coverage with payer and member id).
 * @returns the questions to store, or the problems (paths questions.<i>.<field>)
 */
export function checkQuestions(drafts: readonly QuestionDraft[], path = 'input.questions'): { questions: IntakeQuestionJson[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  const fields = new Set<string>();
  if (drafts.length === 0 || drafts.length > 200) problems.push({ path, message: 'must have 1–200 questions' });
  const questions = drafts.map((d, i): IntakeQuestionJson => {
    const at = (f: string) => `${path}.${i}.${f}`;
    if (!KEY.test(d.key)) problems.push({ path: at('key'), message: 'must be lowercase letters, digits and _ (up to 40), starting with a letter' });
    else if (keys.has(d.key)) problems.push({ path: at('key'), message: 'is used by another question' });
    keys.add(d.key);
    const label = d.label.trim();
    if (!label || label.length > 300) problems.push({ path: at('label'), message: 'must be 1–300 characters' });
    const choices = d.choices?.map((c) => c.trim()) ?? null;
    if (d.type === IntakeQuestionType.CHOICE) {
      if (!choices || choices.length < 2 || choices.length > 50 || new Set(choices).size !== choices.length || choices.some((c) => !c || c.length > 200)) problems.push({ path: at('choices'), message: 'must be 2–50 different non-blank choices' });
    } else if (choices) problems.push({ path: at('choices'), message: 'are only for CHOICE questions' });
    if (d.type === IntakeQuestionType.SIGNATURE && d.section !== IntakeSection.CONSENT) problems.push({ path: at('type'), message: 'SIGNATURE belongs in the CONSENT section' });
    if (d.type === IntakeQuestionType.CARD_PHOTO && d.section !== IntakeSection.INSURANCE) problems.push({ path: at('type'), message: 'CARD_PHOTO belongs in the INSURANCE section' });
    const field = d.patientField ?? null;
    if (field) {
      const rule = RULES[field];
      if (d.section !== rule.section || !rule.types.includes(d.type)) problems.push({ path: at('patientField'), message: `${field} is only for ${rule.types.join(' or ')} questions of the ${rule.section} section` });
      else if (fields.has(field)) problems.push({ path: at('patientField'), message: 'is mapped by another question' });
      else if (rule.choicesFrom && choices?.some((c) => !rule.choicesFrom!.includes(c))) problems.push({ path: at('choices'), message: `must each be one of ${rule.choicesFrom.join(', ')}` });
      fields.add(field);
    }
    return { key: d.key, section: d.section, label, type: d.type, required: d.required, choices: d.type === IntakeQuestionType.CHOICE ? choices : null, patientField: field };
  });
  problems.push(...mappingProblems(fields, path));
  return problems.length ? { problems } : { questions };
}

export type AnswerValue = string | number | boolean;

/**
 * Checks a patient's answers against the form version: every required question answered, each answer of its
 * question's type (and of its patient field's format), no unknown keys. Problems name the question
 * (answers.<key>) and never echo the value.
 * @returns the answers to store and the signature's typed name, or the problems
 */
export function checkAnswers(questions: readonly IntakeQuestionJson[], raw: unknown): { answers: Record<string, AnswerValue>; signatureName: string | null } | { problems: FieldProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problems: [{ path: 'answers', message: 'must be an object of question key → answer' }] };
  const given = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const answers: Record<string, AnswerValue> = {};
  let signatureName: string | null = null;
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(given)) if (!byKey.has(key)) problems.push({ path: `answers.${key.slice(0, 40)}`, message: 'is not a question of this form' });
  for (const q of questions) {
    const path = `answers.${q.key}`;
    let v = given[q.key];
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === null || v === '') {
      if (q.required) problems.push({ path, message: 'is required' });
      continue;
    }
    const bad = (message: string) => problems.push({ path, message });
    switch (q.type) {
      case IntakeQuestionType.TEXT:
      case IntakeQuestionType.SIGNATURE: {
        const max = q.type === IntakeQuestionType.SIGNATURE ? 200 : 2000;
        if (typeof v !== 'string' || v.length > max) { bad(`must be text of at most ${max} characters`); continue; }
        const format = q.patientField ? FORMATS[q.patientField as IntakePatientField] : undefined;
        if (format && (v.length > format[2] || !format[0].test(v))) { bad(format[1]); continue; }
        if (q.type === IntakeQuestionType.SIGNATURE) signatureName = v;
        break;
      }
      case IntakeQuestionType.CHOICE:
        if (typeof v !== 'string' || !q.choices?.includes(v)) { bad('must be one of the choices'); continue; }
        break;
      case IntakeQuestionType.DATE:
        if (typeof v !== 'string' || !isValidLocalDate(v)) { bad('must be a date written YYYY-MM-DD'); continue; }
        break;
      case IntakeQuestionType.YES_NO:
        if (typeof v !== 'boolean') { bad('must be true or false'); continue; }
        break;
      case IntakeQuestionType.NUMBER:
        if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e9) { bad('must be a number'); continue; }
        break;
      case IntakeQuestionType.CARD_PHOTO:
        // Which document it is (uploaded through this link, for this question) is checked against the store.
        if (typeof v !== 'string' || !isUuid(v)) { bad('must be the documentId returned by POST /intake/<token>/files'); continue; }
        break;
    }
    answers[q.key] = v as AnswerValue;
  }
  return problems.length ? { problems } : { answers, signatureName };
}
