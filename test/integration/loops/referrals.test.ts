import { asc, count, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverages } from '../../../server/src/db/schema/insurance.js';
import { referrals } from '../../../server/src/db/schema/referrals.js';
import { taskEvents, tasks } from '../../../server/src/db/schema/tasks.js';
import { waitlistEntries } from '../../../server/src/db/schema/engagement.js';
import { syntheticNpi } from '../../../server/src/demo/synthetic.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { todayIn } from '../../../server/src/lib/dates.js';
import { addDays } from '../../../server/src/lib/local-time.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { createOverdueReferralTasks } from '../../../server/src/modules/referrals/referral-overdue.service.js';
import { officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { insertPatient, patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { pdfPagesText } from '../../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const R = 'id direction status patientId sentOn scheduledFor seenOn reportReceivedOn reviewedBy declineReason daysWaiting diagnosisCodes waitlistEntryId version authorization { number visits visitsUsed visitsLeft validFrom validTo }';
const DIRECTORY = `mutation($input: ExternalProviderInput!) { createExternalProvider(input: $input) { externalProvider { id npi acceptedPayerIds } } }`;
const LIST_DIRECTORY = `query($filter: ExternalProviderFilter) { externalProviders(filter: $filter) { edges { node { id name } } } }`;
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { ${R} } } }`;
const AUTH = `mutation($input: UpdateReferralAuthorizationInput!) { updateReferralAuthorization(input: $input) { referral { ${R} } } }`;
const MOVE = `mutation($input: MoveReferralInput!) { moveReferral(input: $input) { referral { ${R} } } }`;
const ONE = `query($id: ID!) { referral(id: $id) { ${R} history { fromStatus toStatus note byUserId } tasks { id sourceKey queueRole status } externalProvider { name } } }`;
const AWAITING_SCHEDULING = `query($d: Int) { referralsAwaitingScheduling(olderThanDays: $d) { totalCount edges { node { id daysWaiting patient { id } externalProvider { name } } } } }`;
const AWAITING_REPORT = `query($d: Int) { referralsAwaitingReport(seenDaysAgo: $d) { totalCount edges { node { id daysWaiting } } } }`;
const EXPIRING = `query { referralAuthorizationsExpiring(withinDays: 30, visitsLeftAtMost: 0) { totalCount edges { node { id authorization { validTo visitsLeft } } } } }`;
const LETTER = `query($id: ID!) { referralLetter(id: $id) { fileName contentType base64 byteLength } }`;
const RECEIVE = `mutation($input: ReceiveReferralInput!) { receiveReferral(input: $input) { referral { ${R} tasks { sourceKey queueRole priority about { type id } } } likelyDuplicates { id } } }`;
const SWEEP = `mutation { createOverdueReferralTasks { created } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
});

let npiSeed = 300000000;
async function office() {
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const payer = await insertPayer(db, practiceId, { priorAuthorizationRequired: true });
  const patient = await insertPatient(db, practiceId, { givenName: 'Harriet', familyName: 'Quillfeather', dateOfBirth: '1960-02-03', phones: [{ kind: 'MOBILE', number: '+12125550111', primary: true }] });
  await db.insert(coverages).values({ practiceId, patientId: patient.id, payerId: payer.id, memberId: 'XZ000000001', subscriberRelationship: 'SELF', coverageOrder: 'PRIMARY', effectiveDate: '2020-01-01' });
  const today = todayIn('America/New_York');
  const as = async (roles: Role[], userId: string) => {
    const token = await server.token(practiceId, roles, userId);
    return (q: string, v?: Record<string, unknown>) => server.gql(token, q, v);
  };
  const desk = await as([Role.FRONT_DESK], 'desk-1');
  npiSeed += 7919;
  const specialist = (await desk(DIRECTORY, { input: { name: 'Dr. Example Cardiologist', npi: syntheticNpi(npiSeed), taxonomyCode: '207RC0000X', specialty: 'Cardiology', organization: 'Example Heart Associates', fax: '+12125550188', phone: '+12125550189', acceptedPayerIds: [payer.id] } })).data!.createExternalProvider.externalProvider;
  return { db, practiceId, location, provider, type, payer, patient, today, specialist, desk, clinician: await as([Role.CLINICIAN], 'doc-1'), biller: await as([Role.BILLER], 'biller-1') };
}

describe('external provider directory', () => {
  it('checks the NPI, keeps one entry per NPI and filters by accepted payer', async () => {
    const { db, practiceId, payer, specialist, desk } = await office();
    expect(specialist.acceptedPayerIds).toEqual([payer.id]);
    const badNpi = await desk(DIRECTORY, { input: { name: 'X', npi: '1234567890' } });
    expect(badNpi.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.npi', message: 'must be a valid 10-digit NPI' }]);
    const again = await desk(DIRECTORY, { input: { name: 'Y', npi: specialist.npi } });
    expect(again.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.npi', message: 'is already in your directory' }]);
    const theirPayer = await insertPayer(db, await createPractice(db));
    const foreign = await desk(DIRECTORY, { input: { name: 'Z', npi: syntheticNpi(npiSeed + 1), acceptedPayerIds: [theirPayer.id] } });
    expect(foreign.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.acceptedPayerIds.0', message: 'is not a payer of your practice' }]);
    await desk(DIRECTORY, { input: { name: 'Aaron Other', npi: syntheticNpi(npiSeed + 2), specialty: 'Dermatology' } });
    expect((await desk(LIST_DIRECTORY, { filter: { acceptsPayerId: payer.id } })).data!.externalProviders.edges.map((e: any) => e.node.id)).toEqual([specialist.id]);
    expect((await desk(LIST_DIRECTORY, { filter: { search: 'derma' } })).data!.externalProviders.edges.map((e: any) => e.node.name)).toEqual(['Aaron Other']);
    const analyst = await server.gql(await server.token(practiceId, [Role.ANALYST]), LIST_DIRECTORY, {});
    expect(analyst.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('outgoing referral', () => {
  it('runs from draft to closed, surfaces on each work list, creates each overdue task once and prints its letter', async () => {
    const { db, practiceId, provider, patient, today, specialist, desk, clinician, biller } = await office();
    const created = await clinician(CREATE, { input: { patientId: patient.id, providerId: provider.id, externalProviderId: specialist.id, reason: 'Chest pain on exertion; please evaluate.', diagnosisCodes: ['I10', 'r07.9'], urgency: 'URGENT', attachments: [{ reference: 'doc:ecg-1', label: 'ECG tracing' }] } });
    expect(created.errors).toBeUndefined();
    const r = created.data!.createReferral.referral;
    expect(r).toMatchObject({ direction: 'OUTGOING', status: 'DRAFT', diagnosisCodes: ['I10', 'R079'], version: 1 });

    // The patient's payer requires an authorization: sending without one is refused.
    const noAuth = await desk(MOVE, { input: { id: r.id, expectedVersion: 1, to: 'SENT' } });
    expect(noAuth.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const authed = await desk(AUTH, { input: { id: r.id, expectedVersion: 1, authorization: { number: 'AUTH-778', visits: 2, validFrom: addDays(today, -30), validTo: addDays(today, 20) } } });
    expect(authed.data!.updateReferralAuthorization.referral.authorization).toEqual({ number: 'AUTH-778', visits: 2, visitsUsed: 0, visitsLeft: 2, validFrom: addDays(today, -30), validTo: addDays(today, 20) });
    expect((await desk(MOVE, { input: { id: r.id, expectedVersion: 2, to: 'SEEN' } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await desk(MOVE, { input: { id: r.id, expectedVersion: 2, to: 'SENT', on: addDays(today, 1) } })).errors?.[0]?.extensions.fields).toEqual([{ path: 'input.on', message: 'is in the future' }]);
    const sent = await desk(MOVE, { input: { id: r.id, expectedVersion: 2, to: 'SENT', on: addDays(today, -20) } });
    expect(sent.data!.moveReferral.referral).toMatchObject({ status: 'SENT', sentOn: addDays(today, -20), daysWaiting: 20 });

    const waiting = await desk(AWAITING_SCHEDULING, { d: 14 });
    expect(waiting.data!.referralsAwaitingScheduling.edges.map((e: any) => [e.node.id, e.node.daysWaiting, e.node.patient.id, e.node.externalProvider.name])).toEqual([[r.id, 20, patient.id, 'Dr. Example Cardiologist']]);
    // page + count + patients + outside providers + audit flush
    expect(waiting.extensions!.stats!.sqlStatements).toBeLessThanOrEqual(5);
    expect((await desk(AWAITING_SCHEDULING, { d: 21 })).data!.referralsAwaitingScheduling.totalCount).toBe(0);

    // Overdue → one task, however often the sweep runs (and concurrently).
    const sweeps = await Promise.all([desk(SWEEP), desk(SWEEP), createOverdueReferralTasks(db, practiceId, 'sweeper')]);
    expect(sweeps[0].data!.createOverdueReferralTasks.created + sweeps[1].data!.createOverdueReferralTasks.created + sweeps[2]).toBe(1);
    expect((await desk(SWEEP)).data!.createOverdueReferralTasks.created).toBe(0);

    const scheduled = await desk(MOVE, { input: { id: r.id, expectedVersion: 3, to: 'SCHEDULED', scheduledFor: `${addDays(today, -17)}T14:00:00Z` } });
    expect(scheduled.data!.moveReferral.referral.status).toBe('SCHEDULED');
    const seen = await desk(MOVE, { input: { id: r.id, expectedVersion: 4, to: 'SEEN', on: addDays(today, -16) } });
    expect(seen.data!.moveReferral.referral).toMatchObject({ status: 'SEEN', daysWaiting: 16, authorization: { visitsUsed: 1, visitsLeft: 1 } });
    expect((await desk(AWAITING_REPORT, { d: 14 })).data!.referralsAwaitingReport.edges.map((e: any) => [e.node.id, e.node.daysWaiting])).toEqual([[r.id, 16]]);
    expect((await desk(AWAITING_REPORT, {})).data!.referralsAwaitingReport.totalCount).toBe(1);
    expect((await desk(SWEEP)).data!.createOverdueReferralTasks.created).toBe(1);
    expect((await desk(SWEEP)).data!.createOverdueReferralTasks.created).toBe(0);

    const report = await desk(MOVE, { input: { id: r.id, expectedVersion: 5, to: 'REPORT_RECEIVED', report: { reference: 'doc:consult-1', label: 'Consult note' } } });
    expect(report.data!.moveReferral.referral).toMatchObject({ status: 'REPORT_RECEIVED', reportReceivedOn: today });
    expect((await biller(MOVE, { input: { id: r.id, expectedVersion: 6, to: 'CLOSED' } })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await desk(MOVE, { input: { id: r.id, expectedVersion: 6, to: 'CLOSED' } })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const closed = await clinician(MOVE, { input: { id: r.id, expectedVersion: 6, to: 'CLOSED', note: 'Reviewed: continue current plan' } });
    expect(closed.data!.moveReferral.referral).toMatchObject({ status: 'CLOSED', reviewedBy: 'doc-1', version: 7 });
    expect((await clinician(MOVE, { input: { id: r.id, expectedVersion: 7, to: 'CANCELLED', note: 'x' } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const read = await biller(ONE, { id: r.id });
    expect(read.data!.referral.history.map((h: any) => [h.fromStatus, h.toStatus, h.byUserId])).toEqual([
      [null, 'DRAFT', 'doc-1'],
      ['DRAFT', 'SENT', 'desk-1'],
      ['SENT', 'SCHEDULED', 'desk-1'],
      ['SCHEDULED', 'SEEN', 'desk-1'],
      ['SEEN', 'REPORT_RECEIVED', 'desk-1'],
      ['REPORT_RECEIVED', 'CLOSED', 'doc-1'],
    ]);
    expect(read.data!.referral.history[5].note).toBe('Reviewed: continue current plan');
    expect(read.data!.referral.tasks.map((t: any) => [t.sourceKey, t.queueRole, t.status])).toEqual([
      [`referral:${r.id}:not-scheduled`, 'FRONT_DESK', 'DONE'],
      [`referral:${r.id}:no-report`, 'FRONT_DESK', 'DONE'],
    ]);
    // Each closed itself when its step happened, in the step's transaction, by the one who moved the referral.
    const taskIds = read.data!.referral.tasks.map((t: any) => t.id);
    const events = await db.select().from(taskEvents).where(inArray(taskEvents.taskId, taskIds)).orderBy(asc(taskEvents.seq));
    expect(events.filter((e) => e.kind === 'STATUS_CHANGED').map((e) => [e.taskId, e.fromStatus, e.toStatus, e.byUserId, e.comment])).toEqual([
      [taskIds[0], 'OPEN', 'DONE', 'desk-1', 'Closed automatically: the referral moved to SCHEDULED'],
      [taskIds[1], 'OPEN', 'DONE', 'desk-1', 'Closed automatically: the referral moved to REPORT_RECEIVED'],
    ]);
    expect((await db.select().from(tasks).where(inArray(tasks.id, taskIds))).every((t) => t.closedAt !== null && t.version === 2)).toBe(true);

    const letter = await desk(LETTER, { id: r.id });
    expect(letter.data!.referralLetter).toMatchObject({ contentType: 'application/pdf' });
    const bytes = Buffer.from(letter.data!.referralLetter.base64, 'base64');
    expect(bytes.length).toBe(letter.data!.referralLetter.byteLength);
    const text = (await pdfPagesText(bytes)).join('\n');
    for (const expected of ['Referral for consultation', 'Dr. Example Cardiologist', specialist.npi, 'Harriet Quillfeather', '1960-02-03', patient.mrn, 'Chest pain on exertion', 'I10', 'Essential (primary) hypertension', 'R07.9', 'AUTH-778', 'ECG tracing', 'Consult note', 'URGENT', provider.npi]) expect(text).toContain(expected);
    expect((await auditEntries(db, { practiceId, entityId: r.id, action: 'EXPORT' })).length).toBe(1);
  });

  it('lists authorizations ending soon or out of visits, declines with a reason, and refuses bad input', async () => {
    const { db, practiceId, provider, patient, today, specialist, desk, biller } = await office();
    const make = async (authorization: Record<string, unknown> | null) => (await desk(CREATE, { input: { patientId: patient.id, providerId: provider.id, externalProviderId: specialist.id, reason: 'Evaluate', authorization } })).data!.createReferral.referral;
    const ending = await make({ number: 'A1', validTo: addDays(today, 10) });
    const later = await make({ number: 'A2', validTo: addDays(today, 200), visits: 1 });
    await make({ number: 'A3', validTo: addDays(today, 200) });
    const expiring = await desk(EXPIRING);
    expect(expiring.data!.referralAuthorizationsExpiring.edges.map((e: any) => e.node.id)).toEqual([ending.id]);
    await desk(MOVE, { input: { id: later.id, expectedVersion: 1, to: 'SENT' } });
    await desk(MOVE, { input: { id: later.id, expectedVersion: 2, to: 'SCHEDULED', scheduledFor: '2026-01-01T15:00:00Z' } });
    await desk(MOVE, { input: { id: later.id, expectedVersion: 3, to: 'SEEN' } });
    expect((await desk(EXPIRING)).data!.referralAuthorizationsExpiring.edges.map((e: any) => [e.node.id, e.node.authorization.visitsLeft])).toEqual([[ending.id, null], [later.id, 0]]);

    await desk(MOVE, { input: { id: ending.id, expectedVersion: 1, to: 'SENT' } });
    expect((await desk(MOVE, { input: { id: ending.id, expectedVersion: 2, to: 'DECLINED' } })).errors?.[0]?.extensions.fields).toEqual([{ path: 'input.note', message: 'the reason is required to mark it DECLINED' }]);
    expect((await desk(MOVE, { input: { id: ending.id, expectedVersion: 2, to: 'DECLINED', note: 'Not accepting new patients' } })).data!.moveReferral.referral).toMatchObject({ status: 'DECLINED', declineReason: 'Not accepting new patients' });
    expect((await desk(MOVE, { input: { id: ending.id, expectedVersion: 1, to: 'CANCELLED', note: 'x' } })).errors?.[0]?.extensions.code).toBe('VERSION_CONFLICT');

    const before = await db.select({ n: count() }).from(referrals).where(eq(referrals.practiceId, practiceId));
    const badCode = await desk(CREATE, { input: { patientId: patient.id, providerId: provider.id, externalProviderId: specialist.id, reason: 'x', diagnosisCodes: ['I10', 'ZZZ'] } });
    expect(badCode.errors?.[0]?.extensions.fields?.[0]?.path).toBe('input.diagnosisCodes.1');
    const badDates = await desk(CREATE, { input: { patientId: patient.id, providerId: provider.id, externalProviderId: specialist.id, reason: 'x', authorization: { validFrom: '2026-02-01', validTo: '2026-01-01' } } });
    expect(badDates.errors?.[0]?.extensions.fields).toEqual([{ path: 'input.authorization.validTo', message: 'must not be before validFrom' }]);
    const other = await office();
    expect((await desk(CREATE, { input: { patientId: other.patient.id, providerId: provider.id, externalProviderId: specialist.id, reason: 'x' } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await desk(CREATE, { input: { patientId: patient.id, providerId: provider.id, externalProviderId: other.specialist.id, reason: 'x' } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await other.desk(ONE, { id: ending.id })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await biller(CREATE, { input: { patientId: patient.id, providerId: provider.id, externalProviderId: specialist.id, reason: 'x' } })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await db.select({ n: count() }).from(referrals).where(eq(referrals.practiceId, practiceId))).toEqual(before);
  });
});

describe('incoming referral', () => {
  it('matches or registers the patient with the duplicate check, and puts a booking request on the waitlist with a task to book it', async () => {
    const { db, practiceId, location, type, patient, today, specialist, desk } = await office();
    const base = { referringProviderId: specialist.id, reason: 'New patient, hypertension follow-up', diagnosisCodes: ['I10'], urgency: 'URGENT', booking: { appointmentTypeId: type.id, locationId: location.id, latestDate: addDays(today, 14) } };
    const newPatient = patientInput({ legalName: { given: 'Harriet', family: 'Quillfeather' }, dateOfBirth: '1960-02-03' });
    const dup = await desk(RECEIVE, { input: { ...base, newPatient } });
    expect(dup.errors).toBeUndefined();
    expect(dup.data!.receiveReferral).toEqual({ referral: null, likelyDuplicates: [{ id: patient.id }] });
    expect(await db.$count(waitlistEntries, eq(waitlistEntries.practiceId, practiceId))).toBe(0);
    expect(await db.$count(referrals, eq(referrals.practiceId, practiceId))).toBe(0);

    const matched = await desk(RECEIVE, { input: { ...base, patientId: patient.id } });
    const ref = matched.data!.receiveReferral.referral;
    expect(ref).toMatchObject({ direction: 'INCOMING', status: 'RECEIVED', patientId: patient.id });
    expect(ref.tasks).toEqual([{ sourceKey: `referral:${ref.id}:book`, queueRole: 'FRONT_DESK', priority: 'URGENT', about: { type: 'REFERRAL', id: ref.id } }]);
    const [entry] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.id, ref.waitlistEntryId));
    expect(entry).toMatchObject({ patientId: patient.id, appointmentTypeId: type.id, locationId: location.id, latestDate: addDays(today, 14), status: 'WAITING' });

    const registered = await desk(RECEIVE, { input: { ...base, newPatient: { ...newPatient, confirmNotDuplicate: true } } });
    expect(registered.errors).toBeUndefined();
    const newId = registered.data!.receiveReferral.referral.patientId;
    expect(newId).not.toBe(patient.id);
    // Incoming referrals have no letter and no report step.
    expect((await desk(LETTER, { id: ref.id })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await desk(MOVE, { input: { id: ref.id, expectedVersion: 1, to: 'SENT' } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await desk(RECEIVE, { input: { ...base } })).errors?.[0]?.extensions.fields).toEqual([{ path: 'input.patientId', message: 'give exactly one of patientId or newPatient' }]);
  });
});
