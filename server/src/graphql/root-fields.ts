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
