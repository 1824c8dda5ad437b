import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, isMedofficeError, type TaskChangedSubscription } from '@medoffice/sdk';
import { insertCoverage } from '../factories/loops.factory.js';
import { syntheticNpi } from '../../server/src/demo/synthetic.js';
import { Role } from '../../server/src/graphql/roles.js';
import { todayIn } from '../../server/src/lib/dates.js';
import { addDays } from '../../server/src/lib/local-time.js';
import { ensureCodeFixture } from '../../server/src/modules/codes/code-fixture.js';
import { taskQueueTopic } from '../../server/src/modules/tasks/task-change.publisher.js';
import { insertAppointment, officeWithProvider } from '../factories/appointment.factory.js';
import { insertPayer } from '../factories/insurance.factory.js';
import { insertPatient } from '../factories/patient.factory.js';
import { pdfPagesText } from '../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/ws-client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
});

async function office() {
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const payer = await insertPayer(db, practiceId, { priorAuthorizationRequired: true });
  const patient = await insertPatient(db, practiceId);
  await insertCoverage(db, practiceId, patient.id, payer.id);
  const client = async (roles: Role[], userId: string) => createClient({ url: server.url, token: await server.token(practiceId, roles, userId), retry: false, webSocketImpl: WebSocket });
  return { practiceId, location, provider, type, payer, patient, today: todayIn('America/New_York'), desk: await client([Role.FRONT_DESK], 'desk-1'), doc: await client([Role.CLINICIAN], 'doc-1') };
}

describe('SDK: the office loops as a front-desk app and a clinician app use them', () => {
  it('runs a referral from draft to closed, working the task its overdue wait created', async () => {
    const { practiceId, provider, patient, payer, today, desk, doc } = await office();
    const { createExternalProvider } = await desk.createExternalProvider({ input: { name: 'Dr. Sdk Specialist', npi: syntheticNpi(510000000 + Math.floor(Math.random() * 1e6)), taxonomyCode: '207RC0000X', specialty: 'Cardiology', fax: '+12125550199', acceptedPayerIds: [payer.id] } });
    const specialist = createExternalProvider.externalProvider;
    const { createReferral } = await doc.createReferral({ input: { patientId: patient.id, providerId: provider.id, externalProviderId: specialist.id, reason: 'Palpitations', diagnosisCodes: ['I48.0'], urgency: 'URGENT', authorization: { number: 'SDK-1', visits: 2, validTo: addDays(today, 60) } } });
    let r = createReferral.referral;
    expect(r.status).toBe('DRAFT');

    // The front desk watches its queue while the referral waits.
    const queue = desk.taskChanged({ role: 'FRONT_DESK' })[Symbol.asyncIterator]();
    const firstEvent = queue.next();
    await waitUntil(() => server.app.pubsub.localSubscriberCount(taskQueueTopic(practiceId, 'FRONT_DESK')) === 1);

    r = (await desk.moveReferral({ input: { id: r.id, expectedVersion: r.version, to: 'SENT', on: addDays(today, -15) } })).moveReferral.referral;
    const waiting = await desk.referralsAwaitingScheduling({ olderThanDays: 14 });
    expect(waiting.referralsAwaitingScheduling.edges.map((e) => [e.node.id, e.node.daysWaiting, e.node.externalProvider.name])).toEqual([[r.id, 15, 'Dr. Sdk Specialist']]);
    expect((await desk.createOverdueReferralTasks()).createOverdueReferralTasks.created).toBe(1);
    expect((await desk.createOverdueReferralTasks()).createOverdueReferralTasks.created).toBe(0);
    const event = (await firstEvent).value as TaskChangedSubscription;
    expect(event.taskChanged).toMatchObject({ kind: 'CREATED', queueRole: 'FRONT_DESK', assigneeUserId: null });
    await queue.return!();

    // Work the task: claim it from the queue, note the call, finish it.
    const { taskQueue } = await desk.taskQueue({ role: 'FRONT_DESK', filter: { patientId: patient.id } });
    const task = taskQueue.edges[0]!.node;
    expect(task).toMatchObject({ id: event.taskChanged.taskId, sourceKey: `referral:${r.id}:not-scheduled`, about: { type: 'REFERRAL', id: r.id }, priority: 'URGENT' });
    const claimed = (await desk.claimTask({ input: { id: task.id, expectedVersion: task.version } })).claimTask.task;
    await desk.commentOnTask({ input: { id: task.id, comment: 'Specialist office will call the patient' } });
    r = (await desk.moveReferral({ input: { id: r.id, expectedVersion: r.version, to: 'SCHEDULED', scheduledFor: `${addDays(today, -10)}T15:00:00Z` } })).moveReferral.referral;
    // Scheduling the referral closes its not-scheduled task by itself: nothing is left in the desk's inbox.
    expect(claimed.status).toBe('IN_PROGRESS');
    const mine: string[] = [];
    for await (const t of desk.paginate.myTasks({ first: 1 })) mine.push(t.id);
    expect(mine).toEqual([]);

    r = (await desk.moveReferral({ input: { id: r.id, expectedVersion: r.version, to: 'SEEN', on: addDays(today, -10) } })).moveReferral.referral;
    expect(r.authorization).toMatchObject({ visitsUsed: 1, visitsLeft: 1 });
    r = (await desk.moveReferral({ input: { id: r.id, expectedVersion: r.version, to: 'REPORT_RECEIVED', report: { reference: 'doc:report', label: 'Consult report' } } })).moveReferral.referral;
    const refused = await desk.moveReferral({ input: { id: r.id, expectedVersion: r.version, to: 'CLOSED' } }).catch((e: unknown) => e);
    expect(isMedofficeError(refused) && refused.code).toBe('FORBIDDEN');
    r = (await doc.moveReferral({ input: { id: r.id, expectedVersion: r.version, to: 'CLOSED', note: 'Report reviewed' } })).moveReferral.referral;
    expect(r).toMatchObject({ status: 'CLOSED', reviewedBy: 'doc-1' });

    const { referral } = await desk.referral({ id: r.id });
    expect(referral.history.map((h) => h.toStatus)).toEqual(['DRAFT', 'SENT', 'SCHEDULED', 'SEEN', 'REPORT_RECEIVED', 'CLOSED']);
    expect(referral.tasks.map((t) => [t.sourceKey, t.status])).toEqual([[`referral:${r.id}:not-scheduled`, 'DONE']]);
    const { task: history } = await desk.task({ id: task.id });
    expect(history.history.map((h) => h.kind)).toEqual(['CREATED', 'CLAIMED', 'COMMENTED', 'STATUS_CHANGED']);

    // The patient's chart shows the referral; the closed loop leaves no open work about the patient.
    const chart = await desk.patientReferrals({ patientId: patient.id });
    expect(chart.patient.referrals.map((x) => [x.id, x.status])).toEqual([[r.id, 'CLOSED']]);
    expect((await desk.patientTasks({ patientId: patient.id })).patient.tasks).toEqual([]);

    const { referralLetter } = await desk.referralLetter({ id: r.id });
    const text = (await pdfPagesText(Buffer.from(referralLetter.base64, 'base64'))).join('\n');
    for (const expected of ['Dr. Sdk Specialist', 'Palpitations', 'I48.0', 'Paroxysmal atrial fibrillation', 'SDK-1']) expect(text).toContain(expected);
  });

  it('runs an order from ordered to reviewed, with the review task its waiting result created', async () => {
    const { provider, patient, today, desk, doc } = await office();
    let o = (await doc.placeOrder({ input: { patientId: patient.id, orderingProviderId: provider.id, kind: 'LAB', codes: ['4548-4'], diagnosisCodes: ['E11.9'], dueDate: addDays(today, 7), performingOrganization: 'Example Lab' } })).placeOrder.order;
    expect(o).toMatchObject({ status: 'ORDERED', overdue: false });
    const { openOrders } = await desk.openOrders({ filter: { list: 'NOT_SCHEDULED', patientId: patient.id } });
    expect(openOrders.edges.map((e) => e.node.id)).toEqual([o.id]);
    const denied = await desk.placeOrder({ input: { patientId: patient.id, orderingProviderId: provider.id, kind: 'LAB', codes: ['4548-4'] } }).catch((e: unknown) => e);
    expect(isMedofficeError(denied) && denied.code).toBe('FORBIDDEN');

    o = (await desk.moveOrder({ input: { id: o.id, expectedVersion: o.version, to: 'SCHEDULED', scheduledFor: `${addDays(today, -7)}T13:00:00Z` } })).moveOrder.order;
    o = (await doc.moveOrder({ input: { id: o.id, expectedVersion: o.version, to: 'COLLECTED', at: `${addDays(today, -7)}T13:10:00Z` } })).moveOrder.order;
    o = (await desk.moveOrder({ input: { id: o.id, expectedVersion: o.version, to: 'RESULTED', at: `${addDays(today, -5)}T09:00:00Z`, resultReference: 'result:a1c' } })).moveOrder.order;
    // The result has waited five days: the sweep gives the clinicians' queue one review task.
    expect((await desk.createOverdueOrderTasks()).createOverdueOrderTasks.created).toBe(1);
    expect((await doc.createOverdueOrderTasks()).createOverdueOrderTasks.created).toBe(0);
    const { taskQueue } = await doc.taskQueue({ role: 'CLINICIAN' });
    const task = taskQueue.edges.map((e) => e.node).find((t) => t.about?.id === o.id)!;
    expect(task.sourceKey).toBe(`order:${o.id}:review`);
    const claimed = (await doc.claimTask({ input: { id: task.id, expectedVersion: task.version } })).claimTask.task;
    expect(claimed.assigneeUserId).toBe('doc-1');
    // Reviewing the order closes its review task by itself.
    o = (await doc.moveOrder({ input: { id: o.id, expectedVersion: o.version, to: 'REVIEWED', note: 'A1c at goal' } })).moveOrder.order;

    const { order } = await desk.order({ id: o.id });
    expect(order).toMatchObject({ status: 'REVIEWED', reviewedBy: 'doc-1', resultReference: 'result:a1c' });
    expect(order.history.map((h) => h.toStatus)).toEqual(['ORDERED', 'SCHEDULED', 'COLLECTED', 'RESULTED', 'REVIEWED']);
    expect(order.tasks.map((t) => [t.sourceKey, t.status, t.assigneeUserId])).toEqual([[`order:${o.id}:review`, 'DONE', 'doc-1']]);
    expect((await desk.openOrders({ filter: { patientId: patient.id } })).openOrders.totalCount).toBe(0);
    expect((await desk.patientOrders({ patientId: patient.id })).patient.orders.map((x) => [x.id, x.status])).toEqual([[o.id, 'REVIEWED']]);
  });

  it('reads the orders done at a visit and the open tasks of a patient', async () => {
    const { practiceId, location, provider, type, patient, today, desk, doc } = await office();
    const visit = await insertAppointment(server.database.db, practiceId, { patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id }, new Date(`${addDays(today, 3)}T15:00:00Z`));
    const placed = (await doc.placeOrder({ input: { patientId: patient.id, orderingProviderId: provider.id, kind: 'PROCEDURE', codes: ['20610'], dueDate: addDays(today, 3) } })).placeOrder.order;
    const o = (await desk.moveOrder({ input: { id: placed.id, expectedVersion: placed.version, to: 'SCHEDULED', appointmentId: visit.id } })).moveOrder.order;
    expect((await desk.appointmentOrders({ appointmentId: visit.id })).appointment.orders.map((x) => [x.id, x.appointmentId])).toEqual([[o.id, visit.id]]);
    const { createTask } = await desk.createTask({ input: { title: 'Send pre-procedure instructions', patientId: patient.id, queueRole: 'FRONT_DESK', dueDate: addDays(today, -1) } });
    expect((await doc.patientTasks({ patientId: patient.id })).patient.tasks.map((t) => [t.id, t.overdue])).toEqual([[createTask.task.id, true]]);
  });

  it('logs a call with a follow-up task and finds it in the correspondence log', async () => {
    const { patient, desk } = await office();
    const { logContact } = await desk.logContact({ input: { channel: 'PHONE', direction: 'INBOUND', patientId: patient.id, topic: 'Lab question', summary: 'Asks about fasting', followUp: { title: 'Call back with instructions', priority: 'HIGH' } } });
    const { contacts } = await desk.contacts({ filter: { patientId: patient.id } });
    expect(contacts.edges.map((e) => e.node.id)).toEqual([logContact.contact.id]);
    const { myTasks } = await desk.myTasks({ filter: { patientId: patient.id } });
    expect(myTasks.edges.map((e) => [e.node.id, e.node.about?.type])).toEqual([[logContact.followUpTaskId, 'CONTACT']]);
  });
});
