import { type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { SqlTypes } from '../../db/compile/node-sql.js';
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
 * Makes every unguarded relation resolver of a declared type return the tree's value when the object
 * carries one, and run as before otherwise (objects from other paths, fields the compiler left out).
 * Relations with a role rule keep their resolver untouched: they read the tree with `fromTree` after
 * the rule ran.
 * @returns how many resolvers now prefer the tree
 */
export function preferTreeValues(schema: GraphQLSchema, types: SqlTypes): number {
  const guarded = new Set(getMetadataStorage().fieldResolvers.filter((r) => r.roles !== undefined).map((r) => `${r.getObjectType?.()?.name}.${r.schemaName}`));
  for (const [type, field] of fieldsWithRoles(schema)) guarded.add(`${type}.${field}`);
  let wrapped = 0;
  for (const decl of types.values()) {
    const type = schema.getType(decl.type);
    if (!isObjectType(type)) throw new Error(`compiled type ${decl.type} is not an object type of the schema`);
    const fields = type.getFields();
    for (const [name, f] of Object.entries(decl.fields)) {
      const field = fields[name];
      if (!field) throw new Error(`compiled field ${decl.type}.${name} is not in the schema`);
      const resolve = field.resolve;
      if (f.kind === 'value' || !resolve || guarded.has(`${decl.type}.${name}`)) continue;
      field.resolve = (root, args, ctx, info) => (Object.hasOwn(root, name) ? root[name] : resolve(root, args, ctx, info));
      wrapped++;
    }
  }
  return wrapped;
}
