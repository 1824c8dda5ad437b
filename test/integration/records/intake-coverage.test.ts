import { createClient } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const QUESTIONS = [
  { key: 'email', section: 'DEMOGRAPHICS', label: 'Email address', type: 'TEXT', required: false, patientField: 'EMAIL' },
  { key: 'insurer', section: 'INSURANCE', label: 'Insurance company', type: 'TEXT', required: false, patientField: 'COVERAGE_PAYER' },
  { key: 'member', section: 'INSURANCE', label: 'Member id', type: 'TEXT', required: false, patientField: 'COVERAGE_MEMBER_ID' },
  { key: 'group', section: 'INSURANCE', label: 'Group number', type: 'TEXT', required: false, patientField: 'COVERAGE_GROUP_NUMBER' },
  { key: 'starts', section: 'INSURANCE', label: 'Coverage start date', type: 'DATE', required: false, patientField: 'COVERAGE_EFFECTIVE_DATE' },
  { key: 'holder', section: 'INSURANCE', label: 'Who holds the policy?', type: 'CHOICE', required: false, choices: ['SELF', 'SPOUSE', 'CHILD'], patientField: 'COVERAGE_SUBSCRIBER_RELATIONSHIP' },
  { key: 'holder_given', section: 'INSURANCE', label: "Policy holder's first name", type: 'TEXT', required: false, patientField: 'COVERAGE_SUBSCRIBER_GIVEN_NAME' },
  { key: 'holder_family', section: 'INSURANCE', label: "Policy holder's last name", type: 'TEXT', required: false, patientField: 'COVERAGE_SUBSCRIBER_FAMILY_NAME' },
  { key: 'holder_dob', section: 'INSURANCE', label: "Policy holder's date of birth", type: 'DATE', required: false, patientField: 'COVERAGE_SUBSCRIBER_DATE_OF_BIRTH' },
  { key: 'holder_sex', section: 'INSURANCE', label: "Policy holder's sex", type: 'CHOICE', required: false, choices: ['FEMALE', 'MALE'], patientField: 'COVERAGE_SUBSCRIBER_SEX' },
];
const SPOUSE = { holder: 'SPOUSE', holder_given: 'Sam', holder_family: 'Synthetic', holder_dob: '1975-04-05', holder_sex: 'MALE' };

async function office() {
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const patient = await insertPatient(db, practiceId);
  const refs = { patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id };
  const client = async (roles: Role[], userId?: string) => createClient({ url: server.url, token: await server.token(practiceId, roles, userId), retry: false });
  const admin = await client([Role.PRACTICE_ADMIN], 'admin-1');
  const desk = await client([Role.FRONT_DESK], 'desk-1');
  const form = (await admin.createIntakeForm({ input: { name: 'Insurance update', questions: QUESTIONS as never } })).createIntakeForm;
  const acme = await insertPayer(db, practiceId, { name: 'Synthetic Health Plan', ediPayerId: 'SYNH1' });
  const other = await insertPayer(db, practiceId, { name: 'Other Synthetic Mutual', ediPayerId: 'OSM22' });
  let day = 1;
  /** Sends the form for a new appointment and submits these answers through the patient link. */
  const answered = async (answers: Record<string, unknown>) => {
    const appointment = await insertAppointment(db, practiceId, refs, new Date(Date.now() + day++ * 86400_000));
    const sent = (await desk.sendIntakeForm({ input: { appointmentId: appointment.id, formId: form.id } })).sendIntakeForm;
    const res = await fetch(server.url.replace('/graphql', `/intake/${sent.token}`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { submissionId: string }).submissionId;
  };
  const coverages = async () => (await desk.patientCoverages({ patientId: patient.id })).patient.coverages;
  return { db, practiceId, patient, client, admin, desk, acme, other, answered, coverages };
}

// Each case sends, fills and reviews several forms over HTTP one after another: on a shared, loaded CI
// machine that outlasts the default 30 s, so the long cases allow more (no timing is asserted).
const LONG = { timeout: 120_000 };

describe('reviewing intake applies the insurance answers to the coverage', () => {
  it('creates the primary coverage through the coverage service, updates it for the same payer, and replaces it for another payer', LONG, async () => {
    const o = await office();
    const first = await o.answered({ email: 'cover.me@example.test', insurer: 'synthetic health plan', member: 'm-123', group: 'g-9', starts: '2026-01-01', ...SPOUSE });
    const clinician = await o.client([Role.CLINICIAN]);
    await expect(clinician.reviewIntake({ input: { submissionId: first, applyCoverage: true } })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const reviewed = (await o.desk.reviewIntake({ input: { submissionId: first, applyCoverage: true } })).reviewIntake;
    expect(reviewed.appliedFields).toEqual(['COVERAGE_PAYER', 'COVERAGE_MEMBER_ID', 'COVERAGE_GROUP_NUMBER', 'COVERAGE_EFFECTIVE_DATE', 'COVERAGE_SUBSCRIBER_RELATIONSHIP', 'COVERAGE_SUBSCRIBER_GIVEN_NAME', 'COVERAGE_SUBSCRIBER_FAMILY_NAME', 'COVERAGE_SUBSCRIBER_DATE_OF_BIRTH', 'COVERAGE_SUBSCRIBER_SEX']);
    const [created] = await o.coverages();
    expect(created).toMatchObject({ payerId: o.acme.id, memberId: 'M-123', groupNumber: 'G-9', order: 'PRIMARY', effectiveDate: '2026-01-01', endDate: null, subscriberRelationship: 'SPOUSE', subscriber: { name: { given: 'Sam', family: 'Synthetic' }, dateOfBirth: '1975-04-05', sex: 'MALE' } });
    expect(await auditEntries(o.db, { practiceId: o.practiceId, entityType: 'Coverage', action: 'CREATE' })).toMatchObject([{ userId: 'desk-1', entityId: created!.id, patientId: o.patient.id }]);

    // The same payer named by its EDI id: the coverage is updated at the version the reviewer saw.
    const same = await o.answered({ insurer: 'SYNH1', member: 'M-456', holder: 'SELF' });
    await expect(o.desk.reviewIntake({ input: { submissionId: same, applyCoverage: true } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.expectedCoverageVersion' }] });
    await expect(o.desk.reviewIntake({ input: { submissionId: same, applyCoverage: true, expectedCoverageVersion: created!.version + 3 } })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const updated = (await o.desk.reviewIntake({ input: { submissionId: same, applyCoverage: true, expectedCoverageVersion: created!.version } })).reviewIntake;
    expect(updated.appliedFields).toEqual(['COVERAGE_PAYER', 'COVERAGE_MEMBER_ID', 'COVERAGE_SUBSCRIBER_RELATIONSHIP']);
    const [after] = await o.coverages();
    expect(after).toMatchObject({ id: created!.id, version: created!.version + 1, memberId: 'M-456', groupNumber: 'G-9', subscriberRelationship: 'SELF', subscriber: null, effectiveDate: '2026-01-01' });

    // Another payer from a later date: the old primary ends the day before, the new one starts.
    const moved = await o.answered({ insurer: 'Other Synthetic Mutual', member: 'NEW-1', starts: '2026-07-01' });
    await o.desk.reviewIntake({ input: { submissionId: moved, applyCoverage: true, expectedCoverageVersion: after!.version } });
    const now = await o.coverages();
    expect(now.map((c) => [c.payerId, c.memberId, c.order, c.effectiveDate, c.endDate])).toEqual(
      expect.arrayContaining([
        [o.acme.id, 'M-456', 'PRIMARY', '2026-01-01', '2026-06-30'],
        [o.other.id, 'NEW-1', 'PRIMARY', '2026-07-01', null],
      ]),
    );
    expect(now).toHaveLength(2);
  });

  it('refuses answers that cannot apply with an error naming the answer, and applies nothing (demographics included)', LONG, async () => {
    const o = await office();
    const before = (await o.desk.patient({ id: o.patient.id })).patient;
    const unknown = await o.answered({ email: 'not.applied@example.test', insurer: 'Imaginary Insurance Co', member: 'M-1' });
    const err = await o.desk.reviewIntake({ input: { submissionId: unknown, applyDemographics: true, expectedPatientVersion: before.version, applyCoverage: true } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'answers.insurer' }] });
    expect(JSON.stringify(err)).not.toContain('Imaginary');
    const halfSubscriber = await o.answered({ insurer: 'SYNH1', member: 'M-2', holder: 'CHILD', holder_given: 'Kid' });
    await expect(o.desk.reviewIntake({ input: { submissionId: halfSubscriber, applyCoverage: true } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'answers.holder' }] });
    const noMember = await o.answered({ insurer: 'SYNH1' });
    await expect(o.desk.reviewIntake({ input: { submissionId: noMember, applyCoverage: true } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'answers.member' }] });
    const futureHolder = await o.answered({ insurer: 'SYNH1', member: 'M-3', ...SPOUSE, holder_dob: '2999-01-01' });
    await expect(o.desk.reviewIntake({ input: { submissionId: futureHolder, applyCoverage: true } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });

    expect(await o.coverages()).toEqual([]);
    const still = (await o.desk.patient({ id: o.patient.id })).patient;
    expect(still.version).toBe(before.version);
    expect(still.email).toBe(before.email);
    const subs = await Promise.all([unknown, halfSubscriber, noMember, futureHolder].map(async (id) => (await o.desk.intakeSubmission({ id })).intakeSubmission.reviewedAt));
    expect(subs).toEqual([null, null, null, null]);

    // A later primary of another payer cannot start before the one in force.
    const ok = await o.answered({ insurer: 'SYNH1', member: 'M-4', starts: '2026-03-01' });
    await o.desk.reviewIntake({ input: { submissionId: ok, applyCoverage: true } });
    const [current] = await o.coverages();
    const early = await o.answered({ insurer: 'OSM22', member: 'M-5', starts: '2026-02-01' });
    await expect(o.desk.reviewIntake({ input: { submissionId: early, applyCoverage: true, expectedCoverageVersion: current!.version } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'answers.starts' }] });
    expect(await o.coverages()).toMatchObject([{ id: current!.id, version: current!.version, endDate: null }]);
  });

  it('refuses forms that map coverage fields in the wrong place or only in part', async () => {
    const o = await office();
    const make = (questions: unknown[]) => o.admin.createIntakeForm({ input: { name: `Bad ${Math.random()}`, questions: questions as never } });
    const payer = QUESTIONS[1]!;
    const member = QUESTIONS[2]!;
    await expect(make([{ ...member, section: 'DEMOGRAPHICS' }, payer])).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.questions.0.patientField' }] });
    await expect(make([payer, member, { ...QUESTIONS[5], choices: ['SELF', 'Mom'] }])).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.questions.2.choices' }] });
    await expect(make([payer, QUESTIONS[3]])).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.questions' }] });
    await expect(make([payer, member, QUESTIONS[5], QUESTIONS[6]])).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.questions' }] });
  });
});
