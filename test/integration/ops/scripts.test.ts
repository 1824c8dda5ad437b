import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openPglite, openPostgres, rowsOf } from '../../../server/src/db/client.js';
import { DEMO_PRACTICE_ID, syntheticPatients } from '../../../server/src/demo/seed-demo.js';
import { createTokenVerifier } from '../../../server/src/graphql/auth.js';
import { resolveJwtSecret } from '../../../server/src/jwt-secret.js';
import { loadConfig } from '../../../server/src/config.js';

const root = join(import.meta.dirname, '../../..');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'medoffice-scripts-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs a script under server/src/scripts with only `env` (plus PATH); resolves with its exit code and output. */
async function run(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `server/src/scripts/${script}.ts`, ...args], { cwd: root, env: { PATH: process.env.PATH, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('pnpm token', () => {
  const SECRET = 'token-script-secret-token-script-secret-01';

  it('prints a token the server accepts, for the roles, practice and user asked', async () => {
    const practice = '11111111-2222-4333-8444-555555555555';
    const res = await run('token', ['--role', 'FRONT_DESK,biller', '--role', 'ANALYST', '--practice', practice, '--user', 'u-42'], { JWT_SECRET: SECRET, PGLITE_DATA_DIR: tempDir() });
    expect(res.code).toBe(0);
    const principal = await createTokenVerifier({ secret: SECRET }).verify(res.stdout.trim());
    expect(principal).toEqual({ userId: 'u-42', practiceId: practice, roles: ['FRONT_DESK', 'BILLER', 'ANALYST'] });
  });

  it('signs with the embedded demo secret main.ts uses when JWT_SECRET is unset', async () => {
    const dir = tempDir();
    const res = await run('token', ['--role', 'CLINICIAN'], { PGLITE_DATA_DIR: dir });
    expect(res.code).toBe(0);
    const secret = resolveJwtSecret(loadConfig({ PGLITE_DATA_DIR: dir }))!;
    const principal = await createTokenVerifier({ secret }).verify(res.stdout.trim());
    expect(principal).toEqual({ userId: 'cli-clinician', practiceId: DEMO_PRACTICE_ID, roles: ['CLINICIAN'] });
  });

  it.each([
    [[], '--role is required'],
    [['--role', 'JANITOR'], 'unknown role: JANITOR'],
    [['--role', 'BILLER', '--practice', 'nope'], '--practice must be a uuid'],
  ])('rejects %j with usage and exit code 2', async (args, message) => {
    const res = await run('token', args, { JWT_SECRET: SECRET });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain('Usage: pnpm -s run token');
    expect(res.stdout).toBe('');
  });
});

/** Migrate, seed and read back on one engine. */
async function migrateAndSeed(env: Record<string, string>, open: () => Promise<Database>) {
  const migrated = await run('migrate', [], env);
  expect(migrated.code, migrated.stderr).toBe(0);
  const practiceId = '99999999-8888-4777-8666-555555555555';
  const seeded = await run('seed', ['--patients', '1500', '--practice-id', practiceId], env);
  expect(seeded.code, seeded.stderr).toBe(0);
  expect(JSON.parse(seeded.stdout)).toMatchObject({ practiceId, patients: 1500 });

  const database = await open();
  try {
    const [counts] = rowsOf<{ n: number; mrns: number; next: number }>(
      await database.db.execute(sql`select count(*)::int as n, count(distinct mrn)::int as mrns, (select next_mrn from practices where id = ${practiceId}) as next from patients where practice_id = ${practiceId}`),
    );
    expect(counts).toEqual({ n: 1500, mrns: 1500, next: 1501 });
    // COPY wrote exactly what the generator made, JSON columns and the generated search column included.
    const [first] = syntheticPatients(practiceId, 1);
    const [row] = rowsOf<Record<string, unknown>>(await database.db.execute(sql`select given_name, family_name, date_of_birth::text as dob, phones, consents, search_name from patients where practice_id = ${practiceId} and mrn = 'M0000001'`));
    expect(row).toEqual({ given_name: first!.givenName, family_name: first!.familyName, dob: first!.dateOfBirth, phones: first!.phones, consents: first!.consents, search_name: `${first!.givenName} ${first!.familyName}`.toLowerCase() });
  } finally {
    await database.close();
  }

  const again = await run('seed', ['--patients', '10', '--practice-id', practiceId], env);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain(`practice ${practiceId} already exists`);
}

describe('pnpm db:migrate and pnpm seed', () => {
  it('migrate, then seed a synthetic practice by COPY (embedded database)', async () => {
    const dir = tempDir();
    await migrateAndSeed({ PGLITE_DATA_DIR: dir }, () => openPglite(dir));
  }, 120_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('migrate, then seed a synthetic practice by COPY (PostgreSQL)', async () => {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `medoffice_scripts_${process.pid}`;
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    try {
      await migrateAndSeed({ DATABASE_URL: url.toString() }, async () => openPostgres(url.toString(), 1));
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);

  it('rejects a bad patient count with usage and exit code 2', async () => {
    const res = await run('seed', ['--patients', 'many'], { PGLITE_DATA_DIR: tempDir() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--patients must be a whole number');
  });
});
