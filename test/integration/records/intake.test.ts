import { createClient } from '@medoffice/sdk';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../../server/src/db/schema/documents.js';
import { intakeSubmissions } from '../../../server/src/db/schema/intake.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const QUESTIONS = [
  { key: 'email', section: 'DEMOGRAPHICS', label: 'Email address', type: 'TEXT', required: false, patientField: 'EMAIL' },
  { key: 'mobile', section: 'DEMOGRAPHICS', label: 'Mobile phone', type: 'TEXT', required: false, patientField: 'MOBILE_PHONE' },
  { key: 'street', section: 'DEMOGRAPHICS', label: 'Street', type: 'TEXT', required: false, patientField: 'ADDRESS_LINE1' },
  { key: 'city', section: 'DEMOGRAPHICS', label: 'City', type: 'TEXT', required: false, patientField: 'ADDRESS_CITY' },
  { key: 'state', section: 'DEMOGRAPHICS', label: 'State', type: 'TEXT', required: false, patientField: 'ADDRESS_STATE' },
  { key: 'zip', section: 'DEMOGRAPHICS', label: 'ZIP', type: 'TEXT', required: false, patientField: 'ADDRESS_POSTAL_CODE' },
  { key: 'member_id', section: 'INSURANCE', label: 'Member id on your card', type: 'TEXT', required: false },
  { key: 'diabetes', section: 'MEDICAL_HISTORY', label: 'Have you been told you have diabetes?', type: 'YES_NO', required: true },
  { key: 'medications', section: 'MEDICATIONS', label: 'Medications you take', type: 'TEXT', required: false },
  { key: 'allergy', section: 'ALLERGIES', label: 'Penicillin allergy', type: 'CHOICE', required: true, choices: ['None', 'Rash', 'Anaphylaxis'] },
  { key: 'last_tetanus', section: 'MEDICAL_HISTORY', label: 'Last tetanus shot', type: 'DATE', required: false },
  { key: 'drinks', section: 'FAMILY_SOCIAL_HISTORY', label: 'Drinks per week', type: 'NUMBER', required: false },
  { key: 'consent', section: 'CONSENT', label: 'Type your full name to consent to treatment', type: 'SIGNATURE', required: true },
];
const ANSWERS = { email: 'pat.new@example.test', mobile: '+15125550123', street: '12 Synthetic Way', city: 'Testville', state: 'TX', zip: '73301', member_id: 'SYN123', diabetes: false, medications: 'None', allergy: 'Rash', last_tetanus: '2019-05-01', drinks: 2, consent: 'Pat Synthetic' };

async function office() {
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const patient = await insertPatient(db, practiceId);
  const refs = { patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id };
  const appointment = await insertAppointment(db, practiceId, refs, new Date(Date.now() + 86400_000));
  const client = async (roles: Role[], userId?: string) => createClient({ url: server.url, token: await server.token(practiceId, roles, userId), retry: false });
  return { db, practiceId, patient, appointment, refs, client, admin: await client([Role.PRACTICE_ADMIN], 'admin-1'), desk: await client([Role.FRONT_DESK], 'desk-1') };
}

const url = (token: string) => server.url.replace('/graphql', `/intake/${token}`);
const open = async (token: string) => {
  const res = await fetch(url(token));
  return { status: res.status, text: await res.text() };
};
const submit = async (token: string, body: unknown) => {
  const res = await fetch(url(token), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { submissionId?: string; errors?: { extensions: { code: string; reason?: string; fields?: { path: string }[] } }[] } };
};

describe('intake forms', () => {
  it('a form sent for an appointment is answered through the patient link, stays as submitted when the form changes, and a review applies the demographics', async () => {
    const o = await office();
    const form = (await o.admin.createIntakeForm({ input: { name: 'New patient intake', questions: QUESTIONS as never } })).createIntakeForm;
    expect(form.current).toMatchObject({ revision: 1 });
    expect(form.current.questions).toHaveLength(13);
    const check = async () => (await o.desk.appointmentIntake({ id: o.appointment.id })).appointment.intake;
    expect((await check()).status).toBe('NOT_SENT');

    const sent = (await o.desk.sendIntakeForm({ input: { appointmentId: o.appointment.id, formId: form.id } })).sendIntakeForm;
    expect(sent.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.path).toBe(`/intake/${sent.token}`);
    expect(await check()).toMatchObject({ status: 'SENT', formId: form.id });
    // Only the token's hash is stored.
    const stored = await o.db.execute(sql`select token_sha256 from intake_links where id = ${sent.linkId}`);
    expect(JSON.stringify(stored)).not.toContain(sent.token);

    const page = await open(sent.token);
    expect(page.status).toBe(200);
    const shown = JSON.parse(page.text) as { formName: string; questions: { key: string }[] };
    expect(shown.formName).toBe('New patient intake');
    expect(shown.questions.map((q) => q.key)).toEqual(QUESTIONS.map((q) => q.key));
    for (const phi of [o.patient.familyName, o.patient.givenName, o.patient.id, o.appointment.id]) expect(page.text).not.toContain(phi);

    // Bad answers name the question, store nothing and leave the link usable.
    const bad = await submit(sent.token, { answers: { ...ANSWERS, diabetes: 'maybe', mobile: '555-0123', consent: '', bogus: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.extensions.fields?.map((f) => f.path)).toEqual(['answers.bogus', 'answers.mobile', 'answers.diabetes', 'answers.consent']);
    expect(JSON.stringify(bad.body)).not.toContain('555-0123');
    expect(await o.db.$count(intakeSubmissions, eq(intakeSubmissions.practiceId, o.practiceId))).toBe(0);

    const ok = await submit(sent.token, { answers: ANSWERS });
    expect(ok.status).toBe(201);
    const again = await submit(sent.token, { answers: ANSWERS });
    expect(again.status).toBe(410);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'USED' });
    expect((await open(sent.token)).status).toBe(410);
    expect(await check()).toMatchObject({ status: 'SUBMITTED', submissionId: ok.body.submissionId });
    expect(await auditEntries(o.db, { practiceId: o.practiceId, entityType: 'IntakeSubmission', action: 'CREATE' })).toMatchObject([{ userId: `intake-link:${sent.linkId}`, patientId: o.patient.id }]);

    // A new version of the form does not change what was answered.
    const relabelled = QUESTIONS.map((q) => (q.key === 'diabetes' ? { ...q, label: 'Diabetes (type 1 or 2)?' } : q));
    const v2 = (await o.admin.reviseIntakeForm({ input: { formId: form.id, expectedVersion: form.version, questions: relabelled as never } })).reviseIntakeForm;
    expect(v2.current.revision).toBe(2);
    const clinician = await o.client([Role.CLINICIAN]);
    const sub = (await clinician.intakeSubmission({ id: ok.body.submissionId! })).intakeSubmission;
    expect(sub).toMatchObject({ formVersionId: form.current.id, signatureName: 'Pat Synthetic', reviewedAt: null });
    expect(sub.signedAt).not.toBeNull();
    expect(sub.answers.find((a) => a.key === 'diabetes')).toEqual({ key: 'diabetes', label: 'Have you been told you have diabetes?', section: 'MEDICAL_HISTORY', type: 'YES_NO', value: 'false' });
    await expect(o.db.execute(sql`update intake_submissions set answers = '{}'::jsonb where id = ${sub.id}`)).rejects.toThrow();

    // Review: the demographics go through the patient service, versioned.
    const before = (await o.desk.patient({ id: o.patient.id })).patient;
    await expect(o.desk.reviewIntake({ input: { submissionId: sub.id, applyDemographics: true, expectedPatientVersion: before.version + 5 } })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const reviewed = (await o.desk.reviewIntake({ input: { submissionId: sub.id, applyDemographics: true, expectedPatientVersion: before.version, note: 'Checked with the patient' } })).reviewIntake;
    expect(reviewed).toMatchObject({ reviewedBy: 'desk-1', reviewNote: 'Checked with the patient', appliedFields: ['EMAIL', 'MOBILE_PHONE', 'ADDRESS_LINE1', 'ADDRESS_CITY', 'ADDRESS_STATE', 'ADDRESS_POSTAL_CODE'] });
    const after = (await o.desk.patient({ id: o.patient.id })).patient;
    expect(after.version).toBe(before.version + 1);
    expect(after).toMatchObject({ email: 'pat.new@example.test', address: { line1: '12 Synthetic Way', city: 'Testville', state: 'TX', postalCode: '73301' } });
    expect(after.phones[0]).toMatchObject({ kind: 'MOBILE', number: '+15125550123', primary: true });
    await expect(o.desk.reviewIntake({ input: { submissionId: sub.id } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await check()).status).toBe('REVIEWED');
  });

  it('an insurance card photo uploaded through the patient link is an INSURANCE_CARD document of the patient, audited as the link, and the answer names its version', async () => {
    const o = await office();
    const questions = [
      { key: 'card_front', section: 'INSURANCE', label: 'Photo of the front of your insurance card', type: 'CARD_PHOTO', required: true },
      { key: 'ok', section: 'MEDICAL_HISTORY', label: 'Feeling well?', type: 'YES_NO', required: true },
    ];
    await expect(o.admin.createIntakeForm({ input: { name: 'Misplaced', questions: [{ ...questions[0], section: 'MEDICATIONS' }] as never } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.questions.0.type' }] });
    const form = (await o.admin.createIntakeForm({ input: { name: 'Card update', questions: questions as never } })).createIntakeForm;
    const sent = (await o.desk.sendIntakeForm({ input: { appointmentId: o.appointment.id, formId: form.id } })).sendIntakeForm;
    const upload = async (token: string, question: string, body: Uint8Array, contentType: string) => {
      const res = await fetch(`${url(token)}/files?question=${question}`, { method: 'POST', headers: { 'content-type': contentType }, body: body as Uint8Array<ArrayBuffer> });
      return { status: res.status, body: (await res.json()) as { documentId?: string; mediaType?: string; errors?: { extensions: { code: string; fields?: { path: string }[] } }[] } };
    };
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const docsOf = () => o.db.$count(documents, eq(documents.patientId, o.patient.id));

    // Checked as staff uploads are: content against the declared type, the question must be a CARD_PHOTO; nothing stored.
    const lying = await upload(sent.token, 'card_front', new TextEncoder().encode('not a picture'), 'image/png');
    expect(lying.status).toBe(400);
    expect(lying.body.errors?.[0]?.extensions.fields?.[0]?.path).toBe('contentType');
    expect((await upload(sent.token, 'ok', png, 'image/png')).status).toBe(400);
    expect((await upload('x'.repeat(43), 'card_front', png, 'image/png')).status).toBe(404);
    expect(await docsOf()).toBe(0);

    const up = await upload(sent.token, 'card_front', png, 'image/png');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ mediaType: 'image/png' });
    const documentId = up.body.documentId!;
    const doc = (await o.desk.document({ id: documentId })).document;
    expect(doc).toMatchObject({ patientId: o.patient.id, type: 'INSURANCE_CARD', uploadedBy: `intake-link:${sent.linkId}`, revision: 1, sizeBytes: png.length });
    expect(await auditEntries(o.db, { practiceId: o.practiceId, entityType: 'Document', action: 'CREATE' })).toMatchObject([{ userId: `intake-link:${sent.linkId}`, patientId: o.patient.id, entityId: documentId }]);
    // A BILLER sees it: an insurance card is a billing document.
    expect((await (await o.client([Role.BILLER])).document({ id: documentId })).document.id).toBe(documentId);

    // The answer must name a file this link uploaded: another document of the same patient is refused.
    const staffToken = await server.token(o.practiceId, [Role.FRONT_DESK]);
    const staff = await fetch(server.url.replace('/graphql', `/documents?patientId=${o.patient.id}&type=INSURANCE_CARD&documentDate=2026-01-02`), { method: 'POST', headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'image/png' }, body: png as Uint8Array<ArrayBuffer> });
    const other = ((await staff.json()) as { id: string }).id;
    const wrong = await submit(sent.token, { answers: { card_front: other, ok: true } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.[0]?.extensions.fields?.map((f) => f.path)).toEqual(['answers.card_front']);
    expect((await submit(sent.token, { answers: { card_front: 'not-an-id', ok: true } })).status).toBe(400);
    expect(await o.db.$count(intakeSubmissions, eq(intakeSubmissions.practiceId, o.practiceId))).toBe(0);

    const ok = await submit(sent.token, { answers: { card_front: documentId, ok: true } });
    expect(ok.status).toBe(201);
    const sub = (await o.desk.intakeSubmission({ id: ok.body.submissionId! })).intakeSubmission;
    expect(sub.answers.find((a) => a.key === 'card_front')).toMatchObject({ type: 'CARD_PHOTO', section: 'INSURANCE', value: documentId });
    // The used link uploads nothing more.
    expect((await upload(sent.token, 'card_front', png, 'image/png')).status).toBe(410);
  });

  it('refuses expired and unknown links, limits attempts per link, and refuses bad forms', async () => {
    const o = await office();
    const form = (await o.admin.createIntakeForm({ input: { name: 'Short', questions: [{ key: 'ok', section: 'MEDICAL_HISTORY', label: 'Feeling well?', type: 'YES_NO', required: true }] as never } })).createIntakeForm;
    const sent = (await o.desk.sendIntakeForm({ input: { appointmentId: o.appointment.id, formId: form.id, expiresInHours: 1 } })).sendIntakeForm;
    await o.db.execute(sql`update intake_links set expires_at = now() - interval '1 minute' where id = ${sent.linkId}`);
    const expired = await submit(sent.token, { answers: { ok: true } });
    expect(expired.status).toBe(410);
    expect(expired.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'EXPIRED' });
    expect((await o.desk.appointmentIntake({ id: o.appointment.id })).appointment.intake.status).toBe('EXPIRED');
    expect((await open('x'.repeat(43))).status).toBe(404);
    expect((await open('short')).status).toBe(404);
    const notJson = await fetch(url(sent.token), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);

    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await open(sent.token)).status);
    expect(statuses.slice(0, 9).every((s) => s === 410)).toBe(true);
    expect(statuses.at(-1)).toBe(429);

    await expect(o.admin.createIntakeForm({ input: { name: 'short', questions: [{ key: 'a', section: 'MEDICAL_HISTORY', label: 'x', type: 'TEXT', required: false }] as never } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.name' }] });
    await expect(o.admin.createIntakeForm({ input: { name: 'Bad', questions: [{ key: 'sig', section: 'MEDICATIONS', label: 'x', type: 'SIGNATURE', required: false }] as never } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.questions.0.type' }] });
    await expect(o.desk.sendIntakeForm({ input: { appointmentId: crypto.randomUUID(), formId: form.id } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('roles and tenancy: forms by admins, links by the desk, answers by desk, clinicians and admins; BILLER nothing; another practice NOT_FOUND', async () => {
    const o = await office();
    const input = { name: 'Roles', questions: [{ key: 'ok', section: 'MEDICAL_HISTORY', label: 'Feeling well?', type: 'YES_NO', required: true }] as never };
    await expect(o.desk.createIntakeForm({ input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const form = (await o.admin.createIntakeForm({ input })).createIntakeForm;
    const sent = (await o.desk.sendIntakeForm({ input: { appointmentId: o.appointment.id, formId: form.id } })).sendIntakeForm;
    const { body } = await submit(sent.token, { answers: { ok: true } });
    const biller = await o.client([Role.BILLER]);
    await expect(biller.intakeSubmission({ id: body.submissionId! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(biller.sendIntakeForm({ input: { appointmentId: o.appointment.id, formId: form.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect((await o.client([Role.CLINICIAN])).sendIntakeForm({ input: { appointmentId: o.appointment.id, formId: form.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await o.desk.intakeSubmissions({ appointmentId: o.appointment.id })).intakeSubmissions.map((s) => s.id)).toEqual([body.submissionId]);

    const stranger = await createClient({ url: server.url, token: await server.token(await createPractice(o.db), [Role.PRACTICE_ADMIN]), retry: false });
    await expect(stranger.intakeSubmission({ id: body.submissionId! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.intakeSubmissions({ appointmentId: o.appointment.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.sendIntakeForm({ input: { appointmentId: o.appointment.id, formId: form.id } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.reviewIntake({ input: { submissionId: body.submissionId! } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await stranger.intakeForms()).toMatchObject({ intakeForms: [] });
  });

  it('Appointment.intake is one batched statement however many appointments are listed', async () => {
    const o = await office();
    const form = (await o.admin.createIntakeForm({ input: { name: 'Batch', questions: [{ key: 'ok', section: 'MEDICAL_HISTORY', label: 'Feeling well?', type: 'YES_NO', required: true }] as never } })).createIntakeForm;
    const token = await server.token(o.practiceId, [Role.FRONT_DESK]);
    const Q = 'query ($id: ID!) { patient(id: $id) { appointments(first: 20) { id intake { status } } } }';
    await o.desk.sendIntakeForm({ input: { appointmentId: o.appointment.id, formId: form.id } });
    const one = await server.gql(token, Q, { id: o.patient.id });
    expect(one.data!.patient.appointments.map((a: { intake: { status: string } }) => a.intake.status)).toEqual(['SENT']);
    for (let i = 2; i <= 4; i++) {
      const appt = await insertAppointment(o.db, o.practiceId, o.refs, new Date(Date.now() + i * 86400_000));
      if (i % 2 === 0) await o.desk.sendIntakeForm({ input: { appointmentId: appt.id, formId: form.id } });
    }
    const four = await server.gql(token, Q, { id: o.patient.id });
    expect(four.data!.patient.appointments.map((a: { intake: { status: string } }) => a.intake.status)).toEqual(['SENT', 'SENT', 'NOT_SENT', 'SENT']);
    expect(four.extensions!.stats!.sqlStatements).toBe(one.extensions!.stats!.sqlStatements);
  });
});
