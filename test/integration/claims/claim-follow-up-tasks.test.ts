import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../../server/src/db/schema/claims.js';
import { taskEvents, tasks } from '../../../server/src/db/schema/tasks.js';
import { ClaimStatus } from '../../../server/src/modules/claims/claim-status.js';
import { markSubmitted, recordAcknowledgment, transitionClaims } from '../../../server/src/modules/claims/claim-transition.service.js';
import { claimWorld } from '../../factories/claim.factory.js';
import { acceptedClaim, post835, remittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { CLOSE_CLAIM, SCRUB, UPDATE_CLAIM } from './claim-ops.js';
import { CLAIM_ANSWERS, readyClaim, SUBMIT } from './claim-submit-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const key = (s: string) => `key-${s}-${Math.random().toString(36).slice(2)}`;
const claimRow = async (id: string) => (await server.database.db.select().from(claims).where(eq(claims.id, id)))[0]!;

async function tasksOf(practiceId: string, claimId: string) {
  const db = server.database.db;
  const rows = await db.select().from(tasks).where(and(eq(tasks.practiceId, practiceId), eq(tasks.aboutType, 'CLAIM'), eq(tasks.aboutId, claimId))).orderBy(asc(tasks.createdAt), asc(tasks.sourceKey));
  return Promise.all(rows.map(async (t) => ({ ...t, events: await db.select().from(taskEvents).where(eq(taskEvents.taskId, t.id)).orderBy(asc(taskEvents.seq)) })));
}

describe('claim follow-up tasks (issue 16)', () => {
  it('a 277CA rejection puts one task in the BILLER queue; the correction closes it; a second rejection of the next revision makes a new one', async () => {
    const w = await claimWorld(server, { coverage: { memberId: 'REJ4455667' } });
    const id = await readyClaim(server, w);
    await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: key('rej') } });
    const claim = (await server.gql(w.biller, CLAIM_ANSWERS, { id })).data!.claim;
    expect(claim).toMatchObject({ status: 'REJECTED', revision: 1 });
    const [t] = await tasksOf(w.practiceId, id);
    expect(t).toMatchObject({ sourceKey: `claim:${id}:rejected:1`, queueRole: 'BILLER', assigneeUserId: null, status: 'OPEN', priority: 'HIGH', title: 'Claim rejected: correct and resubmit', patientId: (await claimRow(id)).patientId, description: expect.stringContaining('A7:164:IL') });
    expect(t!.events.map((e) => e.kind)).toEqual(['CREATED']);

    // The biller corrects it: back to DRAFT as revision 2, and the task is DONE by them, with why.
    const [row] = await server.database.db.select({ version: tasks.version }).from(tasks).where(eq(tasks.id, t!.id));
    expect(row!.version).toBe(1);
    const fixed = await server.gql(w.biller, UPDATE_CLAIM, { input: { id, expectedVersion: (await claimRow(id)).version, memberId: 'REJ4455668' } });
    expect(fixed.errors).toBeUndefined();
    const [done] = await tasksOf(w.practiceId, id);
    expect(done).toMatchObject({ status: 'DONE', closedAt: expect.any(Date) });
    expect(done!.events.at(-1)).toMatchObject({ kind: 'STATUS_CHANGED', fromStatus: 'OPEN', toStatus: 'DONE', comment: 'Closed automatically: the claim moved to DRAFT' });

    // Sent again and rejected again (same member id rule): a new task for revision 2.
    await server.gql(w.biller, SCRUB, { input: { id } });
    await server.gql(w.biller, SUBMIT, { input: { claimIds: [id], idempotencyKey: key('rej2') } });
    const all = await tasksOf(w.practiceId, id);
    expect(all.map((x) => [x.sourceKey, x.status])).toEqual([
      [`claim:${id}:rejected:1`, 'DONE'],
      [`claim:${id}:rejected:2`, 'OPEN'],
    ]);
  });

  it('a denial makes one task; payment after all or closing the claim marks it DONE; a move refused creates nothing', async () => {
    const w = await claimWorld(server);
    const id = await readyClaim(server, w);
    const db = server.database.db;
    await db.transaction(async (tx) => {
      await markSubmitted(tx, w.practiceId, [id], 'batch-1', 'biller-1');
      await recordAcknowledgment(tx, w.practiceId, id, { accepted: true, payerClaimNumber: 'PCN-1' });
    });
    expect(await tasksOf(w.practiceId, id)).toEqual([]);
    await db.transaction((tx) => transitionClaims(tx, w.practiceId, [id], { to: ClaimStatus.DENIED, source: 'REMITTANCE', by: 'era', reason: 'CO-50 not medically necessary' }));
    const [t] = await tasksOf(w.practiceId, id);
    expect(t).toMatchObject({ sourceKey: `claim:${id}:denied:1`, queueRole: 'BILLER', status: 'OPEN', title: 'Claim denied: appeal, correct or close', description: 'CO-50 not medically necessary', createdBy: 'era' });
    // A refused move (DENIED → SUBMITTED) changes nothing and creates nothing.
    await expect(db.transaction((tx) => transitionClaims(tx, w.practiceId, [id], { to: ClaimStatus.SUBMITTED, source: 'USER', by: 'u' }))).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await tasksOf(w.practiceId, id)).toHaveLength(1);
    // The payer reverses and pays: the denial's task is DONE.
    await db.transaction((tx) => transitionClaims(tx, w.practiceId, [id], { to: ClaimStatus.PAID, source: 'REMITTANCE', by: 'era' }));
    expect((await tasksOf(w.practiceId, id)).map((x) => [x.status, x.events.at(-1)!.byUserId, x.events.at(-1)!.comment])).toEqual([['DONE', 'era', 'Closed automatically: the claim moved to PAID']]);
  });

  it('closing a denied claim closes its task, by the biller', async () => {
    const w = await claimWorld(server);
    const id = await readyClaim(server, w);
    const db = server.database.db;
    await db.transaction(async (tx) => {
      await markSubmitted(tx, w.practiceId, [id], 'batch-1', 'biller-1');
      await recordAcknowledgment(tx, w.practiceId, id, { accepted: true, payerClaimNumber: 'PCN-2' });
      await transitionClaims(tx, w.practiceId, [id], { to: ClaimStatus.DENIED, source: 'REMITTANCE', by: 'era' });
    });
    const { version } = await claimRow(id);
    const closed = await server.gql(w.biller, CLOSE_CLAIM, { input: { id, expectedVersion: version, reason: 'write-off approved' } });
    expect(closed.errors).toBeUndefined();
    const [t] = await tasksOf(w.practiceId, id);
    expect(t).toMatchObject({ status: 'DONE' });
    expect(t!.events.at(-1)).toMatchObject({ toStatus: 'DONE', comment: 'Closed automatically: the claim moved to CLOSED' });
    expect(t!.events.at(-1)!.byUserId).not.toBe('era');
  });

  it('a second denial at the same revision, by a later remittance, gets its own task; the same remittance never makes two', async () => {
    const w = await claimWorld(server);
    const id = await readyClaim(server, w);
    const db = server.database.db;
    const move = (to: ClaimStatus, reference: string) => db.transaction((tx) => transitionClaims(tx, w.practiceId, [id], { to, source: 'REMITTANCE', by: 'era', reference }));
    await db.transaction(async (tx) => {
      await markSubmitted(tx, w.practiceId, [id], 'batch-1', 'biller-1');
      await recordAcknowledgment(tx, w.practiceId, id, { accepted: true, payerClaimNumber: 'PCN-3' });
    });
    await move(ClaimStatus.DENIED, 'rem-1');
    await move(ClaimStatus.PAID, 'rem-2');
    await move(ClaimStatus.DENIED, 'rem-3');
    expect((await tasksOf(w.practiceId, id)).map((x) => [x.sourceKey, x.status])).toEqual([
      [`claim:${id}:denied:1:rem-1`, 'DONE'],
      [`claim:${id}:denied:1:rem-3`, 'OPEN'],
    ]);
    // Closing the claim closes the open denial task, whichever remittance made it.
    const closed = await server.gql(w.biller, CLOSE_CLAIM, { input: { id, expectedVersion: (await claimRow(id)).version, reason: 'write-off approved' } });
    expect(closed.errors).toBeUndefined();
    expect((await tasksOf(w.practiceId, id)).map((x) => x.status)).toEqual(['DONE', 'DONE']);
  });

  it('an 835 denial posted twice (a replay of the same file) makes one task, keyed by the remittance', async () => {
    const w = await remittanceWorld(server);
    const claim = await acceptedClaim(w, '5');
    const { x12 } = simulated835([submittedOf(claim)]);
    const first = await post835(w, x12, `era-${claim.id}`);
    expect(first.errors).toBeUndefined();
    const again = await post835(w, x12, `era-${claim.id}`);
    expect(again.data!.postRemittance.replayed).toBe(true);
    const remittanceId = first.data!.postRemittance.remittance.id;
    expect((await tasksOf(w.practiceId, claim.id)).map((x) => [x.sourceKey, x.status, x.queueRole])).toEqual([[`claim:${claim.id}:denied:1:${remittanceId}`, 'OPEN', 'BILLER']]);
  });
});
