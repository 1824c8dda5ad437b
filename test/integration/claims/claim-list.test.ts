import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { markSubmitted, recordAcknowledgment } from '../../../server/src/modules/claims/claim-transition.service.js';
import { claimWorld, finalizedSuperbill } from '../../factories/claim.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { ASSIGN, CREATE_CLAIMS, FOLLOW_UP, GET_CLAIM, LIST_CLAIMS, NOTE, QUEUE, SCRUB } from './claim-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

type World = Awaited<ReturnType<typeof claimWorld>>;
const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;
const ONE_LINE = { diagnoses: ['I10'], lines: [{ code: '99213', units: 1, diagnosisPointers: ['A'] }] };

/** Claims of visits on the given days (15:00 UTC), in order. */
async function claimsOn(w: World, days: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const day of days) {
    const sb = await finalizedSuperbill(w, ONE_LINE, new Date(`${day}T15:00:00Z`));
    ids.push((await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: sb } })).data!.createClaims.claims[0].id);
  }
  return ids;
}

describe('claims list', () => {
  it('pages newest date of service first, forward and backward, with stable cursors and totalCount', async () => {
    const w = await claimWorld(server);
    const ids = await claimsOn(w, ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06']);
    const first = (await server.gql(w.biller, LIST_CLAIMS, { first: 2 })).data!.claims;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[4], ids[3]]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await server.gql(w.biller, LIST_CLAIMS, { first: 2, after: first.pageInfo.endCursor })).data!.claims;
    expect(second.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    const third = (await server.gql(w.biller, LIST_CLAIMS, { first: 2, after: second.pageInfo.endCursor })).data!.claims;
    expect(third.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const back = (await server.gql(w.biller, LIST_CLAIMS, { last: 2, before: third.pageInfo.startCursor })).data!.claims;
    expect(back.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('filters by status, payer, provider, patient, date-of-service range and submission range', async () => {
    const w = await claimWorld(server);
    const [a, b, c] = await claimsOn(w, ['2026-02-02', '2026-02-03', '2026-02-04']);
    await server.gql(w.biller, SCRUB, { input: { id: b } });
    await server.gql(w.biller, SCRUB, { input: { id: c } });
    await server.database.db.transaction((tx) => markSubmitted(tx, w.practiceId, [c!], 'batch', 'u', new Date('2026-02-10T12:00:00Z')));
    const list = async (filter: Record<string, unknown>) => ((await server.gql(w.biller, LIST_CLAIMS, { filter })).data!.claims.edges as { node: { id: string } }[]).map((e) => e.node.id);
    expect(await list({ status: ['DRAFT'] })).toEqual([a]);
    expect(await list({ status: ['READY', 'SUBMITTED'] })).toEqual([c, b]);
    expect(await list({ dateOfServiceFrom: '2026-02-03', dateOfServiceTo: '2026-02-03' })).toEqual([b]);
    expect(await list({ submittedFrom: '2026-02-10T00:00:00Z', submittedTo: '2026-02-11T00:00:00Z' })).toEqual([c]);
    expect(await list({ submittedFrom: '2026-02-11T00:00:00Z' })).toEqual([]);
    expect(await list({ payerId: w.payer.id, providerId: w.provider.id, patientId: w.patient.id, dateOfServiceTo: '2026-02-28' })).toEqual([c, b, a]);
    const otherPayer = await insertPayer(server.database.db, w.practiceId);
    expect(await list({ payerId: otherPayer.id })).toEqual([]);
  });

  it('refuses bad arguments: inverted ranges, malformed ids, forged cursors, page sizes', async () => {
    const w = await claimWorld(server);
    for (const [vars, path] of [
      [{ filter: { dateOfServiceFrom: '2026-03-02', dateOfServiceTo: '2026-03-01' } }, 'filter.dateOfServiceTo'],
      [{ filter: { payerId: 'x' } }, 'filter.payerId'],
      [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
      [{ first: 0 }, 'first'],
    ] as const) {
      expect(errorOf(await server.gql(w.biller, LIST_CLAIMS, vars)), JSON.stringify(vars)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path }] });
    }
    expect(errorOf(await server.gql(w.biller, LIST_CLAIMS, { filter: { dateOfServiceFrom: '2026-02-30' } }))?.code).toBe('BAD_USER_INPUT');
  });

  it('a page of claims with their payer and lines costs a fixed number of statements', async () => {
    const w = await claimWorld(server);
    await claimsOn(w, ['2026-02-02', '2026-02-03']);
    const small = await server.gql(w.biller, LIST_CLAIMS, {});
    await claimsOn(w, ['2026-02-04', '2026-02-05', '2026-02-06', '2026-02-09']);
    const large = await server.gql(w.biller, LIST_CLAIMS, {});
    expect(large.data!.claims.edges).toHaveLength(6);
    expect(large.extensions!.stats!.sqlStatements).toBe(small.extensions!.stats!.sqlStatements);
  });
});

describe('follow-up queue', () => {
  it('orders by urgency: timely filing, rejected, unacknowledged, pending; hides snoozed claims; assign, note and follow-up date work', async () => {
    const w = await claimWorld(server, { payer: { timelyFilingDays: 3650 } });
    // A second payer with a short limit: a claim to it is near (or past) timely filing.
    const strict = await insertPayer(server.database.db, w.practiceId, { timelyFilingDays: 300 });
    const [rejected, unacked, pending, fresh, snoozed] = await claimsOn(w, ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06']);
    await server.database.db.update(claims).set({ payerId: strict.id }).where(eq(claims.id, fresh!));
    for (const id of [rejected, unacked, pending, snoozed]) await server.gql(w.biller, SCRUB, { input: { id } });
    const long = new Date(Date.now() - 40 * 86_400_000);
    await server.database.db.transaction(async (tx) => {
      await markSubmitted(tx, w.practiceId, [rejected!, unacked!, pending!, snoozed!], 'b1', 'u', long);
      await recordAcknowledgment(tx, w.practiceId, rejected!, { accepted: false, reason: 'A7' });
      await recordAcknowledgment(tx, w.practiceId, pending!, { accepted: true, at: long });
      await recordAcknowledgment(tx, w.practiceId, snoozed!, { accepted: false, reason: 'A7' });
    });
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await server.gql(w.biller, FOLLOW_UP, { input: { id: snoozed, date: inAWeek } })).data!.setFollowUpDate.claim.nextFollowUpOn).toBe(inAWeek);
    const queue = async (filter: Record<string, unknown> = {}, first = 50) => (await server.gql(w.biller, QUEUE, { filter, first })).data!.claimsNeedingFollowUp;
    const all = await queue();
    expect(all.edges.map((e: { node: { reason: string; claim: { id: string } } }) => [e.node.reason, e.node.claim.id])).toEqual([
      ['TIMELY_FILING', fresh],
      ['REJECTED', rejected],
      ['UNACKNOWLEDGED', unacked],
      ['PENDING', pending],
    ]);
    expect(all.edges[0].node).toMatchObject({ timelyFilingDeadline: '2026-12-02' });
    expect(all.edges[0].node.daysToTimelyFiling).toBeLessThan(30);
    expect((await queue({ includeSnoozed: true })).edges.map((e: { node: { claim: { id: string } } }) => e.node.claim.id)).toContain(snoozed);
    expect((await queue({ reasons: ['PENDING', 'UNACKNOWLEDGED'] })).edges.map((e: { node: { claim: { id: string } } }) => e.node.claim.id)).toEqual([unacked, pending]);
    // Paging through the queue keeps its order.
    const p1 = await queue({}, 2);
    const p2res = await server.gql(w.biller, QUEUE, { first: 2, after: p1.pageInfo.endCursor });
    expect(p2res.errors).toBeUndefined();
    const p2 = p2res.data!.claimsNeedingFollowUp;
    expect([...p1.edges, ...p2.edges].map((e: { node: { claim: { id: string } } }) => e.node.claim.id)).toEqual([fresh, rejected, unacked, pending]);
    expect(errorOf(await server.gql(w.biller, QUEUE, { filter: { reasons: [] } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'filter.reasons' }] });
    expect(errorOf(await server.gql(w.biller, QUEUE, { filter: { pendingAfterDays: 0 } }))?.code).toBe('BAD_USER_INPUT');

    // Work the rejected claim: assign it, note it, snooze it.
    expect((await server.gql(w.biller, ASSIGN, { input: { id: rejected, assigneeId: 'biller-7' } })).data!.assignClaim.claim.assigneeId).toBe('biller-7');
    expect((await queue({ assigneeId: 'biller-7' })).edges.map((e: { node: { claim: { id: string } } }) => e.node.claim.id)).toEqual([rejected]);
    expect((await queue({ unassignedOnly: true })).edges.map((e: { node: { claim: { id: string } } }) => e.node.claim.id)).not.toContain(rejected);
    const note = await server.gql(w.biller, NOTE, { input: { id: rejected, body: 'Called payer; member id typo.' } });
    expect(note.data!.addClaimNote.note).toMatchObject({ body: 'Called payer; member id typo.' });
    expect((await server.gql(w.biller, GET_CLAIM, { id: rejected })).data!.claim.notes).toEqual([{ body: 'Called payer; member id typo.', authorId: expect.any(String) }]);
    expect(errorOf(await server.gql(w.biller, NOTE, { input: { id: rejected, body: '   ' } }))?.code).toBe('BAD_USER_INPUT');
    expect(errorOf(await server.gql(w.biller, FOLLOW_UP, { input: { id: rejected, date: '2026-13-01' } }))?.code).toBe('BAD_USER_INPUT');
  });
});
