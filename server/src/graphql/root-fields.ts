import { getMetadataStorage } from 'type-graphql';

/** How one root field of the schema is guarded, read from the type-graphql decorators. */
export interface RootFieldRule {
  operation: 'Query' | 'Mutation' | 'Subscription';
  /** The field name in the schema. */
  name: string;
  /** The resolver class declaring it. */
  resolver: Function;
  /** Roles from `@Authorized` on the method or its class; null when neither has one. */
  roles: string[] | null;
}

/**
 * Every Query, Mutation and Subscription field declared by the given resolver classes, with its
 * `@Authorized` roles. The deny-by-default test walks the built schema against this list.
 * @param resolvers - the resolver classes the schema is built from
 * @returns one rule per root field
 */
export function rootFieldRules(resolvers: readonly Function[]): RootFieldRule[] {
  const storage = getMetadataStorage();
  const rolesOf = (target: Function, method: string): string[] | null => {
    const onMethod = storage.authorizedFields.find((a) => a.target === target && a.fieldName === method);
    if (onMethod) return onMethod.roles.map(String);
    const onClass = storage.authorizedResolver.find((a) => a.target === target);
    return onClass ? onClass.roles.map(String) : null;
  };
  const groups = [
    ['Query', storage.queries],
    ['Mutation', storage.mutations],
    ['Subscription', storage.subscriptions],
  ] as const;
  return groups.flatMap(([operation, list]) =>
    list
      .filter((r) => resolvers.includes(r.target))
      .map((r) => ({ operation, name: r.schemaName, resolver: r.target, roles: rolesOf(r.target, r.methodName) })),
  );
}

/** How one field resolver (a nested field such as Appointment.superbill) is guarded. */
export interface FieldResolverRule {
  /** The field name in the schema. */
  name: string;
  resolver: Function;
  /** Roles from `@Authorized` on the method, or null when it has none (it then inherits nothing). */
  roles: string[] | null;
}

/**
 * Every field resolver declared by the given resolver classes, with its `@Authorized` roles — for tests
 * that check nested paths obey the same access rules as root fields.
 * @returns one rule per field resolver
 */
export function fieldResolverRules(resolvers: readonly Function[]): FieldResolverRule[] {
  const storage = getMetadataStorage();
  return storage.fieldResolvers
    .filter((f) => resolvers.includes(f.target))
    .map((f) => ({ name: f.schemaName, resolver: f.target, roles: storage.authorizedFields.find((a) => a.target === f.target && a.fieldName === f.methodName)?.roles.map(String) ?? null }));
}
