import { getMetadataStorage } from 'type-graphql';

/** How one field of an object type is guarded, read from the type-graphql decorators. */
export interface FieldRule {
  /** The object type's name in the schema. */
  type: string;
  /** The field's name in the schema. */
  field: string;
  /** Roles and scope entries of `@Authorized` on the field (or its resolver class); null when unguarded. */
  rule: string[] | null;
}

/**
 * Every field of every object type with its `@Authorized` list, fields from field resolvers included.
 * Call after the schema is built (type-graphql attaches field resolvers to their types then). The
 * nested-path test walks the schema with these rules.
 * @returns one entry per object type field the decorators declare
 */
export function objectFieldRules(): FieldRule[] {
  const storage = getMetadataStorage();
  return storage.objectTypes.flatMap((o) =>
    (o.fields ?? []).map((f) => ({ type: o.name, field: f.schemaName, rule: f.roles ? f.roles.map(String) : null })),
  );
}
