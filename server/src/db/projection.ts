import { type Column, getTableColumns, type Table } from 'drizzle-orm';

/**
 * The columns of `table` that serve the requested GraphQL fields: a field named like a column reads
 * that column, `renames` maps the others (e.g. Patient.legalName → three name columns), fields that are
 * neither (field resolvers) need none. `always` columns are included whatever was asked (ids, sort keys).
 * @returns a drizzle selection object, for `db.select({ x: projection(...) })`
 */
export function projection<T extends Table>(
  table: T,
  fields: Iterable<string>,
  always: readonly (keyof T['_']['columns'] & string)[],
  renames: Readonly<Record<string, readonly (keyof T['_']['columns'] & string)[]>> = {},
): Record<string, Column> {
  const columns = getTableColumns(table) as Record<string, Column>;
  const picked: Record<string, Column> = {};
  const take = (key: string) => {
    if (columns[key]) picked[key] = columns[key];
  };
  for (const key of always) take(key);
  for (const field of fields) {
    const renamed = renames[field];
    if (renamed) renamed.forEach(take);
    else take(field);
  }
  return picked;
}
