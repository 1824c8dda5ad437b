import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/src/app.js';
import type { Database } from '../../../server/src/db/client.js';
import { signToken } from '../../../server/src/graphql/auth.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { createLogger } from '../../../server/src/logger.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startApp } from '../../helpers/start-app.js';
import { openTestDatabase } from '../../helpers/test-db.js';
import { TEST_JWT_SECRET } from '../../helpers/test-server.js';

const REGISTER = 'mutation Register($input: RegisterPatientInput!) { registerPatient(input: $input) { patient { id mrn } } }';

let database: Database;
let app: App;
let url: string;
const lines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  ({ app, url } = await startApp(database, { logger }));
});
afterAll(async () => {
  await app.stop();
  await database.close();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, requestId: res.headers.get('x-request-id')!, json: (await res.json()) as { errors?: unknown[] } };
}

/** The request log entries written for one request id. */
const entriesFor = (requestId: string) =>
  lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.requestId === requestId);

describe('request log', () => {
  it('writes one line per request with id, operation, duration and status, and no variables or PHI', async () => {
    const practiceId = await createPractice(database.db);
    const token = await signToken(TEST_JWT_SECRET, { userId: 'log-test-user', practiceId, roles: [Role.FRONT_DESK] });
    const input = patientInput({ legalName: { given: 'Loggiven', family: 'Logfamilyname' }, dateOfBirth: '1961-07-23', email: 'log.patient@example.test', phones: [{ kind: 'MOBILE', number: '+12125550177', primary: true }] });
    const correlationId = 'log-test-request-0001';
    const res = await post({ query: REGISTER, variables: { input } }, { authorization: `Bearer ${token}`, 'x-request-id': correlationId });
    expect(res.json.errors).toBeUndefined();

    // The server's request id, with the client's own id beside it as the correlation id.
    const requestId = res.requestId;
    expect(requestId).not.toBe(correlationId);
    const entries = entriesFor(requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ msg: 'graphql request', requestId, correlationId, operationName: 'Register', status: 'ok', httpStatus: 200, userId: 'log-test-user', practiceId });
    expect(entries[0]!.durationMs).toEqual(expect.any(Number));
    expect(entries[0]!.sqlStatements).toEqual(expect.any(Number));

    const all = lines.join('\n');
    for (const phi of ['Loggiven', 'Logfamilyname', '1961-07-23', 'log.patient@example.test', '5550177', token]) expect(all).not.toContain(phi);
    expect(all).not.toContain('"variables"');
    expect(all).not.toContain('"query"');
  });

  it('logs failures with their codes, never the rejected values', async () => {
    const token = await signToken(TEST_JWT_SECRET, { userId: 'log-test-user', practiceId: await createPractice(database.db), roles: [Role.FRONT_DESK] });
    const res = await post({ query: REGISTER, variables: { input: patientInput({ dateOfBirth: 'Leakydob-1961', email: 'leaky.patient@example.test' }) } }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(400);
    const requestId = res.requestId;
    const [entry] = entriesFor(requestId);
    expect(entry).toMatchObject({ requestId, operationName: 'Register', status: 'error', httpStatus: 400, errorCodes: ['BAD_USER_INPUT'] });
    const all = lines.join('\n');
    expect(all).not.toContain('Leakydob');
    expect(all).not.toContain('leaky.patient');
  });

  it('logs a request rejected for its token', async () => {
    const correlationId = 'log-test-request-0003';
    const res = await post({ query: '{ patients(first: 1) { totalCount } }' }, { authorization: 'Bearer not-a-token', 'x-request-id': correlationId });
    expect(res.status).toBe(401);
    const requestId = res.requestId;
    const [entry] = entriesFor(requestId);
    expect(entry).toMatchObject({ requestId, correlationId, status: 'error', httpStatus: 401, errorCodes: ['UNAUTHENTICATED'] });
    expect(lines.join('\n')).not.toContain('not-a-token');
  });
});
