import { type GraphQLSchema, isObjectType } from 'graphql';
import { type AuthCheckerFn, AuthenticationError, AuthorizationError, getMetadataStorage } from 'type-graphql';

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

/** `Type.field` → roles of every plain property `guardPlainFieldsDirectly` guards: it reads `root[field]` once the rule grants. */
export const plainFieldRoles = new Map<string, readonly string[]>();

/**
 * type-graphql runs a plain `@Field` property that carries `@Authorized` through its async middleware
 * pipeline (an AuthMiddleware closure, two async dispatchers and their promises) on every row: on a page
 * of 50 patients that is hundreds of promise chains for a property read, and the field completes
 * asynchronously. This replaces that resolver, for plain properties with a role rule and nothing else (no
 * other middleware, no field resolver), by a synchronous one that asks the same authChecker with the same
 * roles and, when it grants, reads the same property. A refusal raises the same error: the checker's own
 * throw, else what type-graphql's AuthMiddleware throws in `authMode: 'error'`. Call it on a freshly built
 * schema, after `dropPassThroughResolvers`.
 * @returns how many field resolvers were replaced
 * @throws Error when the auth checker is a class (this project's is a function) — nothing is replaced then
 */
export function guardPlainFieldsDirectly(schema: GraphQLSchema, authChecker: AuthCheckerFn<any, string>): number {
  if (authChecker.prototype !== undefined) throw new Error('guardPlainFieldsDirectly needs a function auth checker, not a class');
  const storage = getMetadataStorage();
  const resolved = new Set(storage.fieldResolvers.map((r) => `${r.getObjectType?.()?.name}.${r.methodName}`));
  let replaced = 0;
  for (const meta of storage.objectTypes) {
    const type = schema.getType(meta.name);
    if (!isObjectType(type) || !meta.fields) continue;
    const fields = type.getFields();
    for (const f of meta.fields) {
      const field = fields[f.schemaName];
      if (!field?.resolve || f.roles === undefined || (f.middlewares?.length ?? 0) > 0) continue;
      if (resolved.has(`${f.target.name}.${f.name}`) || resolved.has(`${meta.target.name}.${f.name}`)) continue;
      const roles = [...f.roles];
      const property = f.name;
      // A property of another name than its field is read by this resolver only (not by a tree's key).
      if (property === f.schemaName) plainFieldRoles.set(`${meta.name}.${f.schemaName}`, roles);
      const deny = () => (roles.length === 0 ? new AuthenticationError() : new AuthorizationError());
      field.resolve = (root, args, context, info) => {
        const granted = authChecker({ root, args, context, info }, roles);
        if (granted === true) return root[property];
        if (granted === false) throw deny();
        return Promise.resolve(granted).then((ok) => {
          if (!ok) throw deny();
          return root[property];
        });
      };
      replaced++;
    }
  }
  return replaced;
}

/** `[type, field]` of every object-type field that carries a role rule (for the tests that guard them). */
export function fieldsWithRoles(schema: GraphQLSchema): [string, string][] {
  return getMetadataStorage()
    .objectTypes.filter((o) => isObjectType(schema.getType(o.name)))
    .flatMap((o) => (o.fields ?? []).filter((f) => f.roles !== undefined).map((f): [string, string] => [o.name, f.schemaName]));
}
