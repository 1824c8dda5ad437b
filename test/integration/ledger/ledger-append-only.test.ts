import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { drafts, ledgerWorld, postNow } from '../../factories/ledger.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** The SQLSTATE a statement failed with, or null when it succeeded. */
async function refusal(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? 'unknown';
  }
}

/** A raw insert beside the service, to show what the database itself refuses. */
const rawInsert = (values: Record<string, unknown>) => () => database.db.insert(ledgerEntries).values(values as typeof ledgerEntries.$inferInsert);

describe('the database keeps the ledger append-only and consistent', () => {
  it('refuses every UPDATE, DELETE and TRUNCATE of ledger entries', async () => {
    const db = database.db;
    const w = await ledgerWorld(db);
    const [charge] = await postNow(db, w.actor, [drafts.charge(w.patient.id, null, null, 10_000)]);
    const where = eq(ledgerEntries.id, charge!.entry.id);
    expect(await refusal(() => db.update(ledgerEntries).set({ amountCents: 1 }).where(where))).toBe('42501');
    expect(await refusal(() => db.update(ledgerEntries).set({ reason: 'edited' }).where(where))).toBe('42501');
    expect(await refusal(() => db.delete(ledgerEntries).where(where))).toBe('42501');
    // Other tables reference the ledger (statement lines, payments), so TRUNCATE needs CASCADE to reach its trigger.
    expect(await refusal(() => db.execute(sql`truncate ledger_entries cascade`))).toBe('42501');
    const [row] = await db.select().from(ledgerEntries).where(where);
    expect(row).toMatchObject({ amountCents: 10_000, insuranceCents: 10_000, patientCents: 0, reason: null, version: 1 });
  });

  it('checks the sign, bucket, codes and reason of each kind', async () => {
    const db = database.db;
    const w = await ledgerWorld(db);
    const base = { practiceId: w.practiceId, patientId: w.patient.id, effectiveDate: '2026-03-02', createdBy: 't' };
    const ok = await refusal(rawInsert({ ...base, kind: 'CHARGE', bucket: 'INSURANCE', amountCents: 500 }));
    expect(ok).toBeNull();
    for (const bad of [
      { kind: 'CHARGE', bucket: 'INSURANCE', amountCents: -500 },
      { kind: 'CHARGE', bucket: 'INSURANCE', amountCents: 0 },
      { kind: 'CHARGE', bucket: 'INSURANCE', amountCents: 100_000_001 },
      { kind: 'INSURANCE_PAYMENT', bucket: 'PATIENT', amountCents: -500 },
      { kind: 'INSURANCE_PAYMENT', bucket: 'INSURANCE', amountCents: 500 },
      { kind: 'PATIENT_PAYMENT', bucket: 'PATIENT', amountCents: 500 },
      { kind: 'CONTRACTUAL_ADJUSTMENT', bucket: 'INSURANCE', amountCents: -500 },
      { kind: 'CONTRACTUAL_ADJUSTMENT', bucket: 'INSURANCE', amountCents: -500, groupCode: 'PR', reasonCode: '45' },
      { kind: 'PATIENT_RESPONSIBILITY', bucket: 'PATIENT', amountCents: 500, groupCode: 'PR', reasonCode: '2' },
      { kind: 'PATIENT_RESPONSIBILITY', bucket: 'PATIENT', counterBucket: 'INSURANCE', amountCents: 500, groupCode: 'PR', reasonCode: 'bad code' },
      { kind: 'WRITE_OFF', bucket: 'PATIENT', amountCents: -500 },
      { kind: 'WRITE_OFF', bucket: 'PATIENT', amountCents: -500, reason: '  ' },
      { kind: 'REFUND', bucket: 'PATIENT', amountCents: -500 },
      { kind: 'REVERSAL', bucket: 'PATIENT', amountCents: -500, reason: 'no target' },
      { kind: 'CHARGE', bucket: 'OTHER', amountCents: 500 },
      { kind: 'CHARGE', bucket: 'INSURANCE', amountCents: 500, claimLinePosition: 1 },
    ]) {
      expect(await refusal(rawInsert({ ...base, ...bad })), JSON.stringify(bad)).toBe('23514');
    }
    // The generated parts of a transfer: +500 on the patient part, −500 on the insurance part.
    expect(await refusal(rawInsert({ ...base, kind: 'PATIENT_RESPONSIBILITY', bucket: 'PATIENT', counterBucket: 'INSURANCE', amountCents: 500, groupCode: 'PR', reasonCode: '2' }))).toBeNull();
    const [sums] = await db.select({ ins: sql<number>`sum(insurance_cents)::int`, pat: sql<number>`sum(patient_cents)::int` }).from(ledgerEntries).where(eq(ledgerEntries.practiceId, w.practiceId));
    expect(sums).toEqual({ ins: 0, pat: 500 });
  });

  it('accepts a reversal only as the exact negation of one entry of the same practice, once, and never of a reversal', async () => {
    const db = database.db;
    const w = await ledgerWorld(db);
    const elsewhere = await ledgerWorld(db);
    const [charge] = await postNow(db, w.actor, [drafts.charge(w.patient.id, null, null, 7_000)]);
    const orig = charge!.entry;
    const base = { practiceId: w.practiceId, patientId: w.patient.id, kind: 'REVERSAL', bucket: 'INSURANCE', effectiveDate: '2026-03-03', createdBy: 't', reason: 'entered twice', reversesId: orig.id };
    expect(await refusal(rawInsert({ ...base, amountCents: -6_999 }))).toBe('23514');
    expect(await refusal(rawInsert({ ...base, amountCents: 7_000 }))).toBe('23514');
    expect(await refusal(rawInsert({ ...base, amountCents: -7_000, bucket: 'PATIENT' }))).toBe('23514');
    expect(await refusal(rawInsert({ ...base, amountCents: -7_000, patientId: w.other.id }))).toBe('23514');
    expect(await refusal(rawInsert({ ...base, amountCents: -7_000, practiceId: elsewhere.practiceId, patientId: elsewhere.patient.id }))).toBe('23503');
    expect(await refusal(rawInsert({ ...base, amountCents: -7_000 }))).toBeNull();
    expect(await refusal(rawInsert({ ...base, amountCents: -7_000, effectiveDate: '2026-03-04' }))).toBe('23505');
    const [reversal] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.reversesId, orig.id));
    expect(await refusal(rawInsert({ ...base, reversesId: reversal!.id, amountCents: 7_000 }))).toBe('23514');
  });
});
