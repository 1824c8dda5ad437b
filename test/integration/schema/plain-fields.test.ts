import { type GraphQLSchema, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../../server/src/graphql/build-schema.js';
import { fieldsWithRoles } from '../../../server/src/graphql/plain-fields.js';

// The schema drops type-graphql's pass-through wrappers on plain properties (a speed measure); these
// tests prove that nothing guarded or computed lost its resolver on the way.
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema();
});

const field = (type: string, name: string) => {
  const t = schema.getType(type);
  if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
  return t.getFields()[name]!;
};

describe('pass-through resolvers', () => {
  it('plain properties are read by graphql-js directly', () => {
    expect(field('Patient', 'mrn').resolve).toBeUndefined();
    expect(field('Appointment', 'startsAt').resolve).toBeUndefined();
    expect(field('PersonName', 'family').resolve).toBeUndefined();
  });

  it('field resolvers keep their resolver', () => {
    expect(field('Appointment', 'patient').resolve).toBeTypeOf('function');
    expect(field('Patient', 'appointments').resolve).toBeTypeOf('function');
  });

  it('every field with a role rule keeps its resolver, so the rule still runs', () => {
    const guarded = fieldsWithRoles(schema);
    expect(guarded).toContainEqual(['Patient', 'notes']);
    expect(guarded).toContainEqual(['EligibilityCheck', 'raw270']);
    for (const [type, name] of guarded) expect(field(type, name).resolve, `${type}.${name}`).toBeTypeOf('function');
  });
});

describe('role-guarded plain properties', () => {
  // type-graphql's async pipeline is replaced by a synchronous check with the same checker and roles.
  const resolve = (type: string, name: string, roles: string[], root: object) =>
    field(type, name).resolve!(root, {}, { principal: roles.length ? { userId: 'u', practiceId: 'p', roles } : undefined } as never, {} as never);

  it('answers synchronously with the property when the role is allowed', () => {
    expect(resolve('EligibilityCheck', 'raw270', ['BILLER'], { raw270: 'ISA*00' })).toBe('ISA*00');
  });

  it('refuses a role outside the rule with FORBIDDEN, and no principal with UNAUTHENTICATED', () => {
    expect(() => resolve('EligibilityCheck', 'raw270', ['FRONT_DESK'], { raw270: 'ISA*00' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => resolve('EligibilityCheck', 'raw270', [], { raw270: 'ISA*00' })).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});
