import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { markSubmitted, recordAcknowledgment } from '../../../server/src/modules/claims/claim-transition.service.js';
import { claimWorld, finalizedSuperbill } from '../../factories/claim.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { ASSIGN, CLAIM_FIELDS, CREATE_CLAIMS, NOTE, SCRUB } from './claim-ops.js';

// The claims page and the follow-up queue are read by the selection compiler (one statement);
// `claim(id)` still maps rows and loads nested fields. Both must answer the same for every field.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const ADDRESS = 'address { line1 line2 city state postalCode country }';
const CHANGE = 'from to revision source reason reference changedBy changedAt';
const EVERY_FIELD = `${CLAIM_FIELDS} statusChangedAt createdAt updatedAt
  payer { id name ediPayerId type eligibilityRoute claimsRoute ${ADDRESS} phone active telehealthModifier95 timelyFilingDays appealDays priorAuthorizationRequired version createdAt }
  patient { id mrn legalName { given middle family } preferredName dateOfBirth sexAtBirth status ${ADDRESS} version createdAt updatedAt }
  history { ${CHANGE} } lastStatusChange { ${CHANGE} } notes { id body authorId createdAt }`;
/** What the claims page of the bench shows: lines, payer, patient and the last status change. */
const PAGE_FIELDS = `id number status dateOfService totalCharge
  lines { lineNumber code modifiers units charge diagnosisPointers }
  payer { id name } patient { id mrn legalName { given family } } lastStatusChange { to reason changedAt } history { to }`;
const page = (fields: string, args = 'first: 50') => `query CompiledClaims { claims(${args}) { totalCount edges { cursor node { ${fields} } } } }`;
const one = (fields: string) => `query OldPath($id: ID!) { claim(id: $id) { ${fields} } }`;
const QUEUE = (fields: string) => `query CompiledQueue { claimsNeedingFollowUp(first: 50, filter: { includeSnoozed: true, timelyFilingWithinDays: 365 }) { edges { cursor node { reason timelyFilingDeadline daysToTimelyFiling claim { ${fields} } } } } }`;

type World = Awaited<ReturnType<typeof claimWorld>>;
type Node = Record<string, any> & { id: string; patientId: string };
const ONE_LINE = { diagnoses: ['I10'], lines: [{ code: '99213', units: 1, diagnosisPointers: ['A'] }] };

/**
 * A practice with 5 claims in the shapes the mapper handles: rejected after submission (history, note,
 * assignee, follow-up date, scrub result), a snapshot with no rendering provider, a referring provider
 * with a middle name, four diagnoses and pointers in reverse, a line place of service, and plain drafts.
 */
async function world(): Promise<{ w: World; ids: string[] }> {
  const w = await claimWorld(server);
  const db = server.database.db;
  const ids = [(await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } })).data!.createClaims.claims[0].id as string];
  for (const day of ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05']) {
    const sb = await finalizedSuperbill(w, ONE_LINE, new Date(`${day}T15:00:00Z`));
    ids.push((await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: sb } })).data!.createClaims.claims[0].id);
  }
  const [rejected, odd] = ids as [string, string];
  expect((await server.gql(w.biller, SCRUB, { input: { id: rejected } })).errors).toBeUndefined();
  await db.transaction(async (tx) => {
    await markSubmitted(tx, w.practiceId, [rejected], 'batch-1', 'biller-1', new Date('2026-03-05T10:00:00Z'));
    await recordAcknowledgment(tx, w.practiceId, rejected, { accepted: false, reason: 'A7:164:IL', reference: 'ack-1', at: new Date('2026-03-06T10:00:00Z') });
  });
  await server.gql(w.biller, NOTE, { input: { id: rejected, body: 'Called the payer.' } });
  await server.gql(w.biller, ASSIGN, { input: { id: rejected, assigneeId: 'biller-7' } });
  await db
    .update(claims)
    .set({
      snapshot: sql`${claims.snapshot} || jsonb_build_object('renderingProvider', null, 'originalPayerClaimNumber', 'PCN-9', 'priorAuthorizationNumber', 'PA-1',
        'referringProvider', '{"npi":"1234567893","name":{"given":"Ann","middle":"Q","family":"Referrer"},"taxonomyCode":null}'::jsonb,
        'diagnoses', '["E119","I10","R51","Z0000"]'::jsonb,
        'lines', '[{"position":1,"code":"99213","modifiers":["25","95"],"units":2,"chargeCents":26000,"diagnosisPointers":[4,3,2,1],"dateOfService":"2026-02-02","placeOfServiceCode":"02","description":"Visit"},
                  {"position":2,"code":"36415","modifiers":[],"units":1,"chargeCents":2500,"diagnosisPointers":[1],"dateOfService":"2026-02-02","placeOfServiceCode":null,"description":null}]'::jsonb)`,
    })
    .where(eq(claims.id, odd));
  await db.update(claims).set({ nextFollowUpOn: new Date().toISOString().slice(0, 10) }).where(eq(claims.id, ids[2]!));
  // The first request of a practice also checks that the practice exists (then cached): warm it.
  await server.gql(w.biller, '{ claims(first: 1) { totalCount } }');
  return { w, ids };
}

describe('the compiled claims page', () => {
  it('answers every field exactly as the mapped and loaded claim(id) does', async () => {
    const { w, ids } = await world();
    const res = await server.gql(w.biller, page(EVERY_FIELD));
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.claims.edges.map((e: { node: Node }) => e.node) as Node[];
    expect(nodes.map((n) => n.id).sort()).toEqual([...ids].sort());
    expect(res.data!.claims.totalCount).toBe(5);
    for (const node of nodes) {
      const old = await server.gql(w.biller, one(EVERY_FIELD), { id: node.id });
      expect(old.errors).toBeUndefined();
      expect(node).toEqual(old.data!.claim);
    }
    // Spot checks of what the mapper computes, so equality above is not equality of two wrong answers.
    const rejected = nodes.find((n) => n.id === ids[0])!;
    expect(rejected.history.map((h: { to: string }) => h.to)).toEqual(['DRAFT', 'READY', 'SUBMITTED', 'REJECTED']);
    expect(rejected.lastStatusChange).toMatchObject({ from: 'SUBMITTED', to: 'REJECTED', reason: 'A7:164:IL' });
    expect(rejected.lastScrub.clean).toBe(true);
    expect(rejected.notes.map((n: { body: string }) => n.body)).toEqual(['Called the payer.']);
    const odd = nodes.find((n) => n.id === ids[1])!;
    expect(odd.renderingProvider).toBeNull();
    expect(odd.referringProvider).toEqual({ npi: '1234567893', name: 'Ann Q Referrer' });
    expect(odd.diagnoses.map((d: { code: string }) => d.code)).toEqual(['E11.9', 'I10', 'R51', 'Z00.00']);
    expect(odd.lines[0]).toMatchObject({ diagnosisPointers: ['D', 'C', 'B', 'A'], placeOfServiceCode: '02', units: 2, charge: 26_000 });
    expect(odd.originalPayerClaimNumber).toBe('PCN-9');
  });

  it('a page with lines, payer, patient, last status and history is one statement plus the audit flush, whatever its length, forward and backward', async () => {
    const { w } = await world();
    const small = await server.gql(w.biller, page(PAGE_FIELDS, 'first: 2'));
    const large = await server.gql(w.biller, page(PAGE_FIELDS));
    expect(large.errors).toBeUndefined();
    expect(large.data!.claims.edges).toHaveLength(5);
    expect(small.extensions?.stats?.sqlStatements).toBe(2);
    expect(large.extensions?.stats?.sqlStatements).toBe(2);
    const cursor = large.data!.claims.edges[4].cursor;
    const back = await server.gql(w.biller, page(PAGE_FIELDS, `last: 3, before: "${cursor}"`));
    expect(back.extensions?.stats?.sqlStatements).toBe(2);
    expect(back.data!.claims.edges.map((e: { node: Node }) => e.node)).toEqual(large.data!.claims.edges.slice(1, 4).map((e: { node: Node }) => e.node));
  });

  it('a field the compiler does not read (Claim.corrections) falls back to its loader with the same answer', async () => {
    const { w } = await world();
    const fields = 'id corrections { id } payer { id }';
    const res = await server.gql(w.biller, page(fields));
    expect(res.errors).toBeUndefined();
    // The page + the corrections loader + the audit flush.
    expect(res.extensions?.stats?.sqlStatements).toBe(3);
    const node = res.data!.claims.edges[0].node;
    expect(node).toEqual((await server.gql(w.biller, one(fields), { id: node.id })).data!.claim);
  });

  it('relations left to loaders get the ids they read (original, prior payer claim) with the same answers as claim(id)', async () => {
    const { w, ids } = await world();
    // ids[3] made a replacement (7) of ids[2] and the secondary claim after ids[1], straight in the table.
    await server.database.db
      .update(claims)
      .set({ frequencyCode: '7', originalClaimId: ids[2]!, payerResponsibility: 'S', priorPayerClaimId: ids[1]! })
      .where(eq(claims.id, ids[3]!));
    const fields = 'id originalClaim { id number } priorPayerClaim { id payerResponsibility } corrections { id } payments { id } payer { id }';
    const res = await server.gql(w.biller, page(fields));
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.claims.edges.map((e: { node: Node }) => e.node) as Node[];
    for (const node of nodes) expect(node).toEqual((await server.gql(w.biller, one(fields), { id: node.id })).data!.claim);
    const made = nodes.find((n) => n.id === ids[3])!;
    expect(made.originalClaim.id).toBe(ids[2]);
    expect(made.priorPayerClaim).toEqual({ id: ids[1], payerResponsibility: 'P' });
    expect(nodes.find((n) => n.id === ids[2])!.corrections).toEqual([{ id: ids[3] }]);
  });

  it('records the same audit entries as before: each claim with its patient in page order, then the patient once', async () => {
    const { w } = await world();
    const res = await server.gql(w.biller, page('id patientId patient { id }'));
    const nodes = res.data!.claims.edges.map((e: { node: Node }) => e.node) as Node[];
    const reads = (await auditEntries(server.database.db, { practiceId: w.practiceId, action: 'READ' })).filter((e) => e.operationName === 'CompiledClaims');
    expect(reads.map((e) => [e.entityType, e.entityId, e.patientId])).toEqual([...nodes.map((n) => ['Claim', n.id, n.patientId]), ['Patient', w.patient.id, w.patient.id]]);
    expect(new Set(reads.map((e) => e.batchId)).size).toBe(1);
  });

  it('role rules run on the tree: a billing partner without patients:read-demographics gets FORBIDDEN on patient, and no patient read is recorded', async () => {
    const { w } = await world();
    const partner = (await partnerToken(server, w.practiceId, [Scope.BILLING_READ])).token;
    const allowed = await server.gql(partner, page('id payer { id } lines { code }'));
    expect(allowed.errors, JSON.stringify(allowed.errors)).toBeUndefined();
    expect(allowed.data!.claims.edges).toHaveLength(5);
    const res = await server.gql(partner, page('id patient { id mrn }'));
    expect(res.data).toBeNull();
    expect(res.errors!.every((e) => e.extensions.code === 'FORBIDDEN' && e.path?.at(-1) === 'patient')).toBe(true);
    const reads = (await auditEntries(server.database.db, { practiceId: w.practiceId, action: 'READ' })).filter((e) => e.operationName === 'CompiledClaims');
    expect(reads.filter((e) => e.entityType !== 'Claim')).toEqual([]);
    const clinician = await server.gql(await w.token([Role.CLINICIAN]), page('id'));
    expect(clinician.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('the compiled follow-up queue', () => {
  it('answers each claim as claim(id) does, in one statement plus the audit flush', async () => {
    const { w, ids } = await world();
    const res = await server.gql(w.biller, QUEUE(EVERY_FIELD));
    expect(res.errors).toBeUndefined();
    const edges = res.data!.claimsNeedingFollowUp.edges as { node: { reason: string; timelyFilingDeadline: string; daysToTimelyFiling: number; claim: Node } }[];
    expect(edges.map((e) => [e.node.reason, e.node.claim.id])).toEqual([['REJECTED', ids[0]], ['FOLLOW_UP_DUE', ids[2]]]);
    for (const { node } of edges) {
      expect(node.timelyFilingDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(node.claim).toEqual((await server.gql(w.biller, one(EVERY_FIELD), { id: node.claim.id })).data!.claim);
    }
    const counted = await server.gql(w.biller, QUEUE(PAGE_FIELDS));
    expect(counted.extensions?.stats?.sqlStatements).toBe(2);
  });
});
