import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { type Database, openPglite, openPostgres, rowsOf } from '../../../server/src/db/client.js';
import { runMigrations } from '../../../server/src/db/migrate.js';

const root = join(import.meta.dirname, '../../..');

/** Runs `pnpm audit:head`'s script with only `env` (plus PATH). */
async function auditHead(env: Record<string, string>) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/scripts/audit-head.ts'], { cwd: root, env: { PATH: process.env.PATH, ...env } });
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { practiceId: string; seq: number; hash: string; linkedAt: string; readAt: string });
}

/** Two practices with 3 and 1 audit batches, and one with none; returns each chain's last link as stored. */
async function seedChains(database: Database) {
  const ids = rowsOf<{ id: string }>(await database.db.execute(sql`insert into practices (name) values ('Head A'), ('Head B'), ('Head C') returning id`)).map((r) => r.id);
  for (const [practiceId, n] of [
    [ids[0]!, 3],
    [ids[1]!, 1],
  ] as const) {
    for (let i = 0; i < n; i++) {
      await database.db.execute(sql`insert into audit_batches (practice_id, user_id, roles, action, request_id, entity_types, entity_ids, patient_ids)
        values (${practiceId}, 'desk', '{FRONT_DESK}', 'READ', ${`r${i}`}, '{Patient}', '{p}', '{NULL}')`);
    }
  }
  return rowsOf<{ practice_id: string; seq: string; hash: string }>(
    await database.db.execute(sql`select distinct on (practice_id) practice_id, seq, hash from audit_chain order by practice_id, seq desc`),
  ).map((r) => ({ practiceId: r.practice_id, seq: Number(r.seq), hash: r.hash }));
}

describe('pnpm audit:head', () => {
  it('prints the last link of every practice that has a chain, one JSON line each (embedded database)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medoffice-audit-head-'));
    try {
      const database = await openPglite(dir);
      let expected: Awaited<ReturnType<typeof seedChains>>;
      try {
        await runMigrations(database);
        expected = await seedChains(database);
      } finally {
        await database.close();
      }
      const lines = await auditHead({ PGLITE_DATA_DIR: dir });
      expect(lines.map(({ practiceId, seq, hash }) => ({ practiceId, seq, hash }))).toEqual(expected.sort((a, b) => a.practiceId.localeCompare(b.practiceId)));
      expect(expected.map((e) => e.seq).sort()).toEqual([1, 3]);
      expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.hash) && !Number.isNaN(Date.parse(l.linkedAt)))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('the same on PostgreSQL', async () => {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `medoffice_audit_head_${process.pid}`;
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    try {
      const database = openPostgres(url.toString(), 1);
      let expected: Awaited<ReturnType<typeof seedChains>>;
      try {
        await runMigrations(database);
        expected = await seedChains(database);
      } finally {
        await database.close();
      }
      const lines = await auditHead({ DATABASE_URL: url.toString() });
      expect(lines.map(({ practiceId, seq, hash }) => ({ practiceId, seq, hash }))).toEqual(expected.sort((a, b) => a.practiceId.localeCompare(b.practiceId)));
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
