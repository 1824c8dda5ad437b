import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf } from '../../../server/src/db/client.js';
import { findAuditEvents, insertAuditBatch } from '../../../server/src/modules/audit/audit.repo.js';
import { migrateBefore, openEmptyDatabase } from '../../helpers/migrate-to.js';

// The migration from one row per entity (audit_events) to one row per batch (audit_batches), run on a
// database that holds events in the old shape, as a deploy would find it.
let database: Database;
let practiceId: string;
let lastOldId: number;

const query = async <T>(statement: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(statement));

/** Each old event as comparable text: id, exact instant, who, what, and the entity (batch of one after). */
const OLD = sql`select id::int as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at, user_id, roles::text as roles, action,
  operation_name, request_id, array[entity_type]::text as types, array[entity_id]::text as ids, array[patient_id]::text as patients
  from audit_events order by id`;
const NEW = sql`select id::int as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at, user_id, roles::text as roles, action,
  operation_name, request_id, entity_types::text as types, entity_ids::text as ids, patient_ids::text as patients
  from audit_batches order by id`;

const refusal = (statement: ReturnType<typeof sql>) =>
  database.db.execute(statement).then(
    () => null,
    (e: { cause?: { message?: string }; message?: string }) => String(e.cause?.message ?? e.message),
  );

beforeAll(async () => {
  database = await openEmptyDatabase();
  await migrateBefore(database, 'audit_batches');
  [{ id: practiceId }] = await query<{ id: string }>(sql`insert into practices (name) values ('Migration Practice') returning id`);
  await database.db.execute(sql`
    insert into audit_events (practice_id, at, user_id, roles, action, entity_type, entity_id, patient_id, operation_name, request_id) values
      (${practiceId}, '2026-03-01T10:00:00.000001Z', 'desk-1', '{FRONT_DESK}', 'READ', 'Patient', '5a0d3a4e-0000-4000-8000-000000000001', '5a0d3a4e-0000-4000-8000-000000000001', 'GetPatient', 'req-1'),
      (${practiceId}, '2026-03-01T10:00:00.000001Z', 'desk-1', '{FRONT_DESK}', 'READ', 'Appointment', 'a1', '5a0d3a4e-0000-4000-8000-000000000001', 'GetPatient', 'req-1'),
      (${practiceId}, '2026-03-02T11:30:00.5Z', 'admin-"1"', '{PRACTICE_ADMIN,BILLER}', 'UPDATE', 'Location', 'loc, "quoted" \\ id', null, null, 'req-2')`);
  // Ids handed out to inserts that rolled back: the new sequence must not reuse them either.
  [{ id: lastOldId }] = await query<{ id: number }>(sql`select nextval('audit_events_id_seq')::int as id from generate_series(1, 3) order by 1 desc limit 1`);
});

afterAll(async () => {
  await database?.close();
});

describe('audit_events → audit_batches migration', () => {
  it('copies every event into a batch of one, keeping id and instant, and retires the old table', async () => {
    const old = await query<Record<string, unknown>>(OLD);
    expect(old).toHaveLength(3);
    await migrateBefore(database, 'audit_events_dropped');
    expect(await query(NEW)).toEqual(old);
    // An old server still running after the copy cannot have an event acknowledged and then dropped.
    expect(
      await refusal(sql`insert into audit_events (practice_id, user_id, roles, action, entity_type, entity_id, request_id) values (${practiceId}, 'late', '{}', 'READ', 'Patient', 'x', 'r')`),
    ).toMatch(/append-only/);

    await migrateBefore(database, null);
    expect(await query(NEW)).toEqual(old);
    expect(await query(sql`select to_regclass('audit_events') is null as gone`)).toEqual([{ gone: true }]);
  });

  it('new batches continue the old id sequence; the API reads old events as "<id>.1"', async () => {
    await insertAuditBatch(database.db, { practiceId, userId: 'desk-2', roles: ['FRONT_DESK'], action: 'READ', operationName: null, requestId: 'req-3' }, [
      { entityType: 'Patient', entityId: 'p', patientId: null },
      { entityType: 'Appointment', entityId: 'a', patientId: null },
    ]);
    const [batch] = await query<{ id: number }>(sql`select max(id)::int as id from audit_batches`);
    expect(batch!.id).toBe(lastOldId + 1);
    const events = await findAuditEvents(database.db, practiceId, {}, 10, null);
    expect(events.map((e) => `${e.row.batchId}.${e.row.ordinal} ${e.row.entityType} ${e.row.entityId}`)).toEqual([
      `${lastOldId + 1}.2 Appointment a`,
      `${lastOldId + 1}.1 Patient p`,
      '3.1 Location loc, "quoted" \\ id',
      '2.1 Appointment a1',
      '1.1 Patient 5a0d3a4e-0000-4000-8000-000000000001',
    ]);
    expect(await refusal(sql`update audit_batches set user_id = 'x'`)).toMatch(/append-only/);
  });
});
