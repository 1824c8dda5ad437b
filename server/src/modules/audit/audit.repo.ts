import { and, arrayContains, asc, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { executeText } from '../../db/execute-text.js';
import { auditBatches } from '../../db/schema/audit.js';

/** What every entity of one recorded batch shares: who, when (the insert's), what and through which request. */
export type AuditBatchCommon = Pick<typeof auditBatches.$inferInsert, 'practiceId' | 'userId' | 'roles' | 'clientId' | 'action' | 'operationName' | 'requestId'>;

export interface AuditEntity {
  entityType: string;
  entityId: string;
  patientId: string | null;
}

/**
 * A PostgreSQL array literal of texts (null elements as NULL), for one `::text[]` or `::uuid[]` parameter.
 * Every element is quoted; only a double quote or a backslash needs escaping, and what a request audits
 * (uuids, type names) holds neither, so those elements skip the regular expression.
 */
function arrayLiteral(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (v.includes('"') || v.includes('\\')) out += `"${v.replace(/[\\"]/g, '\\$&')}"`;
    else out += `"${v}"`;
  }
  return `${out}}`;
}

const COLUMNS = 'practice_id, user_id, roles, client_id, action, operation_name, request_id, entity_types, entity_ids, patient_ids';
const ROW_PARAMETERS = 10;
/** Most batches one statement writes: 20 rows of 10 parameters stay within what the client prepares. */
export const MAX_BATCHES_PER_INSERT = 20;
const rowValues = (i: number) => {
  const p = (k: number) => `$${i * ROW_PARAMETERS + k}`;
  return `(${p(1)}::uuid, ${p(2)}, ${p(3)}::text[], ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}::text[], ${p(9)}::text[], ${p(10)}::uuid[])`;
};
/** The INSERT of n batch rows, by n (the text for a given n never changes, so each is prepared once). */
const insertTexts = Array.from({ length: MAX_BATCHES_PER_INSERT + 1 }, (_, n) =>
  n === 0 ? '' : `insert into "audit_batches" (${COLUMNS}) values ${Array.from({ length: n }, (_, i) => rowValues(i)).join(', ')}`,
);

/** One batch row to append: who and what (common) and the entities it covers (at least one). */
export interface AuditBatchRow {
  common: AuditBatchCommon;
  entities: readonly AuditEntity[];
}

function pushRowParameters(params: unknown[], { common, entities }: AuditBatchRow): void {
  const types: string[] = [];
  const ids: string[] = [];
  const patients: (string | null)[] = [];
  for (const e of entities) {
    types.push(e.entityType);
    ids.push(e.entityId);
    patients.push(e.patientId);
  }
  params.push(common.practiceId, common.userId, arrayLiteral(common.roles), common.clientId ?? null, common.action, common.operationName ?? null, common.requestId, arrayLiteral(types), arrayLiteral(ids), arrayLiteral(patients));
}

/**
 * Appends batch rows in one statement (one transaction when run outside one): each row its own batch
 * with aligned arrays holding its entities, however many entities a page read, and a constant number of
 * parameters per row (each array is one parameter, sent as its literal). Rows are inserted, and so linked
 * into the practice's chain at commit, in the order given. The statement's text depends only on the
 * number of rows, so the database prepares it once per count; Node builds strings rather than having the
 * query builder render and map rows on every request.
 * @param rows - at most MAX_BATCHES_PER_INSERT, each with at least one entity
 */
export async function insertAuditBatches(db: Db, rows: readonly AuditBatchRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length > MAX_BATCHES_PER_INSERT) throw new Error(`insertAuditBatches: at most ${MAX_BATCHES_PER_INSERT} rows per statement`);
  const params: unknown[] = [];
  for (const row of rows) {
    if (row.entities.length === 0) throw new Error('insertAuditBatches: a batch row needs at least one entity');
    pushRowParameters(params, row);
  }
  await executeText(db, insertTexts[rows.length]!, params);
}

/**
 * Appends one batch (see insertAuditBatches).
 * @param entities - nothing is written for an empty list
 */
export async function insertAuditBatch(db: Db, common: AuditBatchCommon, entities: readonly AuditEntity[]): Promise<void> {
  if (entities.length > 0) await insertAuditBatches(db, [{ common, entities }]);
}

/** A JSON array parameter as a PostgreSQL array of `type`, element order kept. */
const arrayOf = (values: readonly (string | null)[], type: 'text' | 'uuid') =>
  sql`array(select e.value::${sql.raw(type)} from json_array_elements_text(${JSON.stringify(values)}::json) with ordinality as e(value, n) order by e.n)`;

/**
 * The row insertAuditBatch writes, as an INSERT … SELECT to embed as a data-modifying CTE in the caller's
 * own write statement, so the audit row costs no round trip of its own and commits or rolls back with it.
 * @param actions - one batch row per action, recorded in this order (e.g. CREATE then OVERRIDE)
 * @param guard - the condition to write under (e.g. that a sibling CTE inserted the audited row)
 */
export function auditBatchInsertQuery(common: Omit<AuditBatchCommon, 'action'>, actions: readonly string[], entities: readonly AuditEntity[], guard: SQL = sql`true`): SQL {
  if (entities.length === 0 || actions.length === 0) throw new Error('auditBatchInsertQuery: at least one action and one entity');
  return sql`insert into audit_batches (practice_id, user_id, roles, action, operation_name, request_id, client_id, entity_types, entity_ids, patient_ids)
      select ${common.practiceId}::uuid, ${common.userId}, ${arrayOf(common.roles, 'text')}, a.action, ${common.operationName ?? null}, ${common.requestId}, ${common.clientId ?? null},
             ${arrayOf(entities.map((e) => e.entityType), 'text')}, ${arrayOf(entities.map((e) => e.entityId), 'text')}, ${arrayOf(entities.map((e) => e.patientId), 'uuid')}
        from json_array_elements_text(${JSON.stringify(actions)}::json) with ordinality as a(action, n)
       where ${guard}
       order by a.n`;
}

export interface AuditFilter {
  patientId?: string | null;
  userId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Keyset of one event: the batch's exact instant as text, the batch id, the entity's 1-based ordinal. */
export type AuditEventKey = [string, number, number];

/** One entity of a batch, with the batch's columns (the practice stays internal). */
export interface AuditEventRow extends AuditEntity {
  batchId: number;
  ordinal: number;
  at: Date;
  userId: string;
  roles: string[];
  action: string;
  operationName: string | null;
  requestId: string;
}

/** A batch's entities as rows, joined laterally: e(entity_type, entity_id, patient_id, ordinal). */
const entities = sql`unnest(${auditBatches.entityTypes}, ${auditBatches.entityIds}, ${auditBatches.patientIds}) with ordinality as e(entity_type, entity_id, patient_id, ordinal)`;
const ordinal = sql<number>`e.ordinal`.mapWith(Number);

/**
 * The exact instant of a batch as text. Cursors carry this instead of a JS Date, which would drop the
 * microseconds PostgreSQL keeps and make keyset paging skip events of the same millisecond.
 */
const atKey = sql<string>`to_char(${auditBatches.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A page of a practice's audit events (batches expanded to one row per entity), newest first,
 * keyset-paged on (at, batch id, ordinal), all descending.
 * @param practiceId - the caller's practice; other practices' events are never returned
 * @param filter - a patient filter keeps only that patient's entities of the matching batches
 * @param cursor - the key of the event to continue from (after it going forward, before it going
 *   backward), or null for the first (forward) or last (backward) page
 * @param forward - true for first/after (rows newest first), false for last/before (rows oldest first:
 *   the caller reverses them)
 * @returns up to `limit + 1` rows with their keys, so the caller can tell whether more exist
 */
export async function findAuditEvents(db: Db, practiceId: string, filter: AuditFilter, limit: number, cursor: AuditEventKey | null, forward = true): Promise<{ row: AuditEventRow; key: AuditEventKey }[]> {
  const where: (SQL | undefined)[] = [eq(auditBatches.practiceId, practiceId)];
  if (filter.patientId) {
    // The GIN index finds the batches; the element test keeps only this patient's entities.
    where.push(arrayContains(auditBatches.patientIds, [filter.patientId]), sql`e.patient_id = ${filter.patientId}::uuid`);
  }
  if (filter.userId) where.push(eq(auditBatches.userId, filter.userId));
  if (filter.from) where.push(gte(auditBatches.at, filter.from));
  if (filter.to) where.push(lt(auditBatches.at, filter.to));
  if (cursor) {
    const at = sql`${cursor[0]}::timestamptz`;
    const key = sql`(${auditBatches.at}, ${auditBatches.id}, e.ordinal)`;
    const bound = sql`(${at}, ${cursor[1]}::bigint, ${cursor[2]}::bigint)`;
    // The plain bound lets the (practice_id, at) index start at the cursor; the row comparison is exact.
    where.push(forward ? lte(auditBatches.at, at) : gte(auditBatches.at, at), forward ? sql`${key} < ${bound}` : sql`${key} > ${bound}`);
  }
  const order = forward ? desc : asc;
  const rows = await db
    .select({
      batchId: auditBatches.id,
      ordinal,
      at: auditBatches.at,
      atKey,
      userId: auditBatches.userId,
      roles: auditBatches.roles,
      action: auditBatches.action,
      entityType: sql<string>`e.entity_type`,
      entityId: sql<string>`e.entity_id`,
      patientId: sql<string | null>`e.patient_id`,
      operationName: auditBatches.operationName,
      requestId: auditBatches.requestId,
    })
    .from(auditBatches)
    .crossJoinLateral(entities)
    .where(and(...where))
    .orderBy(order(auditBatches.at), order(auditBatches.id), order(ordinal))
    .limit(limit + 1);
  return rows.map(({ atKey: key, ...row }) => ({ row, key: [key, row.batchId, row.ordinal] }));
}
