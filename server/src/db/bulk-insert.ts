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
  const columns = writable(table);
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      let value = (row as Record<string, unknown>)[key];
      if (value === undefined && column.defaultFn !== undefined) value = column.defaultFn();
      if (value === undefined && column.default !== undefined && !is(column.default, SQL)) value = column.default;
      if (is(value, SQL)) throw new Error(`insertRecordset: ${key} is an SQL expression; insert it with values()`);
      if (value === undefined || value === null) continue;
      // json(b) values and arrays (a JSON array fills an SQL array column) go as they are.
      const asIs = column.getSQLType() === 'json' || column.getSQLType() === 'jsonb' || Array.isArray(value);
      record[snakeOf(key, column)] = asIs ? value : column.mapToDriverValue(value);
    }
    return record;
  });
  const names = sql.join(columns.map(([key, c]) => sql.identifier(snakeOf(key, c))), sql`, `);
  const definition = sql.raw(columns.map(([key, c]) => `${snakeOf(key, c)} ${c.getSQLType()}`).join(', '));
  const selected = sql.join(
    columns.map(([key, c]) => {
      const name = sql.identifier(snakeOf(key, c));
      return is(c.default, SQL) ? sql`coalesce(r.${name}, ${c.default})` : sql`r.${name}`;
    }),
    sql`, `,
  );
  const all = Object.entries(getTableColumns(table) as Record<string, Column>);
  const returned = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`insert into ${sql.identifier(getTableName(table))} (${names}) select ${selected} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${definition})${o.skipConflicts ? sql` on conflict do nothing` : sql``}${o.returning ? sql` returning *` : sql``}`,
    ),
  );
  return returned.map((r) => Object.fromEntries(all.map(([key, c]) => {
    const v = r[snakeOf(key, c)];
    return [key, v === null || v === undefined ? null : c.mapFromDriverValue(v)];
  }))) as T['$inferSelect'][];
}
