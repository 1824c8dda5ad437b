import { createClient } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/graphql/roles.js';
import { insertPatient } from '../factories/patient.factory.js';
import { createPractice } from '../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('SDK: audit operations', () => {
  it('an administrator pages the trail both ways and verifies its chain', async () => {
    const practiceId = await createPractice(server.database.db);
    const patient = await insertPatient(server.database.db, practiceId);
    const desk = createClient({ url: server.url, token: await server.token(practiceId, [Role.FRONT_DESK], 'desk-sdk'), retry: false });
    await desk.patient({ id: patient.id });
    const admin = createClient({ url: server.url, token: await server.token(practiceId, [Role.PRACTICE_ADMIN], 'admin-sdk'), retry: false });

    const newest = await admin.auditEvents({ first: 1 });
    expect(newest.auditEvents.edges.map((e) => [e.node.entityType, e.node.entityId, e.node.userId])).toEqual([['Patient', patient.id, 'desk-sdk']]);
    // From the oldest end: the same single event (the admin's own read is recorded after the response).
    const oldest = await admin.auditEvents({ last: 1 });
    expect(oldest.auditEvents.edges.map((e) => e.node.id)).toEqual(newest.auditEvents.edges.map((e) => e.node.id));

    const { verifyAuditTrail } = await admin.verifyAuditTrail();
    expect(verifyAuditTrail).toMatchObject({ intact: true, firstBreak: null, firstSeq: 1 });
    expect(verifyAuditTrail.lastLink?.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
