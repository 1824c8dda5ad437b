/**
 * The declaration that lets the selection compiler read a GraphQL object type straight from SQL: its
 * table and, per field, a column, an SQL expression or a relation to another declared type. A field
 * without a declaration is not read by the compiler: when the field has a resolver, the resolver runs
 * (on the ids the object `carries`); when it has none, the compiler gives up on the object and the
 * caller falls back to its resolvers and loaders.
 */
export interface SqlType {
  /** The GraphQL object type (e.g. `Superbill`). */
  type: string;
  /**
   * The table its rows come from (a plain identifier); omitted for a type whose rows only exist inside
   * another row (elements of a jsonb array), reached through relations that say their own `from`.
   */
  table?: string;
  fields: Readonly<Record<string, FieldSql>>;
  /** Fields every compiled object holds whatever was selected: what the audit and presenters read (one only the audit reads need not be a GraphQL field). */
  carries: readonly string[];
  /**
   * Ids only field resolvers read (a relation left to its loader): held as well when some resolver of the
   * object will run — a selected field the compiler leaves out, or one whose resolver does not simply
   * return the compiler's value (see TreeField.treeServed). A page whose relations are all compiled
   * then writes none of them: each JSON value costs PostgreSQL to build and Node to parse.
   */
  carriesForResolvers?: readonly string[];
}

/**
 * A bound argument of a relation: the SQL text of its placeholder, or null when the argument is null or
 * absent (the relation then leaves out the condition that uses it).
 */
export type ArgRef = (name: string) => string | null;

/**
 * The FROM item of a relation's child rows, aliased `child`, when they are not rows of the child type's
 * table: e.g. `jsonb_array_elements(${parent}.snapshot->'lines') with ordinality ${child}(v, o)`.
 */
export type FromSql = (parent: string, child: string) => string;

/** How one field is read. Aliases are row aliases chosen by the compiler (`t0`, `t1`, …). */
export type FieldSql =
  /**
   * A value built from the row: a column, an expression, or a whole JSON object already shaped like the
   * field. `column` names the column when the value is that column as it is (`column()`).
   */
  | { kind: 'value'; sql: (row: string) => string; column?: string; embedded?: Embedded }
  /**
   * One object of a declared type (or null): `join` is the condition linking the child row to the parent
   * row; with `orderBy`, the first child row in that order (e.g. the latest of a history).
   */
  | { kind: 'one'; join: (parent: string, child: string) => string; orderBy?: (child: string) => string }
  /** A list of objects of a declared type, in `orderBy` order; `join` may use the field's arguments. */
  | { kind: 'many'; join: (parent: string, child: string, arg: ArgRef) => string; orderBy: (child: string) => string; from?: FromSql };

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** The field reads a column as it is (`column('date_of_service')`). */
export function column(name: string): FieldSql {
  if (!IDENT.test(name)) throw new Error(`not a plain column name: ${name}`);
  return { kind: 'value', sql: (row) => `${row}.${name}`, column: name };
}

/** The field is an SQL expression over the row (`expr((r) => \`${r}.number::text\`)`). */
export const expr = (sql: (row: string) => string): FieldSql => ({ kind: 'value', sql });

/**
 * An object built from the row's own columns (a name from given, middle and family): each sub-field's
 * SQL, and when given the condition under which the object exists (else it is null). A response can
 * then be built with only the sub-fields a client selected.
 */
export interface Embedded {
  fields: Readonly<Record<string, (row: string) => string>>;
  when?: (row: string) => string;
}

/** The field is an object of the row's own columns (`embedded({ given: (p) => \`${p}.given_name\`, … })`). */
export function embedded(fields: Embedded['fields'], when?: Embedded['when']): FieldSql {
  const object = (row: string) => `json_build_object(${Object.entries(fields).map(([name, sql]) => `'${name}', ${sql(row)}`).join(', ')})`;
  const e: Embedded = when ? { fields, when } : { fields };
  return { kind: 'value', sql: when ? (row) => `case when ${when(row)} then ${object(row)} end` : object, embedded: e };
}

/** The field is one row of another declared type (the first in `orderBy` order when several join). */
export const one = (join: (parent: string, child: string) => string, orderBy?: (child: string) => string): FieldSql => (orderBy ? { kind: 'one', join, orderBy } : { kind: 'one', join });

/** The field is a list of rows of another declared type. */
export const many = (join: (parent: string, child: string, arg: ArgRef) => string, orderBy: (child: string) => string): FieldSql => ({ kind: 'many', join, orderBy });

/**
 * The field is a list of objects held by the parent row itself (elements of a jsonb array, an unnested
 * array): `from` is their FROM item over the parent row, in `orderBy` order.
 */
export const elements = (from: FromSql, orderBy: (child: string) => string): FieldSql => ({ kind: 'many', join: () => 'true', orderBy, from });

/**
 * Declares a type: checks the table name, so declarations fail at import rather than in a statement.
 * @returns the declaration
 */
export function sqlType(decl: SqlType): SqlType {
  if (decl.table !== undefined && !IDENT.test(decl.table)) throw new Error(`not a plain table name: ${decl.table}`);
  for (const c of [...decl.carries, ...(decl.carriesForResolvers ?? [])]) if (!decl.fields[c] || decl.fields[c]!.kind !== 'value') throw new Error(`${decl.type}.${c} is carried but is not a value field`);
  return decl;
}

/** Relations another module adds to a declared type (`Patient.coverages` lives in insurance). */
export interface SqlRelations {
  type: string;
  fields: Readonly<Record<string, FieldSql>>;
}

/**
 * The declared types by GraphQL name, each with the relations other modules add to it.
 * @throws Error for a type declared twice or relations of an undeclared type
 */
export function sqlTypes(types: readonly SqlType[], relations: readonly SqlRelations[] = []): ReadonlyMap<string, SqlType> {
  const byName = new Map<string, SqlType>();
  for (const t of types) {
    if (byName.has(t.type)) throw new Error(`${t.type} is declared twice`);
    byName.set(t.type, t);
  }
  for (const r of relations) {
    const t = byName.get(r.type);
    if (!t) throw new Error(`relations of ${r.type}, which is not declared`);
    byName.set(r.type, { ...t, fields: { ...t.fields, ...r.fields } });
  }
  return byName;
}
