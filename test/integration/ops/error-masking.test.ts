import { sql } from 'drizzle-orm';
import { GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import { createApp } from '../../../server/src/app.js';
import { type Database, rowsOf } from '../../../server/src/db/client.js';
import { createTokenVerifier, signToken } from '../../../server/src/graphql/auth.js';
import type { Context } from '../../../server/src/graphql/context.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { createLogger } from '../../../server/src/logger.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';
import { TEST_JWT_SECRET, startTestServer, type TestServer } from '../../helpers/test-server.js';

const PHI = 'Secretfamilyname';

/** Resolvers that fail the way real bugs do: a thrown Error, and a failing SQL statement with a PHI parameter. */
const boomSchema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, Context>({
    name: 'Query',
    fields: {
      boom: {
        type: GraphQLString,
        resolve: () => {
          throw new Error(`patient ${PHI} born 1961-07-23 broke something`);
        },
      },
      boomSql: {
        type: GraphQLString,
        args: { name: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: async (_root, args: { name: string }, ctx) => {
          await ctx.db.execute(sql`select * from table_that_does_not_exist where family_name = ${args.name}`);
          return 'unreachable';
        },
      },
    },
  }),
});

describe('unexpected exceptions in resolvers', () => {
  let database: Database;
  let app: App;
  let url: string;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, EXPOSE_QUERY_STATS: 'true' });
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    app = await createApp({ config, database, schema: boomSchema, verifier: createTokenVerifier({ secret: TEST_JWT_SECRET }), logger });
    url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}/graphql`;
  });
  afterAll(async () => {
    await app.stop();
    await database.close();
  });

  const post = async (query: string, variables: Record<string, unknown>) => {
    const token = await signToken(TEST_JWT_SECRET, { userId: 'mask-test', practiceId: await createPractice(database.db), roles: [Role.FRONT_DESK] });
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, requestId: res.headers.get('x-request-id')!, text: await res.text() };
  };

  it.each([
    ['a thrown Error', 'query { boom }', {}, undefined],
    ['a failing SQL statement', 'query Q($name: String!) { boomSql(name: $name) }', { name: PHI }, '42P01'],
  ])('masks %s as INTERNAL_SERVER_ERROR with the request id, and logs it without PHI', async (_what, query, variables, sqlState) => {
    const res = await post(query, variables);
    const requestId = res.requestId;
    const body = JSON.parse(res.text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', retryable: false, requestId });
    expect(body.errors[0]!.message).toBe(`Internal error; quote request id ${requestId} to support`);
    for (const leak of [PHI, '1961', 'select', 'table_that_does_not_exist', 'stacktrace', '.ts:', 'at ']) expect(res.text).not.toContain(leak);

    const logged = lines.map((l) => JSON.parse(l) as { msg: string; requestId?: string; err?: { sqlState?: string; frames?: string[] } }).filter((l) => l.requestId === requestId);
    const errorLine = logged.find((l) => l.msg.startsWith('unexpected error'));
    expect(errorLine?.err?.frames?.length).toBeGreaterThan(0);
    expect(errorLine?.err?.sqlState).toBe(sqlState);
    expect(lines.join('\n')).not.toContain(PHI);
  });
  it.each([
    ['a body that is not JSON', `{"query": ${PHI} 1961-07-23}`, 400, 'The request body is not valid JSON'],
    ['a body over the size limit', JSON.stringify({ query: `{ boom }`, variables: { note: `${PHI} `.repeat(80_000) } }), 413, 'The request body is too large'],
  ])('answers %s with JSON, without echoing it or a stack', async (_what, body, status, message) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const requestId = res.headers.get('x-request-id')!;
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', retryable: false, requestId } }] });
    expect(lines.join('\n')).not.toContain(PHI);
    expect(lines.some((l) => l.includes(requestId))).toBe(true);
  });
});

describe('bad input values are never echoed', () => {
  let server: TestServer;
  let practiceId: string;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    practiceId = await createPractice(server.database.db);
    token = await server.token(practiceId, [Role.FRONT_DESK]);
  });

  const REGISTER = 'mutation Register($input: RegisterPatientInput!) { registerPatient(input: $input) { patient { id } } }';
  const patientCount = async () => rowsOf<{ n: number }>(await server.database.db.execute(sql`select count(*)::int as n from patients where practice_id = ${practiceId}`))[0]!.n;

  it.each([
    ['a date that is not a date', { dateOfBirth: `${PHI}-1961` }, 'input.dateOfBirth', 'LocalDate must be a calendar date written YYYY-MM-DD'],
    ['a name in an enum field', { sexAtBirth: PHI }, 'input.sexAtBirth', 'Value does not exist in "SexAtBirth" enum.'],
    ['a number where a string belongs', { phones: [{ kind: 'MOBILE', number: 2125550123, primary: true }] }, 'input.phones.0.number', 'String cannot represent a non string value.'],
    ['an object where a boolean belongs', { consents: { sms: { note: PHI } } }, 'input.consents.sms', 'Boolean cannot represent a non boolean value.'],
  ])('variable coercion: %s', async (_what, overrides, path, message) => {
    const res = await server.gql(token, REGISTER, { input: patientInput(overrides) });
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    // The field says what is wrong with it (the fix), never the value.
    expect(res.errors![0]!.extensions.fields).toEqual([{ path, message }]);
    const text = JSON.stringify(res);
    for (const leak of [PHI, '2125550123']) expect(text).not.toContain(leak);
    expect(await patientCount()).toBe(0);
  });

  it('validation of an email with PHI in it', async () => {
    const res = await server.gql(token, REGISTER, { input: patientInput({ email: `${PHI} at home` }) });
    expect(res.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions.fields).toEqual([{ path: 'input.email', message: 'must be an email address' }]);
    expect(JSON.stringify(res)).not.toContain(PHI);
    expect(await patientCount()).toBe(0);
  });

  it('inline literals in the query text', async () => {
    const query = `mutation { registerPatient(input: { legalName: { given: "A", family: "B" }, dateOfBirth: "${PHI}-1961", sexAtBirth: ${PHI} }) { patient { id } } }`;
    const res = await server.gql(token, query);
    expect(res.errors!.length).toBeGreaterThan(0);
    for (const e of res.errors!) expect(e.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res)).not.toContain(PHI);
    expect(await patientCount()).toBe(0);
  });
});
