import { createClient } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { pdfPagesText } from '../../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const enc = new TextEncoder();
const PDF = enc.encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('release of information cover sheet', () => {
  it('prints requester, purpose, patient, authorization reference, date and exactly the released versions of a sent release; audited as an export', { timeout: 120_000 }, async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const patient = await insertPatient(db, practiceId, { givenName: 'Coverella', familyName: 'Sheetson', dateOfBirth: '1961-02-03' });
    const deskToken = await server.token(practiceId, [Role.FRONT_DESK], 'desk-9');
    const upload = async (params: Record<string, string>, body: Uint8Array = PDF, type = 'application/pdf') => {
      const res = await fetch(server.url.replace('/graphql', `/documents?${new URLSearchParams({ patientId: patient.id, ...params })}`), { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${deskToken}` }, body: body as Uint8Array<ArrayBuffer> });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; sha256: string };
    };
    const consent = await upload({ type: 'CONSENT', documentDate: '2026-11-01', title: 'Signed HIPAA authorization' }, enc.encode('%PDF-1.4\n% signed authorization\n%%EOF\n'));
    const letter = await upload({ type: 'REFERRAL_LETTER', documentDate: '2026-03-01', title: 'Cardiology referral' });
    const record = await upload({ type: 'OUTSIDE_RECORD', documentDate: '2026-06-15', title: 'Hospital discharge summary' }, enc.encode('Discharge summary\n'), 'text/plain');
    const desk = createClient({ url: server.url, token: deskToken, retry: false });
    const admin = createClient({ url: server.url, token: await server.token(practiceId, [Role.PRACTICE_ADMIN], 'admin-9'), retry: false });

    const req = (await desk.createReleaseRequest({ input: { patientId: patient.id, requesterName: 'Dr. Synthetic Receiver', requesterOrganization: 'Synthetic Orthopedics', deliverTo: 'Fax +1 555 0100', purpose: 'Continuity of care', documentIds: [letter.id, record.id], authorizationDocumentId: consent.id, authorizationExpiresOn: '2099-12-31' } })).createReleaseRequest.request;
    // Before sending there is no package to list.
    await expect(desk.releaseCoverSheet({ id: req.id })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'id' }] });
    await admin.approveReleaseRequest({ input: { id: req.id, expectedVersion: 1 } });
    const sent = (await desk.sendReleaseRequest({ input: { id: req.id, expectedVersion: 2 } })).sendReleaseRequest.request;

    const clinician = createClient({ url: server.url, token: await server.token(practiceId, [Role.CLINICIAN], 'doc-9'), retry: false });
    const sheet = (await clinician.releaseCoverSheet({ id: req.id })).releaseCoverSheet;
    expect(sheet).toMatchObject({ contentType: 'application/pdf', fileName: `release-${req.id.slice(0, 8)}-cover.pdf` });
    const bytes = Buffer.from(sheet.base64, 'base64');
    expect(bytes.length).toBe(sheet.byteLength);
    const text = (await pdfPagesText(bytes)).join(' ');
    for (const expected of ['Release of information: cover sheet', 'Dr. Synthetic Receiver', 'Synthetic Orthopedics', 'Fax +1 555 0100', 'Continuity of care', 'Coverella Sheetson', '1961-02-03', patient.mrn, consent.id, 'Signed HIPAA authorization', '2099-12-31', 'desk-9', 'admin-9', 'RECORDS RELEASED (2)', 'Cardiology referral', 'Hospital discharge summary', 'Referral letter', 'Outside record', letter.sha256.slice(0, 12), record.sha256.slice(0, 12), sent.sentAt!.slice(0, 10)]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain(consent.sha256.slice(0, 12));
    expect((await auditEntries(db, { practiceId, action: 'EXPORT', entityType: 'ReleaseRequest' })).map((e) => [e.entityId, e.userId])).toEqual([[req.id, 'doc-9']]);

    // Roles and tenancy: a BILLER is refused; another practice's release does not exist.
    await expect(createClient({ url: server.url, token: await server.token(practiceId, [Role.BILLER]), retry: false }).releaseCoverSheet({ id: req.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stranger = createClient({ url: server.url, token: await server.token(await createPractice(db), [Role.FRONT_DESK]), retry: false });
    await expect(stranger.releaseCoverSheet({ id: req.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.releaseCoverSheet({ id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
