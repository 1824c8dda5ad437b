import { type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * type-graphql wraps every plain `@Field` property in a resolver that builds a middleware pipeline just
 * to read `root[name]`. On a day view that is thousands of calls per request. This drops the wrapper
 * where it does nothing — no roles, no middlewares, no field resolver — so graphql-js reads the property
 * directly. Fields with `@Authorized` keep their resolver and therefore their role check.
 * Call it on a freshly built schema (type-graphql's metadata holds the roles only after a build).
 * @returns how many field resolvers were removed
 */
export function dropPassThroughResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const resolved = new Set(storage.fieldResolvers.map((r) => `${r.getObjectType?.()?.name}.${r.methodName}`));
  let dropped = 0;
  for (const meta of storage.objectTypes) {
    const type = schema.getType(meta.name);
    if (!isObjectType(type) || !meta.fields) continue;
    const fields = type.getFields();
    for (const f of meta.fields) {
      const field = fields[f.schemaName];
      if (!field?.resolve || f.roles !== undefined || (f.middlewares?.length ?? 0) > 0) continue;
      if (resolved.has(`${f.target.name}.${f.name}`) || resolved.has(`${meta.target.name}.${f.name}`)) continue;
      field.resolve = undefined;
      dropped++;
    }
  }
  return dropped;
}

/** `[type, field]` of every object-type field that carries a role rule (for the tests that guard them). */
export function fieldsWithRoles(schema: GraphQLSchema): [string, string][] {
  return getMetadataStorage()
    .objectTypes.filter((o) => isObjectType(schema.getType(o.name)))
    .flatMap((o) => (o.fields ?? []).filter((f) => f.roles !== undefined).map((f): [string, string] => [o.name, f.schemaName]));
}
