/**
 * What the client selected on an object of one GraphQL type, as the selection compiler needs it:
 * field names (never aliases: the result tree is keyed by field name, and graphql resolves a field by
 * its name whatever its alias), their coerced arguments and what was selected below object fields.
 */
export interface TreeSelection {
  /** The GraphQL object type. */
  type: string;
  fields: TreeField[];
}

export interface TreeField {
  name: string;
  /** The field has a resolver method of its own, which runs when the compiler leaves the field out. */
  resolved: boolean;
  /**
   * Its resolver returns the compiler's value as it is when the object holds one (preferTreeValues
   * wrapped it; a guarded relation's presenter reads only what the type always carries), so serving the
   * field from SQL runs none of the resolver's own code. Absent: false.
   */
  treeServed?: boolean;
  /** Coerced arguments (empty when the field takes none). */
  args: Readonly<Record<string, unknown>>;
  /** Selected more than once with different arguments: one tree value cannot serve both, so the resolver runs. */
  ambiguous: boolean;
  /** The selection below, for fields of an object type; null for scalars, enums and lists of them. */
  below: TreeSelection | null;
}

/**
 * A string naming everything a compiled statement depends on: types, fields, resolvers, arguments that
 * are null or not (their values are bound, not part of the text). Equal keys compile to equal SQL.
 */
export function shapeKey(sel: TreeSelection): string {
  const fields = sel.fields.map((f) => {
    const args = Object.keys(f.args)
      .filter((k) => f.args[k] != null)
      .join(',');
    return `${f.name}${f.resolved ? '*' : ''}${f.treeServed ? '~' : ''}${f.ambiguous ? '!' : ''}${args ? `(${args})` : ''}${f.below ? shapeKey(f.below) : ''}`;
  });
  return `${sel.type}{${fields.join(' ')}}`;
}

/** The value of an argument at a path of field names below `sel` (the last element is the argument). */
export function argumentAt(sel: TreeSelection, path: readonly string[]): unknown {
  let at: TreeSelection | null = sel;
  for (let i = 0; i < path.length - 1; i++) {
    const field: TreeField | undefined = at?.fields.find((f) => f.name === path[i]);
    if (!field) return null;
    if (i === path.length - 2) return field.args[path[i + 1]!] ?? null;
    at = field.below;
  }
  return null;
}
