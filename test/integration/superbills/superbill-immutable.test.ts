import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { superbillDiagnoses, superbillLines, superbills } from '../../../server/src/db/schema/superbills.js';
import { billingWorld, goodContent } from '../../factories/superbill.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { CREATE, FINALIZE, VOID } from './superbill-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
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

async function finalized() {
  const w = await billingWorld(server);
  const s = (await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } })).data!.createSuperbill.superbill;
  await server.gql(w.biller, FINALIZE, { input: { id: s.id, expectedVersion: 1 } });
  return { w, id: s.id as string };
}

describe('the database keeps a finalized superbill as it is', () => {
  it('refuses any UPDATE of a FINALIZED row except the move to VOIDED or SUPERSEDED, and every DELETE', async () => {
    const db = server.database.db;
    const { id } = await finalized();
    const where = eq(superbills.id, id);
    expect(await refusal(() => db.update(superbills).set({ totalChargeCents: 1 }).where(where))).toBe('42501');
    expect(await refusal(() => db.update(superbills).set({ priorAuthorizationNumber: 'X' }).where(where))).toBe('42501');
    expect(await refusal(() => db.update(superbills).set({ status: 'DRAFT' }).where(where))).toBe('42501');
    // Voiding may not smuggle another change in.
    expect(await refusal(() => db.update(superbills).set({ status: 'VOIDED', voidReason: 'x', copayCollectedCents: 0 }).where(where))).toBe('42501');
    expect(await refusal(() => db.delete(superbills).where(where))).toBe('42501');
    expect(await refusal(() => db.update(superbillLines).set({ units: 9 }).where(eq(superbillLines.superbillId, id)))).toBe('42501');
    expect(await refusal(() => db.delete(superbillDiagnoses).where(eq(superbillDiagnoses.superbillId, id)))).toBe('42501');
    expect(await refusal(() => db.execute(sql`insert into superbill_diagnoses (practice_id, superbill_id, position, code) select practice_id, id, 9, 'I10' from superbills where id = ${id}`))).toBe('42501');
    const [row] = await db.select().from(superbills).where(where);
    expect(row).toMatchObject({ status: 'FINALIZED', totalChargeCents: 15_500, priorAuthorizationNumber: null, version: 2 });
    // The one allowed change: to VOIDED with its reason, then nothing more.
    expect(await refusal(() => db.update(superbills).set({ status: 'VOIDED', voidReason: 'Entered twice', voidedAt: new Date(), voidedBy: 'u', version: 3 }).where(where))).toBeNull();
    expect(await refusal(() => db.update(superbills).set({ voidReason: 'Other reason' }).where(where))).toBe('42501');
  });

  it('lets a DRAFT change freely (the service guards it), and the API void is the allowed transition', async () => {
    const db = server.database.db;
    const w = await billingWorld(server);
    const s = (await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } })).data!.createSuperbill.superbill;
    expect(await refusal(() => db.update(superbillLines).set({ note: 'n' }).where(eq(superbillLines.superbillId, s.id)))).toBeNull();
    const { w: w2, id } = await finalized();
    const v = await server.gql(w2.biller, VOID, { input: { id, expectedVersion: 2, reason: 'Duplicate' } });
    expect(v.errors).toBeUndefined();
    expect(await refusal(() => db.update(superbills).set({ status: 'FINALIZED' }).where(eq(superbills.id, id)))).toBe('42501');
  });
});
