import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseRequests } from '../../../server/src/db/schema/release-requests.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { seedDemoReleases } from '../../../server/src/demo/seed-releases.js';
import { seedDemoIntake } from '../../../server/src/demo/seed-intake.js';
import { intakeLinks } from '../../../server/src/db/schema/intake.js';
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

describe('demo intake', () => {
  it('has a new-patient form and appointments whose intake is REVIEWED, SUBMITTED, SENT and EXPIRED; seeding again adds nothing', async () => {
    const db = server.database.db;
    const desk = await server.token(DEMO_PRACTICE_ID, [Role.FRONT_DESK]);
    const forms = await server.gql(desk, '{ intakeForms { name current { revision questions { section type } } } }');
    const form = forms.data!.intakeForms.find((f: { name: string }) => f.name === 'New patient intake');
    expect(new Set(form.current.questions.map((q: { section: string }) => q.section)).size).toBe(7);
    expect(new Set(form.current.questions.map((q: { type: string }) => q.type)).size).toBe(7);
    const links = await db.select({ appointmentId: intakeLinks.appointmentId }).from(intakeLinks).where(eq(intakeLinks.practiceId, DEMO_PRACTICE_ID));
    const statuses = await Promise.all(links.map(async (l) => (await server.gql(desk, 'query ($id: ID!) { appointment(id: $id) { intake { status submissionId } } }', { id: l.appointmentId })).data!.appointment.intake));
    expect(statuses.map((s: { status: string }) => s.status).sort()).toEqual(['EXPIRED', 'REVIEWED', 'SENT', 'SUBMITTED']);
    const waiting = statuses.find((s: { status: string }) => s.status === 'SUBMITTED')!;
    const sub = await server.gql(desk, 'query ($id: ID!) { intakeSubmission(id: $id) { signatureName answers { key value } } }', { id: waiting.submissionId });
    expect(sub.data!.intakeSubmission.signatureName).toBe('Demo Patient 2');
    // Its insurance card photo was uploaded through the link: a PNG made in code, stored as an INSURANCE_CARD document.
    const cardId = sub.data!.intakeSubmission.answers.find((a: { key: string }) => a.key === 'card_front').value;
    const card = await server.gql(desk, 'query ($id: ID!) { document(id: $id) { type mediaType sizeBytes uploadedBy contentPath } }', { id: cardId });
    expect(card.data!.document).toMatchObject({ type: 'INSURANCE_CARD', mediaType: 'image/png', uploadedBy: expect.stringMatching(/^intake-link:/) });
    const png = new Uint8Array(await (await fetch(server.url.replace('/graphql', card.data!.document.contentPath), { headers: { authorization: `Bearer ${desk}` } })).arrayBuffer());
    expect(png.length).toBe(card.data!.document.sizeBytes);
    // IHDR: a real picture of card proportions, 8-bit truecolour.
    const view = new DataView(png.buffer);
    expect([view.getUint32(16), view.getUint32(20), png[24], png[25]]).toEqual([172, 108, 8, 2]);
    expect(await seedDemoIntake(db, DEMO_PRACTICE_ID, demoNow())).toBe(0);
  });
});
