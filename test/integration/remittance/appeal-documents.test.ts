import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { acceptedClaim, type ClaimRow, post835, remittanceWorld, type RemittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { pdfPagesText } from '../../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const db = () => server.database.db;
const DOCS = `documents { note attachedBy attachedAt document { id patientId type title status mediaType contentPath } }`;
const CREATE = `mutation C($input: CreateAppealInput!) { createAppeal(input: $input) { appeal { id version status } } }`;
const WITHDRAW = `mutation W($input: WithdrawAppealInput!) { withdrawAppeal(input: $input) { appeal { id status } } }`;
const ATTACH = `mutation A($input: AttachAppealDocumentInput!) { attachAppealDocument(input: $input) { appeal { id status ${DOCS} } } }`;
const STORE = `mutation S($input: StoreAppealLetterInput!) { storeAppealLetter(input: $input) { appeal { id ${DOCS} } } }`;
const GET = `query G($id: ID!) { appeal(id: $id) { id ${DOCS} } }`;
const LIST = `query L($first: Int) { appeals(first: $first) { edges { node { id ${DOCS} } } } }`;
const ENTERED_IN_ERROR = `mutation E($input: MarkDocumentEnteredInErrorInput!) { markDocumentEnteredInError(input: $input) { id status } }`;

type Res = { data?: Record<string, any> | null; errors?: readonly { extensions?: Record<string, unknown> }[]; extensions?: Record<string, any> };
const code = (r: Res) => r.errors?.[0]?.extensions?.code;
const ok = (r: Res) => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('documents on appeals', () => {
  let w: RemittanceWorld;
  let denied: ClaimRow;
  let other: ClaimRow;
  let appealId: string;
  let desk: string;
  let admin: string;

  async function upload(token: string, patientId: string, type: string): Promise<string> {
    const url = server.url.replace('/graphql', `/documents?${new URLSearchParams({ patientId, type, documentDate: '2026-03-25', title: `${type} (synthetic)` })}`);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/pdf', authorization: `Bearer ${token}` }, body: PDF as Uint8Array<ArrayBuffer> });
    const body = (await res.json()) as { id: string };
    expect(res.status, JSON.stringify(body)).toBe(201);
    return body.id;
  }

  beforeAll(async () => {
    w = await remittanceWorld(server);
    desk = await w.token([Role.FRONT_DESK]);
    admin = await w.token([Role.PRACTICE_ADMIN]);
    denied = await acceptedClaim(w, '5');
    other = await acceptedClaim(w, '5');
    ok(await post835(w, simulated835([denied, other].map((c) => submittedOf(c))).x12, 'appeal-docs-835-1'));
    appealId = ok(await server.gql(w.biller, CREATE, { input: { claimId: denied.id, reason: 'Authorization was on file', letter: 'Prior authorization PA-0001 was obtained before the visit.' } })).createAppeal.appeal.id;
  });

  it('a BILLER attaches the payer\'s denial letter (once), lists it on Appeal.documents; attaching and reading are audited', async () => {
    const docId = await upload(w.biller, denied.patientId, 'PAYER_CORRESPONDENCE');
    const res = ok(await server.gql(w.biller, ATTACH, { input: { appealId, documentId: docId, note: 'the denial letter' } })).attachAppealDocument.appeal;
    expect(res.documents).toEqual([{ note: 'the denial letter', attachedBy: expect.any(String), attachedAt: expect.any(String), document: { id: docId, patientId: denied.patientId, type: 'PAYER_CORRESPONDENCE', title: 'PAYER_CORRESPONDENCE (synthetic)', status: 'CURRENT', mediaType: 'application/pdf', contentPath: `/documents/${docId}/content` } }]);
    // Again: nothing new.
    expect(ok(await server.gql(w.biller, ATTACH, { input: { appealId, documentId: docId, note: 'again' } })).attachAppealDocument.appeal.documents).toHaveLength(1);
    expect((await auditEntries(db(), { entityId: appealId, action: 'UPDATE' })).map((a) => [a.entityType, a.patientId])).toEqual([['Appeal', denied.patientId]]);
    const before = (await auditEntries(db(), { entityId: docId, action: 'READ' })).length;
    expect(ok(await server.gql(admin, GET, { id: appealId })).appeal.documents.map((d: { document: { id: string } }) => d.document.id)).toEqual([docId]);
    expect((await auditEntries(db(), { entityId: docId, action: 'READ' })).length).toBe(before + 1);
  });

  it('refused, changing nothing: hidden or clinical types, another patient\'s document, entered in error, a closed appeal, unknown ids', async () => {
    const clinical = await upload(desk, denied.patientId, 'REFERRAL_LETTER');
    const othersCard = await upload(w.biller, other.patientId, 'INSURANCE_CARD');
    const wrong = await upload(w.biller, denied.patientId, 'PAYER_CORRESPONDENCE');
    ok(await server.gql(w.biller, ENTERED_IN_ERROR, { input: { id: wrong, reason: 'filed on the wrong patient' } }));
    const attach = (documentId: string, token = w.biller, id = appealId) => server.gql(token, ATTACH, { input: { appealId: id, documentId } });
    expect(code(await attach(clinical))).toBe('NOT_FOUND'); // a BILLER does not see clinical documents
    expect(code(await attach(clinical, admin))).toBe('BAD_USER_INPUT'); // an appeal carries billing documents only
    expect(code(await attach(othersCard))).toBe('BAD_USER_INPUT');
    expect(code(await attach(wrong))).toBe('BAD_USER_INPUT');
    expect(code(await attach('00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(code(await attach('not-a-uuid'))).toBe('NOT_FOUND');
    expect(code(await attach(othersCard, w.biller, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    const closed = ok(await server.gql(w.biller, CREATE, { input: { claimId: other.id, reason: 'Authorization was on file', letter: 'See the attached card.' } })).createAppeal.appeal;
    ok(await server.gql(w.biller, WITHDRAW, { input: { id: closed.id, expectedVersion: closed.version, reason: 'resolved by a corrected claim' } }));
    expect(code(await attach(othersCard, w.biller, closed.id))).toBe('BAD_USER_INPUT');
    expect(ok(await server.gql(w.biller, GET, { id: closed.id })).appeal.documents).toEqual([]);
    expect(ok(await server.gql(w.biller, GET, { id: appealId })).appeal.documents).toHaveLength(1);
  });

  it('roles and tenancy: the front desk and partner clients are refused (also on the nested field); another practice finds nothing', async () => {
    const card = await upload(w.biller, denied.patientId, 'INSURANCE_CARD');
    expect(code(await server.gql(desk, ATTACH, { input: { appealId, documentId: card } }))).toBe('FORBIDDEN');
    const { token: partner } = await partnerToken(server, w.practiceId, [Scope.BILLING_WRITE]);
    expect(code(await server.gql(partner, ATTACH, { input: { appealId, documentId: card } }))).toBe('FORBIDDEN');
    expect(code(await server.gql(partner, GET, { id: appealId }))).toBe('FORBIDDEN');
    expect(code(await server.gql(partner, STORE, { input: { appealId } }))).toBe('FORBIDDEN');
    const elsewhere = await remittanceWorld(server);
    expect(code(await server.gql(elsewhere.biller, ATTACH, { input: { appealId, documentId: card } }))).toBe('NOT_FOUND');
    expect(code(await server.gql(elsewhere.biller, STORE, { input: { appealId } }))).toBe('NOT_FOUND');
    expect(ok(await server.gql(w.biller, GET, { id: appealId })).appeal.documents).toHaveLength(1);
  });

  it('storeAppealLetter keeps the letter as sent: a PAYER_CORRESPONDENCE PDF of the patient, attached, readable, audited', async () => {
    const res = ok(await server.gql(w.biller, STORE, { input: { appealId } })).storeAppealLetter.appeal;
    const letter = res.documents.at(-1);
    expect(letter).toMatchObject({ note: 'appeal letter as sent', document: { patientId: denied.patientId, type: 'PAYER_CORRESPONDENCE', status: 'CURRENT', mediaType: 'application/pdf' } });
    expect(letter.document.title).toMatch(/^Appeal letter \d+$/);
    const content = await fetch(server.url.replace('/graphql', letter.document.contentPath), { headers: { authorization: `Bearer ${w.biller}` } });
    expect(content.status).toBe(200);
    const text = (await pdfPagesText(new Uint8Array(await content.arrayBuffer()))).join('\n');
    expect(text).toContain('Prior authorization PA-0001 was obtained before the visit.');
    expect((await auditEntries(db(), { entityId: letter.document.id, action: 'CREATE' })).map((a) => [a.entityType, a.patientId])).toEqual([['Document', denied.patientId]]);
  });

  it('Appeal.documents on a page costs a fixed number of statements', async () => {
    const small = await server.gql(w.biller, LIST, { first: 1 });
    const large = await server.gql(w.biller, LIST, { first: 50 });
    ok(large);
    expect(large.data!.appeals.edges.length).toBeGreaterThan(1);
    expect(large.extensions!.stats!.sqlStatements).toBe(small.extensions!.stats!.sqlStatements);
  });
});
