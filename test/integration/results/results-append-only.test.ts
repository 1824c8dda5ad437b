import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { labMessages, labObservations, labResults } from '../../../server/src/db/schema/results.js';
import { officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
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

/** A message with one unmatched report of one observation, inserted raw beside the service. */
async function labWorld() {
  const db = database.db;
  const { practiceId } = await officeWithProvider(db);
  const patient = await insertPatient(db, practiceId, { givenName: 'Appendia', familyName: 'Onlyson', dateOfBirth: '1970-03-04' });
  const [message] = await db.insert(labMessages).values({ practiceId, format: 'HL7V2', sendingFacility: 'ACME LAB', controlId: 'AO-1', raw: 'MSH|...', receivedBy: 'lab' }).returning();
  const [result] = await db
    .insert(labResults)
    .values({ practiceId, messageId: message!.id, reportKey: 'F-1|2345-7', code: '2345-7', status: 'FINAL', interpretation: 'ABNORMAL', sentPatient: { mrn: null, givenName: null, familyName: null, dateOfBirth: null } })
    .returning();
  await db.insert(labObservations).values({ practiceId, resultId: result!.id, position: 1, code: '2345-7', value: '250', interpretation: 'ABNORMAL', status: 'FINAL' });
  return { db, practiceId, patient, message: message!, result: result! };
}

describe('the database keeps lab messages, reports and observations as received', () => {
  it('refuses every UPDATE, DELETE and TRUNCATE of messages and observations', async () => {
    const { db, message, result } = await labWorld();
    expect(await refusal(() => db.update(labMessages).set({ raw: 'edited' }).where(eq(labMessages.id, message.id)))).toBe('42501');
    expect(await refusal(() => db.delete(labMessages).where(eq(labMessages.id, message.id)))).toBe('42501');
    expect(await refusal(() => db.update(labObservations).set({ value: '90' }).where(eq(labObservations.resultId, result.id)))).toBe('42501');
    expect(await refusal(() => db.delete(labObservations).where(eq(labObservations.resultId, result.id)))).toBe('42501');
    expect(await refusal(() => db.execute(sql`truncate lab_observations`))).toBe('42501');
    expect(await refusal(() => db.execute(sql`truncate lab_messages cascade`))).toBe('42501');
    expect((await db.select().from(labObservations).where(eq(labObservations.resultId, result.id)))[0]).toMatchObject({ value: '250' });
    expect((await db.select().from(labMessages).where(eq(labMessages.id, message.id)))[0]).toMatchObject({ raw: 'MSH|...' });
  });

  it('refuses deleting a report or changing what the lab sent', async () => {
    const { db, result } = await labWorld();
    const where = eq(labResults.id, result.id);
    expect(await refusal(() => db.delete(labResults).where(where))).toBe('42501');
    expect(await refusal(() => db.execute(sql`truncate lab_results cascade`))).toBe('42501');
    for (const set of [{ status: 'CORRECTED' }, { interpretation: 'NORMAL' }, { code: '1234-5' }, { revision: 2 }, { receivedAt: new Date('2020-01-01T00:00:00Z') }, { sentPatient: { mrn: 'X', givenName: null, familyName: null, dateOfBirth: null } }]) {
      expect(await refusal(() => db.update(labResults).set(set).where(where))).toBe('42501');
    }
    expect((await db.select().from(labResults).where(where))[0]).toMatchObject({ status: 'FINAL', interpretation: 'ABNORMAL', code: '2345-7', revision: 1, version: 1 });
  });

  it("records the office's steps once each: match, review, release, supersede — and none of them twice or undone", async () => {
    const { db, patient, result } = await labWorld();
    const where = eq(labResults.id, result.id);
    const other = await insertPatient(db, result.practiceId, { givenName: 'Otheria', familyName: 'Onlyson', dateOfBirth: '1971-03-04' });
    expect(await refusal(() => db.update(labResults).set({ patientId: patient.id, matchedBy: 'STAFF', matchedAt: new Date(), matchedByUser: 'u-1' }).where(where))).toBeNull();
    expect(await refusal(() => db.update(labResults).set({ patientId: other.id }).where(where))).toBe('42501');
    expect(await refusal(() => db.update(labResults).set({ reviewedBy: 'doc-1', reviewedAt: new Date() }).where(where))).toBeNull();
    expect(await refusal(() => db.update(labResults).set({ reviewedBy: 'doc-2' }).where(where))).toBe('42501');
    expect(await refusal(() => db.update(labResults).set({ releasedBy: 'admin-1', releasedAt: new Date() }).where(where))).toBeNull();
    expect(await refusal(() => db.update(labResults).set({ releasedAt: null, releasedBy: null }).where(where))).toBe('42501');
    expect(await refusal(() => db.update(labResults).set({ current: false, version: sql`${labResults.version} + 1` }).where(where))).toBeNull();
    expect(await refusal(() => db.update(labResults).set({ current: true }).where(where))).toBe('42501');
    expect((await db.select().from(labResults).where(where))[0]).toMatchObject({ patientId: patient.id, reviewedBy: 'doc-1', releasedBy: 'admin-1', current: false, version: 2 });
  });
});
