import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseRequests } from '../../../server/src/db/schema/release-requests.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { seedDemoReleases } from '../../../server/src/demo/seed-releases.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { DEMO_HOOK_TIMEOUT, demoNow } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
}, DEMO_HOOK_TIMEOUT);

describe('demo release of information', () => {
  it('has a request in every status, and the sent one is in its patient\'s accounting of disclosures; seeding again adds nothing', async () => {
    const db = server.database.db;
    const rows = await db.select().from(releaseRequests).where(eq(releaseRequests.practiceId, DEMO_PRACTICE_ID));
    expect(rows.map((r) => r.status).sort()).toEqual(['APPROVED', 'DENIED', 'REQUESTED', 'SENT']);
    const sent = rows.find((r) => r.status === 'SENT')!;
    const desk = await server.token(DEMO_PRACTICE_ID, [Role.FRONT_DESK]);
    const log = await server.gql(desk, 'query ($p: ID!) { disclosures(patientId: $p) { releaseRequestId recipientOrganization purpose documents { type revision } } }', { p: sent.patientId });
    expect(log.data!.disclosures).toEqual([{ releaseRequestId: sent.id, recipientOrganization: 'Example Orthopedics', purpose: 'Continuity of care', documents: [{ type: 'REFERRAL_LETTER', revision: 2 }] }]);
    const approved = rows.find((r) => r.status === 'APPROVED')!;
    const one = await server.gql(desk, 'query ($id: ID!) { releaseRequest(id: $id) { status authorizationDocument { type status } history { to } } }', { id: approved.id });
    expect(one.data!.releaseRequest).toEqual({ status: 'APPROVED', authorizationDocument: { type: 'CONSENT', status: 'CURRENT' }, history: [{ to: 'REQUESTED' }, { to: 'APPROVED' }] });
    expect(await seedDemoReleases(db, DEMO_PRACTICE_ID, demoNow())).toBe(0);
  });
});
