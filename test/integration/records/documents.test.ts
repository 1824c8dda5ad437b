import { createHash } from 'node:crypto';
import { createClient } from '@medoffice/sdk';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../../server/src/db/schema/documents.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { DOCUMENT_MAX_BYTES } from '../../../server/src/modules/documents/document-media.js';
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
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function office() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const patient = await insertPatient(db, practiceId);
  const token = (roles: Role[], userId?: string) => server.token(practiceId, roles, userId);
  const client = async (roles: Role[]) => createClient({ url: server.url, token: await token(roles), retry: false });
  return { db, practiceId, patient, token, client };
}

type Body = { id: string; revision: number; status: string; sha256: string; errors?: { extensions: { code: string; fields?: { path: string }[] } }[] };

async function upload(token: string | null, params: Record<string, string>, body: Uint8Array, contentType: string): Promise<{ status: number; body: Body }> {
  const url = server.url.replace('/graphql', `/documents?${new URLSearchParams(params)}`);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body as Uint8Array<ArrayBuffer> });
  return { status: res.status, body: (await res.json()) as Body };
}

async function download(token: string, id: string) {
  const res = await fetch(server.url.replace('/graphql', `/documents/${id}/content`), { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), etag: res.headers.get('etag'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('documents', () => {
  it('uploads over HTTP, downloads the same bytes with their type (audited), and versions: the old version stays readable', async () => {
    const o = await office();
    const desk = await o.token([Role.FRONT_DESK], 'desk-1');
    const first = await upload(desk, { patientId: o.patient.id, type: 'REFERRAL_LETTER', documentDate: '2026-11-30', source: 'Synthetic Cardiology', author: 'Dr. Test' }, PDF, 'application/pdf');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ revision: 1, status: 'CURRENT', sha256: createHash('sha256').update(PDF).digest('hex') });

    const got = await download(desk, first.body.id);
    expect(got).toMatchObject({ status: 200, type: 'application/pdf', etag: `"${first.body.sha256}"` });
    expect(Buffer.from(got.bytes).equals(Buffer.from(PDF))).toBe(true);
    const downloads = await auditEntries(o.db, { practiceId: o.practiceId, entityId: first.body.id, entityType: 'DocumentContent' });
    expect(downloads).toMatchObject([{ action: 'READ', userId: 'desk-1', patientId: o.patient.id }]);

    const text = enc.encode('Corrected referral letter\nline two\n');
    const second = await upload(desk, { supersedesId: first.body.id, title: 'Referral (corrected)' }, text, 'text/plain; charset=utf-8');
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ revision: 2, status: 'CURRENT', supersedesId: first.body.id, patientId: o.patient.id, type: 'REFERRAL_LETTER', source: 'Synthetic Cardiology' });
    // Superseding a version that is no longer current is a conflict, and stores nothing.
    expect((await upload(desk, { supersedesId: first.body.id }, text, 'text/plain')).body.errors?.[0]?.extensions.code).toBe('VERSION_CONFLICT');
    expect((await download(desk, second.body.id)).type).toBe('text/plain; charset=utf-8');
    expect(Buffer.from((await download(desk, first.body.id)).bytes).equals(Buffer.from(PDF))).toBe(true);

    const sdk = await o.client([Role.CLINICIAN]);
    const current = await sdk.documents({ patientId: o.patient.id });
    expect(current.documents.edges.map((e) => e.node.id)).toEqual([second.body.id]);
    const all = await sdk.documents({ patientId: o.patient.id, includeHistory: true });
    expect(all.documents.totalCount).toBe(2);
    expect((await sdk.document({ id: first.body.id })).document).toMatchObject({ status: 'SUPERSEDED', supersededById: second.body.id, revision: 1, mediaType: 'application/pdf', contentPath: `/documents/${first.body.id}/content` });
    expect((await sdk.patientDocuments({ patientId: o.patient.id })).patient.documents.map((d) => d.id)).toEqual([second.body.id]);
  });

  it('entered in error instead of delete; the database refuses DELETE and changes to the content', async () => {
    const o = await office();
    const desk = await o.token([Role.FRONT_DESK]);
    const doc = (await upload(desk, { patientId: o.patient.id, type: 'CONSENT', documentDate: '2026-12-01' }, PNG, 'image/png')).body;
    const sdk = await o.client([Role.CLINICIAN]);
    await expect(sdk.markDocumentEnteredInError({ input: { id: doc.id, reason: '  ' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const marked = (await sdk.markDocumentEnteredInError({ input: { id: doc.id, reason: 'Filed to the wrong patient' } })).markDocumentEnteredInError;
    expect(marked).toMatchObject({ status: 'ENTERED_IN_ERROR', enteredInError: { reason: 'Filed to the wrong patient' } });
    await expect(sdk.markDocumentEnteredInError({ input: { id: doc.id, reason: 'again' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await sdk.documents({ patientId: o.patient.id })).documents.edges).toEqual([]);
    expect((await download(desk, doc.id)).status).toBe(200);
    // A version in error cannot be superseded.
    expect((await upload(desk, { supersedesId: doc.id }, PNG, 'image/png')).body.errors?.[0]?.extensions.code).toBe('VERSION_CONFLICT');

    await expect(o.db.delete(documents).where(eq(documents.id, doc.id))).rejects.toThrow();
    await expect(o.db.execute(sql`update documents set content = ${Buffer.from('x')}, size_bytes = 1 where id = ${doc.id}`)).rejects.toThrow();
    await expect(o.db.execute(sql`update documents set entered_in_error_at = null, entered_in_error_by = null, entered_in_error_reason = null where id = ${doc.id}`)).rejects.toThrow();
    await expect(o.db.execute(sql`update documents set type = 'OTHER' where id = ${doc.id}`)).rejects.toThrow();
  });

  it('refuses oversized, empty, unrecognised or mislabelled files with a typed error and stores nothing', async () => {
    const o = await office();
    const desk = await o.token([Role.FRONT_DESK]);
    const p = { patientId: o.patient.id, type: 'OUTSIDE_RECORD', documentDate: '2026-10-02' };
    const big = new Uint8Array(DOCUMENT_MAX_BYTES + 1).fill(0x41);
    const cases: [Uint8Array, string, string][] = [
      [big, 'text/plain', 'file'],
      [new Uint8Array(0), 'application/pdf', 'file'],
      [enc.encode('MZ\x90\x00\x03\x00'), 'application/pdf', 'file'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'application/zip', 'file'],
      [PNG, 'application/pdf', 'contentType'],
      [PDF, 'image/jpeg', 'contentType'],
    ];
    for (const [bytes, type, path] of cases) {
      const r = await upload(desk, p, bytes, type);
      expect(r.status, `${type} ${bytes.length}`).toBe(400);
      expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path }] });
    }
    const meta = await upload(desk, { patientId: o.patient.id, type: 'SELFIE', documentDate: '2026-02-30' }, PDF, 'application/pdf');
    expect(meta.body.errors?.[0]?.extensions.fields?.map((f) => f.path)).toEqual(['type', 'documentDate']);
    expect((await upload(desk, { ...p, patientId: crypto.randomUUID() }, PDF, 'application/pdf')).status).toBe(404);
    expect(await o.db.$count(documents, eq(documents.practiceId, o.practiceId))).toBe(0);
  });

  it('roles: BILLER only billing documents, ANALYST and partners nothing; another practice is NOT_FOUND, over HTTP too', async () => {
    const o = await office();
    const desk = await o.token([Role.FRONT_DESK]);
    const card = (await upload(desk, { patientId: o.patient.id, type: 'INSURANCE_CARD', documentDate: '2026-01-05' }, PNG, 'image/png')).body;
    const lab = (await upload(desk, { patientId: o.patient.id, type: 'LAB_REPORT', documentDate: '2026-01-06' }, PDF, 'application/pdf')).body;

    const biller = await o.token([Role.BILLER]);
    const billerSdk = await o.client([Role.BILLER]);
    expect((await billerSdk.documents({ patientId: o.patient.id })).documents.edges.map((e) => e.node.id)).toEqual([card.id]);
    expect((await billerSdk.patientDocuments({ patientId: o.patient.id })).patient.documents.map((d) => d.id)).toEqual([card.id]);
    await expect(billerSdk.document({ id: lab.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await download(biller, lab.id)).status).toBe(404);
    expect((await download(biller, card.id)).status).toBe(200);
    expect((await upload(biller, { patientId: o.patient.id, type: 'LAB_REPORT', documentDate: '2026-01-06' }, PDF, 'application/pdf')).status).toBe(403);
    expect((await upload(biller, { patientId: o.patient.id, type: 'PAYER_CORRESPONDENCE', documentDate: '2026-01-07' }, PDF, 'application/pdf')).status).toBe(201);

    const analyst = await o.token([Role.ANALYST]);
    expect((await download(analyst, card.id)).status).toBe(403);
    expect((await upload(analyst, { patientId: o.patient.id, type: 'OTHER', documentDate: '2026-01-06' }, PDF, 'application/pdf')).status).toBe(403);
    expect((await upload(null, { patientId: o.patient.id, type: 'OTHER', documentDate: '2026-01-06' }, PDF, 'application/pdf')).status).toBe(401);
    await expect((await o.client([Role.ANALYST])).documents({ patientId: o.patient.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const other = await office();
    const otherDesk = await other.token([Role.PRACTICE_ADMIN]);
    const foreign = await download(otherDesk, card.id);
    const random = await download(otherDesk, crypto.randomUUID());
    expect([foreign.status, random.status]).toEqual([404, 404]);
    const otherSdk = await other.client([Role.PRACTICE_ADMIN]);
    await expect(otherSdk.document({ id: card.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(otherSdk.documents({ patientId: o.patient.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(otherSdk.markDocumentEnteredInError({ input: { id: card.id, reason: 'x' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await upload(otherDesk, { supersedesId: card.id }, PNG, 'image/png')).status).toBe(404);
    expect((await upload(otherDesk, { patientId: o.patient.id, type: 'OTHER', documentDate: '2026-01-06' }, PDF, 'application/pdf')).status).toBe(404);
  });

  it('reads are audited, and patients { documents } is a fixed number of statements', async () => {
    const o = await office();
    const desk = await o.token([Role.FRONT_DESK]);
    const extra = await Promise.all([insertPatient(o.db, o.practiceId), insertPatient(o.db, o.practiceId)]);
    const ids: string[] = [];
    for (const [i, patient] of [o.patient, ...extra].entries()) {
      for (let k = 0; k <= i; k++) ids.push((await upload(desk, { patientId: patient.id, type: 'CORRESPONDENCE', documentDate: `2026-03-0${k + 1}` }, enc.encode(`letter ${k}`), 'text/plain')).body.id);
    }
    const Q = 'query($f: Int) { patients(first: $f) { edges { node { id documents { id type } } } } }';
    const one = await server.gql(desk, Q, { f: 1 });
    const three = await server.gql(desk, Q, { f: 3 });
    expect(three.errors).toBeUndefined();
    expect(three.data!.patients.edges.flatMap((e: { node: { documents: unknown[] } }) => e.node.documents)).toHaveLength(6);
    expect(three.extensions!.stats!.sqlStatements).toBe(one.extensions!.stats!.sqlStatements);
    const reads = await auditEntries(o.db, { practiceId: o.practiceId, action: 'READ', entityType: 'Document' });
    expect(new Set(reads.map((r) => r.entityId))).toEqual(new Set(ids));
  });
});
