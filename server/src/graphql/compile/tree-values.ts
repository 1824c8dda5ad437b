import { type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema, isObjectType } from 'graphql';
import { type AuthCheckerFn, AuthenticationError, AuthorizationError, getMetadataStorage, type ResolverData } from 'type-graphql';
import type { SqlTypes } from '../../db/compile/node-sql.js';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { fieldsWithRoles } from '../plain-fields.js';

/**
 * The value the selection compiler put in the tree for a field, or undefined when the object did not
 * come from the compiler (or the compiler left the field to its resolver). Resolvers of guarded
 * relations call it after their role check, so the rule runs on the value present in the tree.
 */
export function fromTree<T>(root: object, field: string): T | undefined {
  return Object.hasOwn(root, field) ? ((root as Record<string, unknown>)[field] as T) : undefined;
}

/**
 * What a guarded relation does with the value the compiler put in the tree, once its role rule
 * allowed the caller: what its resolver does on that path (audit the read, NOT_FOUND for a missing
 * object). The resolver itself calls the same function, so both paths stay one rule.
 */
export interface GuardedTreeField {
  type: string;
  field: string;
  present: (root: any, value: any, ctx: Context) => unknown;
  /**
   * What `present` does, when it is only this: NOT_FOUND for a missing object, else audit a read of
   * `entity` whose id (and patient) is the parent's `idOf` field. A page whose edges PostgreSQL writes
   * (response-sql.ts) then audits the same from the ids it carries; without it such a page takes the
   * ordinary path.
   */
  audit?: TreeAudit;
}

/** A guarded relation's audit as a page of rows can do it: `entity` read, by the parent's `idOf` field. */
export interface TreeAudit {
  entity: string;
  idOf: string;
}

/**
 * A guarded relation to one audited object (a patient) that the compiler joins by the parent's `idOf`
 * field, which the parent's type carries: NOT_FOUND when the row is gone, else a read of `entity`
 * audited (the object is its own patient).
 */
export function auditedTreeField(type: string, field: string, audit: TreeAudit): GuardedTreeField {
  const present = (root: Record<string, string>, value: unknown, ctx: Context) => {
    const id = root[audit.idOf]!;
    if (!value) throw notFound(audit.entity, id);
    ctx.audit.read(audit.entity, id, id);
    return value;
  };
  return { type, field, present, audit };
}

/** The role rule of a guarded field, as type-graphql holds it (the method's `@Authorized`, else the field's). */
function rolesOf(type: string, field: string): { roles: readonly string[]; middlewares: number } | null {
  const storage = getMetadataStorage();
  const resolver = storage.fieldResolvers.find((r) => r.getObjectType?.()?.name === type && r.schemaName === field);
  if (resolver?.roles !== undefined) return { roles: resolver.roles, middlewares: resolver.middlewares?.length ?? 0 };
  const meta = storage.objectTypes.find((o) => o.name === type)?.fields?.find((f) => f.schemaName === field);
  return meta?.roles !== undefined ? { roles: meta.roles, middlewares: (meta.middlewares?.length ?? 0) + (resolver?.middlewares?.length ?? 0) } : null;
}

/**
 * A guarded relation's resolver that, when the object carries the tree's value, checks the role rule
 * itself — the schema's authChecker with the field's roles, throwing what type-graphql's auth
 * middleware throws — and presents the value, without type-graphql's per-field middleware pipeline.
 * Other objects go through the original resolver (and its pipeline) as before.
 */
function guardedTreeResolver(original: GraphQLFieldResolver<any, Context>, g: GuardedTreeField, roles: readonly string[], authChecker: AuthCheckerFn<Context, string>, validate: ArgsValidator): GraphQLFieldResolver<any, Context> {
  const deny = () => (roles.length === 0 ? new AuthenticationError() : new AuthorizationError());
  const after = (root: any, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => {
    const data = { root, args, context: ctx, info };
    const keys = Object.keys(args);
    if (keys.length === 0) return g.present(root, root[g.field], ctx);
    return Promise.all(keys.map((k) => validate(args[k], undefined, data))).then(() => g.present(root, root[g.field], ctx));
  };
  return (root, args, ctx, info) => {
    if (!Object.hasOwn(root, g.field)) return original(root, args, ctx, info);
    const granted = authChecker({ root, args, context: ctx, info }, [...roles]);
    if (granted === true) return after(root, args, ctx, info);
    if (granted === false) throw deny();
    return Promise.resolve(granted).then((ok) => {
      if (!ok) throw deny();
      return after(root, args, ctx, info);
    });
  };
}

/** The schema's argument validator (type-graphql's `validateFn`), run on each argument as its pipeline does. */
export type ArgsValidator = (value: unknown, type: unknown, data: ResolverData<object>) => Promise<void>;

/** The rule and presenters for guarded relations of compiled types (see `preferTreeValues`). */
export interface GuardedTree {
  authChecker: AuthCheckerFn<Context, string>;
  validate: ArgsValidator;
  fields: readonly GuardedTreeField[];
}

/** `Type.field` of every resolver preferTreeValues made return the tree's value (TreeField.treeServed). */
export const treeServedFields = new Set<string>();

/** The role rule (and declared audit) of every guarded relation preferTreeValues made present the tree's value. */
export const guardedTreeRules = new Map<string, { roles: readonly string[]; audit?: TreeAudit }>();

/**
 * Makes every unguarded relation resolver of a declared type return the tree's value when the object
 * carries one, and run as before otherwise (objects from other paths, fields the compiler left out).
 * Guarded relations listed in `guarded` check their rule directly and present the tree's value (see
 * `guardedTreeResolver`); other guarded relations keep their resolver untouched and read the tree
 * with `fromTree` after the rule ran.
 * @returns how many resolvers now prefer the tree
 * @throws Error for a listed guarded field that has no role rule or has middlewares of its own
 */
export function preferTreeValues(schema: GraphQLSchema, types: SqlTypes, guarded?: GuardedTree): number {
  const withRoles = new Set(getMetadataStorage().fieldResolvers.filter((r) => r.roles !== undefined).map((r) => `${r.getObjectType?.()?.name}.${r.schemaName}`));
  for (const [type, field] of fieldsWithRoles(schema)) withRoles.add(`${type}.${field}`);
  const presenters = new Map((guarded?.fields ?? []).map((g) => [`${g.type}.${g.field}`, g]));
  let wrapped = 0;
  for (const decl of types.values()) {
    const type = schema.getType(decl.type);
    if (!isObjectType(type)) throw new Error(`compiled type ${decl.type} is not an object type of the schema`);
    const fields = type.getFields();
    for (const [name, f] of Object.entries(decl.fields)) {
      const field = fields[name];
      // A carried id need not be a field (RemittanceClaim.patientId: only the audit reads it).
      if (!field && f.kind === 'value' && decl.carries.includes(name)) continue;
      if (!field) throw new Error(`compiled field ${decl.type}.${name} is not in the schema`);
      const resolve = field.resolve;
      if (f.kind === 'value' || !resolve) continue;
      const key = `${decl.type}.${name}`;
      if (withRoles.has(key)) {
        const g = presenters.get(key);
        if (!g || !guarded) continue;
        const rule = rolesOf(decl.type, name);
        if (!rule || rule.middlewares > 0) throw new Error(`${key} is listed as a guarded tree field but has no role rule or has middlewares`);
        field.resolve = guardedTreeResolver(resolve, g, rule.roles, guarded.authChecker, guarded.validate);
        guardedTreeRules.set(key, g.audit ? { roles: rule.roles, audit: g.audit } : { roles: rule.roles });
      } else {
        field.resolve = (root, args, ctx, info) => (Object.hasOwn(root, name) ? root[name] : resolve(root, args, ctx, info));
      }
      treeServedFields.add(key);
      wrapped++;
    }
  }
  for (const key of presenters.keys()) if (!withRoles.has(key)) throw new Error(`${key} is listed as a guarded tree field but is not guarded`);
  return wrapped;
}
