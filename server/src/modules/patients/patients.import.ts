import { isValidLocalDate, todayIn } from '../../lib/dates.js';
import { AddressInput } from '../common/address.type.js';
import { e164, type ImportProblem, type ImportTarget, parseYesNo } from '../imports/import-target.js';
import { inputRuleProblems } from '../imports/input-rules.js';
import { PersonNameInput, PhoneInput, RegisterPatientInput } from './patient.inputs.js';
import { allocateMrns, insertPatients, keysWithLikelyDuplicates, lockPracticeForRegistration } from './patient.repo.js';
import { phoneDigits } from './patient.rules.js';
import { PhoneKind, SexAtBirth } from './patient.type.js';

export interface PatientRowValue {
  input: RegisterPatientInput;
}

/** Where each field of the registration input comes from in the file (problems name the column). */
const COLUMN_OF: Record<string, string> = {
  'legalName.given': 'given_name',
  'legalName.middle': 'middle_name',
  'legalName.family': 'family_name',
  dateOfBirth: 'date_of_birth',
  sexAtBirth: 'sex_at_birth',
  preferredName: 'preferred_name',
  'phones.0.number': 'phone',
  email: 'email',
  'address.line1': 'address_line1',
  'address.line2': 'address_line2',
  'address.city': 'city',
  'address.state': 'state',
  'address.postalCode': 'postal_code',
  preferredLanguage: 'preferred_language',
  notes: 'notes',
};
const ADDRESS_COLUMNS = ['address_line1', 'address_line2', 'city', 'state', 'postal_code'];
const SEXES = Object.values(SexAtBirth) as string[];


/**
 * Patients from CSV: given_name, middle_name, family_name, date_of_birth (YYYY-MM-DD), sex_at_birth
 * (FEMALE, MALE, UNKNOWN), preferred_name, phone (a US number, the primary mobile), email, address_line1,
 * address_line2, city, state, postal_code, preferred_language, notes, confirm_not_duplicate (yes/no).
 * Each row meets exactly the rules of `registerPatient` (the same input class and its validators, the
 * string hygiene of every GraphQL input, a date of birth not in the future) and its duplicate rule: a row
 * with the same date of birth and a similar name as an existing patient is a problem unless the row says
 * confirm_not_duplicate=yes; two rows with the same name and date of birth are a duplicate in the file.
 * Rows get consecutive MRNs under the practice's registration lock; each new patient is audited.
 */
export const patientsImport = (): ImportTarget<PatientRowValue> => {
  const today = todayIn('UTC');
  return {
    name: 'PATIENTS',
    columns: [
      { name: 'given_name', required: true },
      { name: 'middle_name', required: false },
      { name: 'family_name', required: true },
      { name: 'date_of_birth', required: true },
      { name: 'sex_at_birth', required: true },
      { name: 'preferred_name', required: false },
      { name: 'phone', required: false },
      { name: 'email', required: false },
      { name: 'address_line1', required: false },
      { name: 'address_line2', required: false },
      { name: 'city', required: false },
      { name: 'state', required: false },
      { name: 'postal_code', required: false },
      { name: 'preferred_language', required: false },
      { name: 'notes', required: false },
      { name: 'confirm_not_duplicate', required: false },
    ],
    keyColumn: 'given_name',
    parse(c, line) {
      const problems: ImportProblem[] = [];
      const bad = (column: string, message: string) => {
        if (!problems.some((p) => p.column === column && p.message === message)) problems.push({ line, column, message });
      };
      const cell = (column: string) => (c[column] ?? '').trim();
      const opt = (column: string) => cell(column) || null;

      const dob = cell('date_of_birth');
      if (!isValidLocalDate(dob)) bad('date_of_birth', 'must be a date written YYYY-MM-DD');
      else if (dob > today) bad('date_of_birth', 'must not be in the future');
      const sex = cell('sex_at_birth').toUpperCase();
      if (!SEXES.includes(sex)) bad('sex_at_birth', `must be one of ${SEXES.join(', ')}`);
      const confirm = parseYesNo(c.confirm_not_duplicate ?? '');
      if (confirm === null) bad('confirm_not_duplicate', 'must be yes or no');

      const phone = opt('phone');
      const hasAddress = ADDRESS_COLUMNS.some((k) => cell(k) !== '');
      const plain = {
        legalName: { given: cell('given_name'), middle: opt('middle_name'), family: cell('family_name') },
        preferredName: opt('preferred_name'),
        phones: phone ? [{ kind: PhoneKind.MOBILE, number: e164(phone), primary: true }] : null,
        email: opt('email'),
        address: hasAddress ? { line1: cell('address_line1'), line2: opt('address_line2'), city: cell('city'), state: cell('state').toUpperCase(), postalCode: cell('postal_code'), country: 'US' } : null,
        preferredLanguage: opt('preferred_language'),
        // Free text keeps its line breaks (a quoted cell may hold several lines), only trimmed at the ends.
        notes: opt('notes'),
      };
      const input = Object.assign(new RegisterPatientInput(), {
        ...plain,
        legalName: Object.assign(new PersonNameInput(), plain.legalName),
        phones: plain.phones?.map((p) => Object.assign(new PhoneInput(), p)) ?? null,
        address: plain.address ? Object.assign(new AddressInput(), plain.address) : null,
        dateOfBirth: dob,
        sexAtBirth: sex as SexAtBirth,
        confirmNotDuplicate: confirm === true,
      });
      // The rules every GraphQL input meets, then the registration input's own validators.
      for (const p of inputRuleProblems(plain, input)) bad(COLUMN_OF[p.path] ?? 'notes', p.message);
      if (problems.length) return { value: null, problems: problems.sort((a, b) => order(a.column) - order(b.column)) };
      return { value: { input }, problems };
    },
    // The duplicate rule within one file: the same name (any case) and date of birth.
    key: (v) => `${v.input.legalName.given.toLowerCase()} ${v.input.legalName.family.toLowerCase()}|${v.input.dateOfBirth}`,
    async check(db, practiceId, batch) {
      // The registration rule: registrations of a practice run one at a time. Taken before the first check,
      // a committing import holds it until it commits, so neither it nor a concurrent registration can miss
      // the other (a dry run takes it only for the statement).
      await lockPracticeForRegistration(db, practiceId);
      const candidates = batch.flatMap((r, i) => (r.value.input.confirmNotDuplicate ? [] : [{ key: i, fullName: `${r.value.input.legalName.given} ${r.value.input.legalName.family}`, dateOfBirth: r.value.input.dateOfBirth }]));
      const dup = await keysWithLikelyDuplicates(db, practiceId, candidates);
      return [...dup].sort((a, b) => a - b).map((i) => ({ line: batch[i]!.line, column: 'given_name', message: 'is likely an existing patient (same date of birth, similar name); set confirm_not_duplicate to yes to register anyway' }));
    },
    async write(tx, principal, audit, batch) {
      // The practice's registration lock is held since `check` (same transaction).
      const mrns = await allocateMrns(tx, principal.practiceId, batch.length);
      const ids = await insertPatients(
        tx,
        principal.practiceId,
        batch.map(({ value: { input } }, i) => {
          const phones = (input.phones ?? []).map((p) => ({ kind: p.kind, number: p.number, primary: p.primary }));
          return {
            mrn: mrns[i]!,
            values: {
              givenName: input.legalName.given,
              middleName: input.legalName.middle ?? null,
              familyName: input.legalName.family,
              preferredName: input.preferredName ?? null,
              dateOfBirth: input.dateOfBirth,
              sexAtBirth: input.sexAtBirth,
              genderIdentity: null,
              phones,
              phoneDigits: phoneDigits(phones),
              email: input.email?.toLowerCase() ?? null,
              address: input.address ? { ...input.address } : null,
              preferredLanguage: input.preferredLanguage ?? null,
              emergencyContacts: [],
              consents: { sms: false, email: false, voicemail: false, portal: false },
              notes: input.notes ?? null,
            },
          };
        }),
      );
      await audit.writeAll(
        tx,
        'CREATE',
        ids.map((id) => ({ entityType: 'Patient', entityId: id, patientId: id })),
      );
    },
  };
};

const COLUMN_ORDER = ['given_name', 'middle_name', 'family_name', 'date_of_birth', 'sex_at_birth', 'preferred_name', 'phone', 'email', ...ADDRESS_COLUMNS, 'preferred_language', 'notes', 'confirm_not_duplicate'];
/** Problems of a row in the file's column order, whichever rule found them. */
const order = (column: string | null) => COLUMN_ORDER.indexOf(column ?? '');
