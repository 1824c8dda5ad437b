import { getTableColumns, getTableName, is, SQL, sql, type Column } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Db, rowsOf } from './client.js';

/**
 * The key's database column name: its explicit name, else the key in drizzle's own snake_case (so digits split
 * as the schema's do: aging0To30 → aging_0_to_30, which a plain capital-letter rule got wrong).
 */
const nameOf = new Map<Column, string>();
function snakeOf(key: string, column: Column): string {
  const known = nameOf.get(column);
  if (known !== undefined) return known;
  const name = column.keyAsName ? toSnakeCase(key) : column.name;
  nameOf.set(column, name);
  return name;
}

/** Columns an insert may write: not generated, not identity (those take their own values). */
function writable(table: PgTable): [string, Column][] {
  return Object.entries(getTableColumns(table) as Record<string, Column>).filter(([, c]) => c.generated === undefined && c.generatedIdentity === undefined);
}

/**
 * Inserts rows with ONE bound parameter however many there are: `insert … select … from
 * jsonb_to_recordset($1::jsonb)` instead of one parameter per value (binding and planning tens of
 * thousands of parameters was most of a large posting's time). Values go through each column's own
 * driver mapping and PostgreSQL converts them with the column's SQL type, so constraints, defaults,
 * triggers, identity and generated columns behave as with `insert(table).values(rows)`. A column left
 * undefined (or null) takes its default: JS defaults and `$defaultFn` here, SQL defaults (`now()`,
 * `gen_random_uuid()`, `'{}'`) in the statement.
 * @param o.skipConflicts `on conflict do nothing`: a row taking a unique key is skipped, not an error
 * @param o.returning read the inserted rows back (else nothing is returned)
 * @returns the rows inserted, mapped like drizzle's `returning()`, when asked
 */
export async function insertRecordset<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  o: { skipConflicts?: boolean; returning?: boolean } = {},
): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  // Everything about a column is worked out once, not once per row and value (name, default, JSON or not):
  // with thousands of rows of 20+ columns, that per-value work was a large posting's main Node cost.
  const plan = writable(table).map(([key, column]) => {
    const sqlDefault = is(column.default, SQL);
    const constant = column.default !== undefined && !sqlDefault ? column.default : undefined;
    const sqlType = column.getSQLType();
    return { key, name: snakeOf(key, column), column, sqlDefault, defaultFn: column.defaultFn, constant, json: sqlType === 'json' || sqlType === 'jsonb', sqlType };
  });
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const c of plan) {
      let value = (row as Record<string, unknown>)[c.key];
      if (value === undefined && c.defaultFn !== undefined) value = c.defaultFn();
      if (value === undefined) value = c.constant;
      if (value === undefined || value === null) continue;
      if (typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value) && is(value, SQL)) throw new Error(`insertRecordset: ${c.key} is an SQL expression; insert it with values()`);
      // json(b) values and arrays (a JSON array fills an SQL array column) go as they are.
      record[c.name] = c.json || Array.isArray(value) ? value : c.column.mapToDriverValue(value);
    }
    return record;
  });
  const names = sql.join(plan.map((c) => sql.identifier(c.name)), sql`, `);
  const definition = sql.raw(plan.map((c) => `${c.name} ${c.sqlType}`).join(', '));
  const selected = sql.join(
    plan.map((c) => {
      const name = sql.identifier(c.name);
      return c.sqlDefault ? sql`coalesce(r.${name}, ${c.column.default})` : sql`r.${name}`;
    }),
    sql`, `,
  );
  const all = Object.entries(getTableColumns(table) as Record<string, Column>).map(([key, column]) => ({ key, name: snakeOf(key, column), column }));
  const returned = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`insert into ${sql.identifier(getTableName(table))} (${names}) select ${selected} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${definition})${o.skipConflicts ? sql` on conflict do nothing` : sql``}${o.returning ? sql` returning *` : sql``}`,
    ),
  );
  return returned.map((r) => {
    const out: Record<string, unknown> = {};
    for (const c of all) {
      const v = r[c.name];
      out[c.key] = v === null || v === undefined ? null : c.column.mapFromDriverValue(v);
    }
    return out;
  }) as T['$inferSelect'][];
}
