import { createClient } from '@medoffice/sdk';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseRequestDocuments, releaseRequestHistory, releaseRequests } from '../../../server/src/db/schema/release-requests.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const enc = new TextEncoder();
const PDF = enc.encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const FAR = '2099-12-31';

async function office() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const patient = await insertPatient(db, practiceId);
  const other = await insertPatient(db, practiceId);
  const client = async (roles: Role[], userId?: string) => createClient({ url: server.url, token: await server.token(practiceId, roles, userId), retry: false });
  const deskToken = await server.token(practiceId, [Role.FRONT_DESK], 'desk-1');
  const upload = async (params: Record<string, string>, body: Uint8Array = PDF, type = 'application/pdf') => {
    const res = await fetch(server.url.replace('/graphql', `/documents?${new URLSearchParams(params)}`), { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${deskToken}` }, body: body as Uint8Array<ArrayBuffer> });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const doc = (type: string, documentDate: string, patientId = patient.id) => upload({ patientId, type, documentDate });
  return { db, practiceId, patient, other, client, upload, doc, desk: await client([Role.FRONT_DESK], 'desk-1'), admin: await client([Role.PRACTICE_ADMIN], 'admin-1') };
}

describe('release of information', () => {
  it('REQUESTED → APPROVED → SENT releases exactly the matching current versions, fixed in the package and the accounting of disclosures', async () => {
    const o = await office();
    const authorization = await o.doc('CONSENT', '2026-11-01');
    const oldLetter = await o.doc('REFERRAL_LETTER', '2026-03-01');
    const letterV2 = await o.upload({ supersedesId: oldLetter }, enc.encode('Referral letter, corrected\n'), 'text/plain');
    const record = await o.doc('OUTSIDE_RECORD', '2026-06-15');
    await o.doc('OUTSIDE_RECORD', '2025-01-10'); // before the range
    await o.doc('PAYER_CORRESPONDENCE', '2026-05-01'); // another type
    await o.doc('OUTSIDE_RECORD', '2026-07-01', o.other.id); // another patient

    const created = await o.desk.createReleaseRequest({ input: { patientId: o.patient.id, requesterName: 'Dr. Synthetic Receiver', requesterOrganization: 'Synthetic Orthopedics', deliverTo: 'Fax +1 555 0100', purpose: 'Continuity of care', documentTypes: ['REFERRAL_LETTER', 'OUTSIDE_RECORD'], fromDate: '2026-01-01', toDate: '2026-12-31', authorizationDocumentId: authorization, authorizationExpiresOn: FAR, idempotencyKey: 'roi-key-0001' } });
    const req = created.createReleaseRequest.request;
    expect(req).toMatchObject({ status: 'REQUESTED', requestedBy: 'desk-1', version: 1, released: [], history: [{ from: null, to: 'REQUESTED', changedBy: 'desk-1' }] });
    // A retry with the key returns the same request.
    const again = await o.desk.createReleaseRequest({ input: { patientId: o.patient.id, requesterName: 'Dr. Synthetic Receiver', purpose: 'Continuity of care', documentTypes: ['REFERRAL_LETTER', 'OUTSIDE_RECORD'], authorizationDocumentId: authorization, authorizationExpiresOn: FAR, idempotencyKey: 'roi-key-0001' } });
    expect(again.createReleaseRequest).toMatchObject({ replayed: true, request: { id: req.id } });

    // Sending before approval, and approving as the front desk, are refused.
    await expect(o.desk.sendReleaseRequest({ input: { id: req.id, expectedVersion: 1 } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(o.desk.approveReleaseRequest({ input: { id: req.id, expectedVersion: 1 } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(o.admin.approveReleaseRequest({ input: { id: req.id, expectedVersion: 7 } })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const approved = (await o.admin.approveReleaseRequest({ input: { id: req.id, expectedVersion: 1, note: 'Authorization signed and valid' } })).approveReleaseRequest.request;
    expect(approved).toMatchObject({ status: 'APPROVED', decidedBy: 'admin-1', decisionNote: 'Authorization signed and valid', version: 2 });

    const sent = (await o.desk.sendReleaseRequest({ input: { id: req.id, expectedVersion: 2, note: 'Fax confirmation 4411' } })).sendReleaseRequest.request;
    expect(sent).toMatchObject({ status: 'SENT', sentBy: 'desk-1', version: 3 });
    expect(sent.released.map((d) => d.documentId)).toEqual([record, letterV2]);
    expect(sent.history.map((h) => `${h.from}>${h.to}`)).toEqual(['null>REQUESTED', 'REQUESTED>APPROVED', 'APPROVED>SENT']);
    // Each released version is audited as an export.
    const exports = await auditEntries(o.db, { practiceId: o.practiceId, action: 'EXPORT', entityType: 'Document' });
    expect(exports.map((e) => e.entityId).sort()).toEqual([record, letterV2].sort());

    // A newer version of a released document does not change what was disclosed.
    await o.upload({ supersedesId: record }, enc.encode('Outside record v2\n'), 'text/plain');
    const clinician = await o.client([Role.CLINICIAN]);
    const log = (await clinician.disclosures({ patientId: o.patient.id })).disclosures;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ releaseRequestId: req.id, recipientName: 'Dr. Synthetic Receiver', recipientOrganization: 'Synthetic Orthopedics', purpose: 'Continuity of care', disclosedBy: 'desk-1' });
    expect(log[0]!.documents.map((d) => [d.documentId, d.revision])).toEqual([[record, 1], [letterV2, 2]]);
    expect((await auditEntries(o.db, { practiceId: o.practiceId, entityType: 'Disclosure' })).map((e) => e.entityId)).toEqual([req.id]);
    expect((await clinician.releaseRequest({ id: req.id })).releaseRequest.authorizationDocument).toMatchObject({ id: authorization, type: 'CONSENT' });
    expect((await clinician.disclosures({ patientId: o.other.id })).disclosures).toEqual([]);

    // The database keeps the disclosure: a SENT request, its history and its package never change.
    await expect(o.db.update(releaseRequests).set({ purpose: 'x' }).where(eq(releaseRequests.id, req.id))).rejects.toThrow();
    await expect(o.db.delete(releaseRequestDocuments).where(eq(releaseRequestDocuments.releaseRequestId, req.id))).rejects.toThrow();
    await expect(o.db.delete(releaseRequestHistory).where(eq(releaseRequestHistory.releaseRequestId, req.id))).rejects.toThrow();
  });

  it('chosen versions: sending is refused once one is entered in error, or after the authorization expired; nothing is stored', async () => {
    const o = await office();
    const authorization = await o.doc('CONSENT', '2026-11-01');
    const a = await o.doc('LAB_REPORT', '2026-10-01');
    const b = await o.doc('OUTSIDE_RECORD', '2026-09-01');
    const create = async () => (await o.desk.createReleaseRequest({ input: { patientId: o.patient.id, requesterName: 'Synthetic Law LLP', purpose: 'Legal', documentIds: [a, b], authorizationDocumentId: authorization, authorizationExpiresOn: FAR } })).createReleaseRequest.request;
    const approve = async (id: string) => (await o.admin.approveReleaseRequest({ input: { id, expectedVersion: 1 } })).approveReleaseRequest.request;

    const first = await approve((await create()).id);
    await o.admin.markDocumentEnteredInError({ input: { id: b, reason: 'Filed to the wrong chart' } });
    await expect(o.desk.sendReleaseRequest({ input: { id: first.id, expectedVersion: 2 } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });

    const b2 = await o.doc('OUTSIDE_RECORD', '2026-09-01');
    const second = await approve((await o.desk.createReleaseRequest({ input: { patientId: o.patient.id, requesterName: 'Synthetic Law LLP', purpose: 'Legal', documentIds: [a, b2], authorizationDocumentId: authorization, authorizationExpiresOn: FAR } })).createReleaseRequest.request.id);
    // The authorization's last day passes before the package goes out.
    await o.db.execute(sql`update release_requests set authorization_expires_on = current_date - 2 where id = ${second.id}`);
    await expect(o.desk.sendReleaseRequest({ input: { id: second.id, expectedVersion: 2 } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/expired/) });
    await o.db.execute(sql`update release_requests set authorization_expires_on = ${FAR} where id = ${second.id}`);
    // The authorization itself entered in error refuses the send too.
    await o.admin.markDocumentEnteredInError({ input: { id: authorization, reason: 'Unsigned' } });
    await expect(o.desk.sendReleaseRequest({ input: { id: second.id, expectedVersion: 2 } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/authorization document/) });

    expect(await o.db.$count(releaseRequestDocuments, eq(releaseRequestDocuments.practiceId, o.practiceId))).toBe(0);
    expect((await o.desk.releaseRequests({ patientId: o.patient.id })).releaseRequests.map((r) => r.status)).toEqual(['APPROVED', 'APPROVED']);
    expect((await o.desk.disclosures({ patientId: o.patient.id })).disclosures).toEqual([]);
    // A denial is final.
    const third = await o.desk.createReleaseRequest({ input: { patientId: o.patient.id, requesterName: 'Synthetic Insurer', purpose: 'Underwriting', authorizationDocumentId: await o.doc('CONSENT', '2026-11-02'), authorizationExpiresOn: FAR } });
    const denied = (await o.admin.denyReleaseRequest({ input: { id: third.createReleaseRequest.request.id, expectedVersion: 1, reason: 'Authorization does not name this requester' } })).denyReleaseRequest.request;
    expect(denied).toMatchObject({ status: 'DENIED', decisionNote: 'Authorization does not name this requester' });
    await expect(o.admin.approveReleaseRequest({ input: { id: denied.id, expectedVersion: denied.version } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('bad requests name the field and store nothing', async () => {
    const o = await office();
    const consent = await o.doc('CONSENT', '2026-11-01');
    const letter = await o.doc('REFERRAL_LETTER', '2026-11-01');
    const othersConsent = await o.doc('CONSENT', '2026-11-01', o.other.id);
    const base = { patientId: o.patient.id, requesterName: 'Synthetic Receiver', purpose: 'Care', authorizationDocumentId: consent, authorizationExpiresOn: FAR };
    const cases: [Record<string, unknown>, string][] = [
      [{ authorizationDocumentId: letter }, 'input.authorizationDocumentId'],
      [{ authorizationDocumentId: othersConsent }, 'input.authorizationDocumentId'],
      [{ authorizationExpiresOn: '2020-01-01' }, 'input.authorizationExpiresOn'],
      [{ documentIds: [letter], documentTypes: ['LAB_REPORT'] }, 'input.documentIds'],
      [{ fromDate: '2026-05-01', toDate: '2026-04-01' }, 'input.toDate'],
      [{ documentIds: [othersConsent] }, 'input.documentIds.0'],
      [{ requesterName: '   ' }, 'input.requesterName'],
    ];
    for (const [patch, path] of cases) {
      await expect(o.desk.createReleaseRequest({ input: { ...base, ...patch } }), path).rejects.toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path })] });
    }
    await expect(o.desk.createReleaseRequest({ input: { ...base, patientId: crypto.randomUUID() } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(o.desk.createReleaseRequest({ input: { ...base, documentIds: [crypto.randomUUID()] } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await o.db.$count(releaseRequests, eq(releaseRequests.practiceId, o.practiceId))).toBe(0);
  });

  it('roles and tenancy: BILLER, ANALYST nothing; CLINICIAN reads only; another practice is NOT_FOUND; disclosures cost fixed statements', async () => {
    const o = await office();
    const consent = await o.doc('CONSENT', '2026-11-01');
    await o.doc('LAB_REPORT', '2026-10-01');
    const input = { patientId: o.patient.id, requesterName: 'Synthetic Receiver', purpose: 'Care', authorizationDocumentId: consent, authorizationExpiresOn: FAR };
    const sendOne = async () => {
      const r = (await o.desk.createReleaseRequest({ input })).createReleaseRequest.request;
      await o.admin.approveReleaseRequest({ input: { id: r.id, expectedVersion: 1 } });
      return (await o.desk.sendReleaseRequest({ input: { id: r.id, expectedVersion: 2 } })).sendReleaseRequest.request;
    };
    const sent = await sendOne();
    for (const roles of [[Role.BILLER], [Role.ANALYST]]) {
      const c = await o.client(roles);
      await expect(c.disclosures({ patientId: o.patient.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(c.releaseRequest({ id: sent.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(c.createReleaseRequest({ input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const clinician = await o.client([Role.CLINICIAN]);
    expect((await clinician.releaseRequest({ id: sent.id })).releaseRequest.status).toBe('SENT');
    await expect(clinician.createReleaseRequest({ input })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const elsewhere = await createPractice(o.db);
    const stranger = await server.token(elsewhere, [Role.PRACTICE_ADMIN]);
    const foreign = await server.gql(stranger, 'query ($id: ID!) { releaseRequest(id: $id) { id } }', { id: sent.id });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await server.gql(stranger, 'query ($p: ID!) { disclosures(patientId: $p) { releaseRequestId } }', { p: o.patient.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const token = await server.token(o.practiceId, [Role.FRONT_DESK]);
    const Q = 'query ($p: ID!) { disclosures(patientId: $p) { releaseRequestId documents { documentId } } }';
    const one = await server.gql(token, Q, { p: o.patient.id });
    await sendOne();
    await sendOne();
    const three = await server.gql(token, Q, { p: o.patient.id });
    expect(three.data!.disclosures).toHaveLength(3);
    expect(three.extensions!.stats!.sqlStatements).toBe(one.extensions!.stats!.sqlStatements);
    expect(one.extensions!.stats!.sqlStatements).toBeLessThanOrEqual(4);
  });
});
