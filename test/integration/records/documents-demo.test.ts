import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { patients as patientsTable } from '../../../server/src/db/schema/patients.js';
import { seedDemoPractice } from '../../../server/src/demo/seed-demo.js';
import { seedDemoDocuments } from '../../../server/src/demo/seed-documents.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const LIST = 'query($p: ID!, $h: Boolean) { documents(patientId: $p, includeHistory: $h) { totalCount edges { node { id type status revision mediaType contentPath } } } }';

describe('demo documents', () => {
  it('seeds versions, a card image, an entered-in-error consent and billing documents, once, readable through the API', async () => {
    const db = server.database.db;
    const { practiceId } = await seedDemoPractice(db, 5, randomUUID(), 'Documents demo', { office: false });
    const now = new Date();
    expect(await seedDemoDocuments(db, practiceId, now)).toBe(7);
    expect(await seedDemoDocuments(db, practiceId, now)).toBe(0);

    const desk = await server.token(practiceId, [Role.FRONT_DESK]);
    const ids = (await db.select({ id: patientsTable.id }).from(patientsTable).where(eq(patientsTable.practiceId, practiceId)).orderBy(asc(patientsTable.mrn)).limit(3)).map((r) => r.id);
    const patients = await Promise.all(ids.map(async (id) => (await server.gql(desk, 'query($id: ID!) { patient(id: $id) { id documents { type status } } }', { id })).data!.patient));
    expect(patients.map((p: { documents: { type: string }[] }) => p.documents.map((d) => d.type).sort())).toEqual([
      ['INSURANCE_CARD', 'REFERRAL_LETTER'],
      ['LAB_REPORT'],
      ['OUTSIDE_RECORD', 'PAYER_CORRESPONDENCE'],
    ]);
    const history = (await server.gql(desk, LIST, { p: patients[0].id, h: true })).data!.documents.edges.map((e: { node: unknown }) => e.node);
    expect(history.filter((d: { type: string }) => d.type === 'REFERRAL_LETTER').map((d: { status: string; revision: number }) => [d.revision, d.status]).sort()).toEqual([[1, 'SUPERSEDED'], [2, 'CURRENT']]);
    expect((await server.gql(desk, LIST, { p: patients[1].id, h: true })).data!.documents.edges.map((e: { node: { status: string } }) => e.node.status).sort()).toEqual(['CURRENT', 'ENTERED_IN_ERROR']);

    // Every seeded version downloads with the media type detected from its bytes.
    for (const d of history) {
      const res = await fetch(server.url.replace('/graphql', d.contentPath), { headers: { authorization: `Bearer ${desk}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')?.split(';')[0]).toBe(d.mediaType);
    }
    const biller = await server.token(practiceId, [Role.BILLER]);
    expect((await server.gql(biller, LIST, { p: patients[2].id })).data!.documents.edges.map((e: { node: { type: string } }) => e.node.type)).toEqual(['PAYER_CORRESPONDENCE']);
  });
});
