import { asc, desc, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** Which way a keyset page reads relative to the connection's natural order. */
export type KeysetDirection = 'ASC' | 'DESC';

/**
 * The keyset condition "rows after this cursor" as one row comparison, `(a, b, id) > ($1, $2, $3)`
 * (or `<`), which PostgreSQL turns into an index range when an index has the same columns in the same
 * order. The equivalent OR chain (`a > $1 or (a = $1 and …)`) is not an index range: deep pages filtered
 * every skipped row. All keys must sort the same way for a row comparison to express the order.
 * Values are bound with the column's own encoder and cast to its SQL type, so a text cursor value
 * compares as a uuid, date or timestamptz like the column.
 * @param columns - the sort keys, most significant first (the last one unique, usually the id)
 * @param values - the cursor's key values, one per column
 * @param order - the order rows are read in: ASC reads rows greater than the cursor, DESC smaller
 */
export function keysetAfter(columns: readonly PgColumn[], values: readonly unknown[], order: KeysetDirection): SQL {
  if (columns.length === 0 || columns.length !== values.length) throw new Error('keyset: one value per column');
  const left = sql.join(
    columns.map((c) => sql`${c}`),
    sql`, `,
  );
  const right = sql.join(
    columns.map((c, i) => sql`${sql.param(values[i], c)}::${sql.raw(c.getSQLType())}`),
    sql`, `,
  );
  return order === 'ASC' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
}

/** ORDER BY for the same keys and direction as `keysetAfter`. */
export function keysetOrder(columns: readonly PgColumn[], order: KeysetDirection): SQL[] {
  return columns.map((c) => (order === 'ASC' ? asc(c) : desc(c)));
}

/**
 * The read order of a page: a connection sorted `natural` reads forward pages in that order and
 * backward pages (last/before) in the opposite one.
 */
export function pageOrder(natural: KeysetDirection, forward: boolean): KeysetDirection {
  if (forward) return natural;
  return natural === 'ASC' ? 'DESC' : 'ASC';
}
