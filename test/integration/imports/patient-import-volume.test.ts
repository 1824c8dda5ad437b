import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { patients } from '../../../server/src/db/schema/patients.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { syntheticWord } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

/**
 * A patients import of PATIENT_IMPORT_VOLUME rows (default 2,000; the issue's figure is 100,000:
 * PATIENT_IMPORT_VOLUME=100000 [TEST_DATABASE_URL=…]), streamed as the request body: a dry run, then the
 * commit. Prints the time and the RSS before and at peak (sampled every 20 ms) of each.
 */
const N = Number(process.env.PATIENT_IMPORT_VOLUME ?? 2000);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

/** The file, generated as it is sent (never held whole). Distinct synthetic names, birth dates over 80 years. */
function file(): ReadableStream {
  return Readable.toWeb(
    Readable.from(
      (function* () {
        yield 'given_name,family_name,date_of_birth,sex_at_birth,phone,email,address_line1,city,state,postal_code\n';
        for (let i = 0; i < N; i++) {
          const dob = new Date(Date.UTC(1940, 0, 1) + (i * 7919 % 29200) * 86_400_000).toISOString().slice(0, 10);
          yield `${syntheticWord(`g${i}`)},${syntheticWord(`f${i}`)},${dob},${i % 2 ? 'MALE' : 'FEMALE'},+1212555${String(i % 10_000).padStart(4, '0')},p${i}@example.test,${i} Main St,Springfield,IL,62701\n`;
        }
      })(),
    ),
  ) as ReadableStream;
}

async function timed(token: string, dryRun: boolean) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const res = await fetch(server.url.replace('/graphql', `/imports/PATIENTS?dryRun=${dryRun}`), {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: file(),
    duplex: 'half',
  } as RequestInit);
  const body = (await res.json()) as { status: string; rows: number; problemCount: number; problems: unknown[] };
  const ms = performance.now() - started;
  clearInterval(sampler);
  console.log(`patients import of ${N} rows, ${dryRun ? 'dry run' : 'commit'}: ${Math.round(ms)} ms, RSS ${Math.round(before / 2 ** 20)} → peak ${Math.round(peak / 2 ** 20)} MiB`);
  return body;
}

it(`imports ${N} patients streamed, dry run then commit`, { timeout: 1_800_000 }, async () => {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const token = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
  const dry = await timed(token, true);
  expect(dry).toMatchObject({ status: 'DRY_RUN', rows: N, problemCount: 0 });
  expect(await db.$count(patients, eq(patients.practiceId, practiceId))).toBe(0);
  const done = await timed(token, false);
  expect(done).toMatchObject({ status: 'COMMITTED', rows: N, problemCount: 0 });
  expect(await db.$count(patients, eq(patients.practiceId, practiceId))).toBe(N);
});
