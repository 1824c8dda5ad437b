import { createClient, isMedofficeError } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/graphql/roles.js';
import { officeWithProvider } from '../factories/appointment.factory.js';
import { insertPatient } from '../factories/patient.factory.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('SDK: a lab result from ORU to review', () => {
  it('uploads an ORU, finds the critical result task in the clinicians queue, reviews and releases the result', async () => {
    const db = server.database.db;
    const { practiceId, provider } = await officeWithProvider(db);
    const patient = await insertPatient(db, practiceId);
    const doc = createClient({ url: server.url, token: await server.token(practiceId, [Role.CLINICIAN], 'doc-7'), retry: false });
    const desk = createClient({ url: server.url, token: await server.token(practiceId, [Role.FRONT_DESK], 'desk-7'), retry: false });
    const { placeOrder } = await doc.placeOrder({ input: { patientId: patient.id, orderingProviderId: provider.id, kind: 'LAB', codes: ['2823-3'] } });
    const oru = [
      'MSH|^~\\&|LABSYS|ACME LAB|EHR|OFFICE|20261201093000-0500||ORU^R01|SDK-1|P|2.4',
      `PID|1||${patient.mrn}^^^OFFICE^MR||${patient.familyName}^${patient.givenName}||19750101|M`,
      `OBR|1|${placeOrder.order.id}|F-77|2823-3^Potassium^LN|||20261201080000-0500|||||||||||||||20261201092000-0500|||F`,
      'OBX|1|NM|2823-3^Potassium^LN||6.9|mmol/L|3.5-5.1|HH|||F',
    ].join('\n');

    const { receiveLabMessage } = await doc.receiveLabMessage({ input: { format: 'HL7V2', labMessage: oru } });
    expect(receiveLabMessage.duplicate).toBe(false);
    expect(receiveLabMessage.ack?.split('\r')[1]).toBe('MSA|AA|SDK-1|Message accepted');
    const [result] = receiveLabMessage.results;
    expect(result).toMatchObject({ patientId: patient.id, orderId: placeOrder.order.id, interpretation: 'CRITICAL', observations: [{ code: '2823-3', value: '6.9', abnormalFlag: 'HH' }] });

    const { taskQueue } = await doc.taskQueue({ role: 'CLINICIAN', filter: { patientId: patient.id } });
    const task = taskQueue.edges.map((e) => e.node).find((t) => t.about?.type === 'RESULT' && t.about.id === result!.id);
    expect(task).toMatchObject({ priority: 'URGENT', status: 'OPEN' });

    // The front desk sees that it arrived, not what it says.
    expect((await desk.resultNotices({ patientId: patient.id })).resultNotices.edges.map((e) => e.node)).toEqual([{ id: result!.id, receivedAt: result!.receivedAt, reviewed: false, released: false }]);
    expect((await doc.labResults({ patientId: patient.id })).labResults).toMatchObject({ totalCount: 1, edges: [{ node: { id: result!.id } }], pageInfo: { hasNextPage: false } });
    const refused = await desk.labResult({ id: result!.id }).catch((e: unknown) => e);
    expect(isMedofficeError(refused) && refused.code).toBe('FORBIDDEN');

    const { reviewResult } = await doc.reviewResult({ input: { id: result!.id, expectedVersion: result!.version } });
    expect(reviewResult.reviewedBy).toBe('doc-7');
    const { releaseResult } = await doc.releaseResult({ input: { id: reviewResult.id, expectedVersion: reviewResult.version } });
    expect(releaseResult.releasedAt).not.toBeNull();
    const { task: closed } = await doc.task({ id: task!.id });
    expect(closed.status).toBe('DONE');
    expect((await doc.order({ id: placeOrder.order.id })).order.status).toBe('REVIEWED');

    // Sending it again changes nothing and is acknowledged again.
    const again = await doc.receiveLabMessage({ input: { format: 'HL7V2', labMessage: oru } });
    expect(again.receiveLabMessage).toMatchObject({ duplicate: true, messageId: receiveLabMessage.messageId });
    expect(again.receiveLabMessage.results.map((r) => r.id)).toEqual([result!.id]);
    const malformed = await doc.receiveLabMessage({ input: { format: 'HL7V2', labMessage: oru.replace('|HH|', '|ZZ|').replace('SDK-1', 'SDK-2') } }).catch((e: unknown) => e);
    expect(isMedofficeError(malformed) && malformed.code).toBe('BAD_USER_INPUT');
  });
});
