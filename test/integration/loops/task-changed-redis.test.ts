import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { taskQueueTopic, taskUserTopic } from '../../../server/src/modules/tasks/task-change.publisher.js';
import { createPractice } from '../../factories/practice.factory.js';
import { redisAnswers } from '../../helpers/redis-probe.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { subscribe, type TestSubscription, waitUntil } from '../../helpers/ws-client.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const available = await redisAnswers(REDIS_URL);

const SUB = `subscription($role: Role) { taskChanged(role: $role) { taskId kind status assigneeUserId queueRole } }`;
const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id version } } }`;
const CLAIM = `mutation($input: ClaimTaskInput!) { claimTask(input: $input) { task { id } } }`;

describe.skipIf(!available)('taskChanged across two server instances through Redis', () => {
  let a: TestServer;
  let b: TestServer;
  let admin: Redis;
  const open: TestSubscription[] = [];
  beforeAll(async () => {
    a = await startTestServer({ REDIS_URL });
    b = await startTestServer({ REDIS_URL }, { database: a.database });
    admin = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await admin.quit();
  });

  const subscribers = async (topic: string) => Number(((await admin.pubsub('NUMSUB', `medoffice:${topic}`)) as [string, number])[1]);

  it('a queue and a user subscribed on instance B hear a task created and claimed on instance A', async () => {
    const practiceId = await createPractice(a.database.db);
    const queue = subscribe(b.wsUrl, await b.token(practiceId, [Role.BILLER], 'biller-b'), SUB, { role: 'BILLER' });
    const mine = subscribe(b.wsUrl, await b.token(practiceId, [Role.BILLER], 'biller-a'), SUB, {});
    open.push(queue, mine);
    await waitUntil(async () => (await subscribers(taskQueueTopic(practiceId, 'BILLER'))) === 1 && (await subscribers(taskUserTopic(practiceId, 'biller-a'))) === 1);
    const tokenA = await a.token(practiceId, [Role.BILLER], 'biller-a');
    const task = (await a.gql(tokenA, CREATE, { input: { title: 'Call the payer about a denial', queueRole: 'BILLER' } })).data!.createTask.task;
    expect((await queue.next()).data!.taskChanged).toEqual({ taskId: task.id, kind: 'CREATED', status: 'OPEN', assigneeUserId: null, queueRole: 'BILLER' });
    await a.gql(tokenA, CLAIM, { input: { id: task.id, expectedVersion: task.version } });
    expect((await mine.next()).data!.taskChanged).toEqual({ taskId: task.id, kind: 'CLAIMED', status: 'IN_PROGRESS', assigneeUserId: 'biller-a', queueRole: 'BILLER' });
    expect((await queue.next()).data!.taskChanged).toMatchObject({ taskId: task.id, kind: 'CLAIMED' });
  });
});
