import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { claims, claimStatusHistory } from '../../../server/src/db/schema/claims.js';
import { taskEvents, tasks } from '../../../server/src/db/schema/tasks.js';
import { build835 } from '../../../server/src/x12/x12-835-writer.js';
import { acceptedClaim, type ClaimRow, post835, remittanceWorld, type RemittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
const db = () => server.database.db;
const tasksOf = (claimId: string) => db().select().from(tasks).where(eq(tasks.aboutId, claimId)).orderBy(asc(tasks.createdAt), asc(tasks.sourceKey));
const historyOf = (claimId: string) => db().select().from(claimStatusHistory).where(eq(claimStatusHistory.claimId, claimId));
const UPDATE_STATUS = `mutation U($input: UpdateTaskStatusInput!) { updateTaskStatus(input: $input) { task { id status } } }`;

/** A claim denied by a first remittance (rule 5: CO-197 on every line), with that remittance's id. */
async function deniedClaim(w: RemittanceWorld, key: string): Promise<{ claim: ClaimRow; first: string }> {
  const claim = await acceptedClaim(w, '5');
  const res = await post835(w, simulated835([submittedOf(claim)]).x12, key);
  expect(res.errors).toBeUndefined();
  return { claim: (await db().select().from(claims).where(eq(claims.id, claim.id)))[0]!, first: res.data!.postRemittance.remittance.id };
}

/** The payer's answer upholding its denial: the denial reversed (CLP02 22) and the claim denied again, in one file. */
const reversedAndDeniedAgain = (c: ClaimRow) => simulated835([{ ...submittedOf(c), appealWon: [] }]);

/**
 * A re-denial leaves the claim DENIED (no status move), yet it is a new denial to work: the earlier
 * denial's open task is closed as superseded and the new remittance's task opens — one open task, about
 * the latest denial. A replay of the file makes nothing more.
 */
describe('postRemittance: a reversal and re-denial opens the new denial\'s task', () => {
  let w: RemittanceWorld;
  beforeAll(async () => {
    w = await remittanceWorld(server);
  });

  it('in one file: the earlier open task is closed, the new remittance\'s task opens, the status and history stay', async () => {
    const { claim, first } = await deniedClaim(w, 're-denial-1a');
    expect((await tasksOf(claim.id)).map((t) => [t.sourceKey, t.status])).toEqual([[`claim:${claim.id}:denied:${claim.revision}:${first}`, 'OPEN']]);
    const historyBefore = await historyOf(claim.id);

    const { x12 } = reversedAndDeniedAgain(claim);
    const res = await post835(w, x12, 're-denial-1b');
    expect(res.errors).toBeUndefined();
    const second = res.data!.postRemittance.remittance;
    expect(second.claims.map((c: any) => [c.statusCode, c.outcome])).toEqual([['22', 'REVERSAL'], ['4', 'POSTED']]);

    const after = await tasksOf(claim.id);
    expect(after.map((t) => [t.sourceKey, t.status, t.queueRole, t.priority, t.patientId])).toEqual([
      [`claim:${claim.id}:denied:${claim.revision}:${first}`, 'DONE', 'BILLER', 'HIGH', claim.patientId],
      [`claim:${claim.id}:denied:${claim.revision}:${second.id}`, 'OPEN', 'BILLER', 'HIGH', claim.patientId],
    ]);
    expect(after[1]!.description).toBe(`adjudicated DENIED again in remittance ${second.id}`);
    const closing = await db().select().from(taskEvents).where(eq(taskEvents.taskId, after[0]!.id));
    expect(closing.filter((e) => e.kind === 'STATUS_CHANGED').map((e) => [e.fromStatus, e.toStatus, e.comment])).toEqual([
      ['OPEN', 'DONE', `Closed automatically: the payer reversed this denial and denied the claim again in remittance ${second.id}; the new denial has its own task`],
    ]);
    const now = (await db().select().from(claims).where(eq(claims.id, claim.id)))[0]!;
    expect(now.status).toBe('DENIED');
    expect(await historyOf(claim.id)).toHaveLength(historyBefore.length);

    // The same file again is a replay: no new task, nothing reopened.
    const again = await post835(w, x12, 're-denial-1b');
    expect(again.data!.postRemittance.replayed).toBe(true);
    expect((await tasksOf(claim.id)).map((t) => t.status)).toEqual(['DONE', 'OPEN']);
  });

  it('a task the biller already closed stays as they left it, and the re-denial still opens its own', async () => {
    const { claim, first } = await deniedClaim(w, 're-denial-2a');
    const [task] = await tasksOf(claim.id);
    const closed = await server.gql(w.biller, UPDATE_STATUS, { input: { id: task!.id, status: 'DONE', expectedVersion: task!.version, comment: 'appeal sent' } });
    expect(closed.errors).toBeUndefined();

    const res = await post835(w, reversedAndDeniedAgain(claim).x12, 're-denial-2b');
    expect(res.errors).toBeUndefined();
    const second = res.data!.postRemittance.remittance.id;
    const after = await tasksOf(claim.id);
    expect(after.map((t) => [t.sourceKey, t.status])).toEqual([
      [`claim:${claim.id}:denied:${claim.revision}:${first}`, 'DONE'],
      [`claim:${claim.id}:denied:${claim.revision}:${second}`, 'OPEN'],
    ]);
    const events = await db().select().from(taskEvents).where(eq(taskEvents.taskId, after[0]!.id));
    expect(events.filter((e) => e.kind === 'STATUS_CHANGED').map((e) => e.comment)).toEqual(['appeal sent']);
  });

  it('the reversal and the new denial in two files: the reversal alone opens nothing, the later denial opens its task', async () => {
    const { claim, first } = await deniedClaim(w, 're-denial-3a');
    const { remittance } = reversedAndDeniedAgain(claim);
    const [reversal, denial] = remittance.claims;
    const file = (clp: typeof reversal, trace: string, control: number) =>
      build835({ ...remittance, trace: { ...remittance.trace, number: trace }, claims: [{ ...clp!, index: 0 }] }, { senderId: 'SIMCH', receiverId: 'MEDOFFICE', usage: 'T' }, control, new Date('2026-03-21T12:00:00Z'));

    const r1 = await post835(w, file(reversal, `REV${claim.number}`, 9101), 're-denial-3b');
    expect(r1.errors).toBeUndefined();
    expect(r1.data!.postRemittance.remittance.claims.map((c: any) => c.outcome)).toEqual(['REVERSAL']);
    expect((await tasksOf(claim.id)).map((t) => t.status)).toEqual(['OPEN']);

    const r2 = await post835(w, file(denial, `DEN${claim.number}`, 9102), 're-denial-3c');
    expect(r2.errors).toBeUndefined();
    const second = r2.data!.postRemittance.remittance.id;
    expect((await tasksOf(claim.id)).map((t) => [t.sourceKey, t.status])).toEqual([
      [`claim:${claim.id}:denied:${claim.revision}:${first}`, 'DONE'],
      [`claim:${claim.id}:denied:${claim.revision}:${second}`, 'OPEN'],
    ]);
  });

  it('a claim paid after its denial was reversed closes the denial task and opens none (unchanged rule)', async () => {
    const { claim } = await deniedClaim(w, 're-denial-4a');
    const res = await post835(w, simulated835([{ ...submittedOf(claim), appealWon: true }]).x12, 're-denial-4b');
    expect(res.errors).toBeUndefined();
    expect((await db().select().from(claims).where(eq(claims.id, claim.id)))[0]!.status).toBe('PAID');
    expect((await tasksOf(claim.id)).map((t) => t.status)).toEqual(['DONE']);
  });
});
