import { type SQL, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../server/src/db/client.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { DEMO_HOOK_TIMEOUT } from '../../helpers/demo-db.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The superbills and claims pages can have PostgreSQL write their edges straight into the response body
// (graphql/compile/splice.ts). Every answer must be the one the ordinary executor gives: the same
// server code on the same database with SPLICE_PAGE_JSON=false is the reference.
let spliced: TestServer;
let plain: TestServer;
let biller: string;
beforeAll(async () => {
  spliced = await startTestServer({}, { demo: true });
  plain = await startTestServer({ SPLICE_PAGE_JSON: 'false' }, { database: spliced.database });
  biller = await spliced.token(DEMO_PRACTICE_ID, [Role.BILLER]);
}, DEMO_HOOK_TIMEOUT);

interface Raw {
  text: string;
  body: Record<string, any>;
  requestId: string;
}

async function post(server: TestServer, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Raw> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
  return { text, body: JSON.parse(text), requestId: res.headers.get('x-request-id')! };
}

// json_build_object writes `"key" : value`; JSON.stringify never puts a space before a colon.
const wasSpliced = (r: Raw) => r.text.includes('" : ');

// Errors name their own request.
const withoutRequestId = (key: string, value: unknown) => (key === 'requestId' ? undefined : value);

/** The same operation on both servers: the same JSON, keys in the same order, the same statement count. */
async function same(token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ a: Raw; b: Raw }> {
  const a = await post(spliced, token, query, variables);
  const b = await post(plain, token, query, variables);
  expect(JSON.stringify(a.body, withoutRequestId)).toBe(JSON.stringify(b.body, withoutRequestId));
  expect(wasSpliced(b)).toBe(false);
  return { a, b };
}

const audited = async (requestId: string) =>
  (await auditEntries(spliced.database.db, { practiceId: DEMO_PRACTICE_ID })).filter((e) => e.requestId === requestId).map((e) => [e.action, e.entityType, e.entityId, e.patientId]);

const SUPERBILL_EVERY = `id number status dateOfService placeOfServiceCode telehealth priorAuthorizationNumber copayCollected totalCharge balance
  finalizedAt finalizedBy voidReason voidedAt createdAt updatedAt version referringProvider { name npi }
  diagnoses { pointer code description }
  lines { lineNumber code description modifiers units unitFee charge scheduleFee chargeOverrideReason diagnosisPointers note }
  patient { id mrn legalName { given middle family } preferredName dateOfBirth sexAtBirth genderIdentity email preferredLanguage status version createdAt updatedAt }
  renderingProvider { id givenName familyName credentials npi taxonomyCode specialty active billsUnderGroup version createdAt updatedAt }
  location { id name phone placeOfServiceCode active version createdAt updatedAt }`;

const CLAIM_EVERY = `id number patientAccountNumber status frequencyCode revision version payerClaimNumber originalPayerClaimNumber dateOfService
  placeOfServiceCode totalCharge patientPaid priorAuthorizationNumber assigneeId nextFollowUpOn statusChangedAt submittedAt acknowledgedAt createdAt updatedAt
  subscriber { memberId groupNumber groupName relationshipCode claimFilingIndicator } billingProvider { name npi tin }
  renderingProvider { npi name } referringProvider { npi name }
  diagnoses { pointer code } lines { lineNumber code modifiers units charge diagnosisPointers dateOfService placeOfServiceCode description }
  payer { id name ediPayerId type eligibilityRoute claimsRoute phone active timelyFilingDays appealDays priorAuthorizationRequired version createdAt }
  patient { id mrn legalName { given middle family } dateOfBirth sexAtBirth status }
  history { from to revision source reason reference changedBy changedAt } lastStatusChange { to reason changedAt } notes { id body authorId createdAt }`;

describe('pages whose edges PostgreSQL writes into the response', () => {
  it('answer every declared field of a superbill page exactly as the executor does, cursors and page info included', async () => {
    const q = `query Page($after: String) { superbills(first: 60, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${SUPERBILL_EVERY} } } } }`;
    const first = await same(biller, q);
    expect(wasSpliced(first.a)).toBe(true);
    expect(first.a.body.data.superbills.edges).toHaveLength(60);
    const second = await same(biller, q, { after: first.a.body.data.superbills.pageInfo.endCursor });
    expect(wasSpliced(second.a)).toBe(true);
    // The oldest page too, and drafts and voided ones: not every superbill is of one shape.
    const oldest = await same(biller, q.replace('first: 60, after: $after', 'last: 60, before: $after'));
    expect(wasSpliced(oldest.a)).toBe(true);
    const others = await same(biller, q.replace('first: 60, after: $after', 'first: 60, after: $after, filter: { status: [DRAFT, VOIDED] }'));
    expect(others.a.body.data.superbills.edges.length).toBeGreaterThan(0);
  });

  it('answer every declared field of a claims page, and the bench pages, exactly as the executor does', async () => {
    const every = await same(biller, `{ claims(first: 80) { edges { cursor node { ${CLAIM_EVERY} } } } }`);
    expect(wasSpliced(every.a)).toBe(true);
    expect(new Set(every.a.body.data.claims.edges.map((e: { node: { status: string } }) => e.node.status)).size).toBeGreaterThan(2);
    const claims = await same(biller, `{ claims(first: 50) { edges { node { id number status dateOfService totalCharge lines { lineNumber code modifiers units charge diagnosisPointers } payer { id name } patient { id mrn legalName { given family } } lastStatusChange { to reason changedAt } } } } }`);
    expect(wasSpliced(claims.a)).toBe(true);
    const superbills = await same(biller, `{ superbills(first: 50) { edges { node { id number status dateOfService totalCharge copayCollected diagnoses { pointer code } lines { code modifiers units charge diagnosisPointers } patient { id mrn legalName { given family } } renderingProvider { id givenName familyName } } } } }`);
    expect(wasSpliced(superbills.a)).toBe(true);
  });

  it('are spliced the same when graphql-js executes the operation', async () => {
    const interpreted = await startTestServer({ GRAPHQL_EXECUTOR: 'graphql-js' }, { database: spliced.database });
    const q = '{ superbills(first: 20) { totalCount edges { cursor node { id number patient { id mrn } lines { code } } } } }';
    const a = await post(interpreted, biller, q);
    const b = await post(plain, biller, q);
    expect(wasSpliced(a)).toBe(true);
    expect(a.body.data.superbills.edges).toHaveLength(20);
    expect(JSON.stringify(a.body, withoutRequestId)).toBe(JSON.stringify(b.body, withoutRequestId));
  });

  it('keep aliases, fragments, __typename and backward paging in response order', async () => {
    const q = `query Back($before: String) { list: superbills(last: 7, before: $before, filter: { status: [FINALIZED] }) { n: totalCount rows: edges { __typename c: cursor item: node { ...Head who: patient { __typename mrn } ... on Superbill { d: diagnoses { code p: pointer } } } } pageInfo { hasPreviousPage startCursor } } }
      fragment Head on Superbill { when: dateOfService number id amount: totalCharge }`;
    const top = await post(spliced, biller, '{ superbills(first: 30, filter: { status: [FINALIZED] }) { pageInfo { endCursor } } }');
    const back = await same(biller, q, { before: top.body.data.superbills.pageInfo.endCursor });
    expect(wasSpliced(back.a)).toBe(true);
    expect(back.a.body.data.list.rows).toHaveLength(7);
    expect(Object.keys(back.a.body.data.list.rows[0])).toEqual(['__typename', 'c', 'item']);
    expect(Object.keys(back.a.body.data.list.rows[0].item)).toEqual(['when', 'number', 'id', 'amount', 'who', 'd']);
  });

  it('record the same audit entries, in the same order, in one statement plus the audit flush', async () => {
    const q = '{ claims(first: 40) { edges { node { id patient { id mrn } } } } }';
    const { a, b } = await same(biller, q);
    expect(wasSpliced(a)).toBe(true);
    expect(a.body.extensions.stats.sqlStatements).toBe(2);
    const entries = await audited(a.requestId);
    expect(entries).toEqual(await audited(b.requestId));
    // Each claim with its patient, then each patient once, in page order.
    expect(entries.slice(0, 40).every((e) => e[1] === 'Claim')).toBe(true);
    expect(entries.slice(40).every((e) => e[1] === 'Patient')).toBe(true);
    expect(entries.length).toBeGreaterThan(40);
  });

  it('leave a page to the executor when a field needs it: a role rule the caller fails, a resolver, a directive, an argument', async () => {
    // BILLER may not read a patient's notes: the ordinary path refuses the field; nothing is spliced.
    const denied = await same(biller, '{ superbills(first: 5) { edges { node { id patient { id notes } } } } }');
    expect(wasSpliced(denied.a)).toBe(false);
    expect(denied.a.body.errors[0].extensions.code).toBe('FORBIDDEN');
    // A billing partner without patients:read-demographics: FORBIDDEN on patient, no patient read audited.
    const partner = (await partnerToken(spliced, DEMO_PRACTICE_ID, [Scope.BILLING_READ])).token;
    // Each server looks the client up once (then caches it): not part of what is compared.
    for (const server of [spliced, plain]) await post(server, partner, '{ claims(first: 1) { totalCount } }');
    const refused = await same(partner, '{ claims(first: 5) { edges { node { id patient { id } } } } }');
    expect(wasSpliced(refused.a)).toBe(false);
    expect((await audited(refused.a.requestId)).filter((e) => e[1] === 'Patient')).toEqual([]);
    const partnerPage = await same(partner, '{ claims(first: 5) { edges { node { id number payer { name } } } } }');
    expect(wasSpliced(partnerPage.a)).toBe(true);
    for (const q of [
      '{ superbills(first: 5) { edges { node { id claims { id } } } } }',
      '{ superbills(first: 5) { edges { node { id @include(if: true) number } } } }',
      '{ superbills(first: 5) { edges { node { id billingProvider { name } } } } }',
      '{ superbills(first: 5) { edges { node { id patient { id appointments(first: 1) { id } } } } } }',
    ]) {
      const r = await same(biller, q);
      expect(wasSpliced(r.a), q).toBe(false);
    }
  });

  it('read a page again the ordinary way when a required relation is missing, and answer what the executor answers', async () => {
    const db = spliced.database.db;
    const [row] = rowsOf<{ id: string; location_id: string }>(await db.execute(sql`select id, location_id from superbills where practice_id = ${DEMO_PRACTICE_ID} order by date_of_service desc, number desc, id desc limit 1`));
    const q = '{ superbills(first: 3) { edges { node { id location { id name } } } } }';
    // A location the practice cannot see (as a broken row would hold; triggers and keys off to write it): NOT_FOUND either way.
    const setLocation = (to: SQL) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update superbills set location_id = ${to} where id = ${row!.id}`);
      });
    await setLocation(sql`gen_random_uuid()`);
    try {
      const a = await post(spliced, biller, q);
      const b = await post(plain, biller, q);
      expect(wasSpliced(a)).toBe(false);
      expect(a.body.data).toEqual(b.body.data);
      const errors = (r: Raw) => r.body.errors.map((e: { path: unknown; extensions: { code: string } }) => [e.path, e.extensions.code]);
      expect(errors(a)).toEqual(errors(b));
      expect(errors(a).length).toBeGreaterThan(0);
      // The page is read twice: once spliced (the mark found), once the ordinary way.
      expect(a.body.extensions.stats.sqlStatements).toBe(b.body.extensions.stats.sqlStatements + 1);
    } finally {
      await setLocation(sql`${row!.location_id}::uuid`);
    }
    expect(wasSpliced(await post(spliced, biller, q))).toBe(true);
  });
});
