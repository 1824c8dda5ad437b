import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { seedDemoClaimFlow } from '../../../server/src/demo/seed-claim-flow.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { DEMO_HOOK_TIMEOUT } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { LIST_CLAIMS, QUEUE } from './claim-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
}, DEMO_HOOK_TIMEOUT);

const STATUSES = ['DRAFT', 'READY', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'PAID', 'PARTIALLY_PAID', 'DENIED', 'CLOSED', 'VOIDED'] as const;
const BILLING_VIEW = `query B($status: [ClaimStatus!]) {
  claims(filter: { status: $status }, first: 50) { totalCount edges { node { id status frequencyCode originalClaim { id status } lastScrub { clean } } } }
  remittances(first: 50) { totalCount edges { node { id status claims { outcome unmatchedReason } } } }
  denials(first: 50) { totalCount edges { node { claimId appealDeadline adjustments { group reasonCode } } } }
  unmatchedRemittances(first: 50) { totalCount edges { node { outcome unmatchedReason } } } }`;

describe('demo claims', () => {
  // The run's demo (seeded once; its seed time is printed by test/helpers/demo-db.ts).
  const practiceId = DEMO_PRACTICE_ID;

  it('bills the newest finalized superbills: DRAFT not yet scrubbed, READY after a clean scrub, DRAFT after a failed one', async () => {
    const db = server.database.db;
    const rows = await db.select().from(claims).where(eq(claims.practiceId, practiceId));
    expect(rows.length).toBeGreaterThan(30);
    const ready = rows.filter((r) => r.status === 'READY');
    const failed = rows.filter((r) => r.status === 'DRAFT' && r.lastScrub && !r.lastScrub.clean);
    const unscrubbed = rows.filter((r) => r.status === 'DRAFT' && !r.lastScrub);
    expect(ready.length).toBeGreaterThan(2);
    expect(failed.length).toBeGreaterThan(2);
    expect(unscrubbed.length).toBeGreaterThan(5);
    expect(ready.every((r) => r.lastScrub!.clean && r.lastScrub!.findings.every((f) => f.severity === 'WARNING'))).toBe(true);
    expect(failed.every((r) => r.lastScrub!.findings.some((f) => f.code === 'MEMBER_ID_INVALID'))).toBe(true);
    const originals = rows.filter((r) => r.frequencyCode === '1');
    expect(originals.every((r) => r.totalChargeCents === r.snapshot.totalChargeCents && r.totalChargeCents > 0)).toBe(true);

    const token = await server.token(practiceId, [Role.BILLER]);
    const page = await server.gql(token, LIST_CLAIMS, { first: 50, filter: { status: ['READY'] } });
    expect(page.errors).toBeUndefined();
    expect(page.data!.claims.totalCount).toBe(ready.length);
    const queue = await server.gql(token, QUEUE, { first: 50 });
    expect(queue.errors).toBeUndefined();
  });

  it('holds claims in every status, remittances, denials and an unmatched entry, as a biller sees them through GraphQL', async () => {
    const token = await server.token(practiceId, [Role.BILLER]);
    const counts: Record<string, number> = {};
    for (const status of STATUSES) {
      const res = await server.gql(token, BILLING_VIEW, { status: [status] });
      expect(res.errors).toBeUndefined();
      counts[status] = res.data!.claims.totalCount;
      expect(res.data!.claims.edges.every((e: { node: { status: string } }) => e.node.status === status)).toBe(true);
    }
    console.info(`demo claims per status: ${JSON.stringify(counts)}`);
    for (const status of STATUSES) expect(counts[status], status).toBeGreaterThan(0);

    const all = await server.gql(token, BILLING_VIEW, {});
    const view = all.data!;
    // A replacement (frequency 7) of a denied claim, linked to it; the original keeps its adjudication.
    const replacement = view.claims.edges.map((e: { node: { frequencyCode: string; originalClaim: { status: string } | null } }) => e.node).find((c: { frequencyCode: string }) => c.frequencyCode === '7');
    expect(replacement?.originalClaim?.status).toBe('DENIED');
    // Remittances from posting: two rounds of simulated 835s, every one POSTED, with a reversal among them.
    expect(view.remittances.totalCount).toBeGreaterThanOrEqual(2);
    expect(view.remittances.edges.every((e: { node: { status: string } }) => e.node.status === 'POSTED')).toBe(true);
    const outcomes = new Set(view.remittances.edges.flatMap((e: { node: { claims: { outcome: string }[] } }) => e.node.claims.map((c) => c.outcome)));
    expect([...outcomes]).toEqual(expect.arrayContaining(['POSTED', 'UNMATCHED']));
    expect(view.denials.edges.length).toBeGreaterThan(0);
    expect(view.denials.edges.some((e: { node: { adjustments: { group: string; reasonCode: string }[] } }) => e.node.adjustments.some((a) => a.group === 'CO' && ['197', '50'].includes(a.reasonCode)))).toBe(true);
    expect(view.unmatchedRemittances.edges.map((e: { node: { unmatchedReason: string } }) => e.node.unmatchedReason)).toContain('ALREADY_ADJUDICATED');

    // Payments came from posting: the ledger holds insurance payments on the paid claims.
    const paid = await server.database.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.practiceId, practiceId), eq(ledgerEntries.kind, 'INSURANCE_PAYMENT')));
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.every((e) => e.claimId && e.remittanceId)).toBe(true);
  });

  it('the inbox shows the mailbox files the demo took in and processed: a 999, a 277CA and an 835 posted as a remittance', async () => {
    const token = await server.token(practiceId, [Role.BILLER]);
    const res = await server.gql(token, `query { clearinghouseFiles(first: 20) { totalCount edges { node { kind status problem remittance { status } batches { id } } } } }`);
    expect(res.errors).toBeUndefined();
    const files = res.data!.clearinghouseFiles.edges.map((e: { node: { kind: string; status: string } }) => e.node);
    // One 999 and one 277CA per batch sent through the mailbox (a batch per payer route), the ERAs that followed, and
    // the 277CA the clearinghouse sent under its own trace for a batch whose 999 came with the submission.
    const kinds = files.map((f: { kind: string }) => f.kind);
    expect([...new Set(kinds)].sort()).toEqual(['277CA', '835', '999']);
    expect(kinds.filter((k: string) => k === '999').length + 1).toBe(kinds.filter((k: string) => k === '277CA').length);
    expect(files.every((f: { status: string; problem: string | null }) => f.status === 'PROCESSED' && f.problem === null)).toBe(true);
    expect(files.filter((f: { kind: string }) => f.kind === '835').every((f: { remittance: unknown }) => JSON.stringify(f.remittance) === '{"status":"POSTED"}')).toBe(true);
    expect(files.filter((f: { kind: string }) => f.kind === '277CA').every((f: { batches: unknown[] }) => f.batches.length === 1)).toBe(true);
    // That one was placed by the claims' account numbers: its batch's answer says so.
    const answers = (await server.gql(token, `query { claimBatches(first: 50) { edges { node { answers { kind problems } } } } }`)).data!.claimBatches.edges.flatMap((e: { node: { answers: { kind: string; problems: string[] }[] } }) => e.node.answers);
    expect(answers.filter((a: { kind: string; problems: string[] }) => a.kind === '277CA' && a.problems.some((p) => /matched by patient account number/.test(p)))).toHaveLength(1);
  });

  it('seeding the claim flow again changes nothing', async () => {
    const db = server.database.db;
    const before = await db.select({ id: claims.id, status: claims.status, version: claims.version }).from(claims).where(eq(claims.practiceId, practiceId)).orderBy(claims.id);
    const entries = await db.$count(ledgerEntries, eq(ledgerEntries.practiceId, practiceId));
    expect(await seedDemoClaimFlow(db, practiceId)).toEqual({ submitted: 0, remittances: 0 });
    expect(await db.select({ id: claims.id, status: claims.status, version: claims.version }).from(claims).where(eq(claims.practiceId, practiceId)).orderBy(claims.id)).toEqual(before);
    expect(await db.$count(ledgerEntries, eq(ledgerEntries.practiceId, practiceId))).toBe(entries);
  });
});
