import type { GraphQLObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, resolvers } from '../../../server/src/graphql/build-schema.js';
import { fieldResolverRules, type RootFieldRule, rootFieldRules } from '../../../server/src/graphql/root-fields.js';
import { ALL_ROLES } from '../../../server/src/graphql/roles.js';

// Deny by default: walks whatever the schema contains, so resolvers added later are checked too.
let rootTypes: [RootFieldRule['operation'], GraphQLObjectType | null | undefined][];
let rules: RootFieldRule[];
beforeAll(async () => {
  const schema = await buildSchema();
  rootTypes = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
    ['Subscription', schema.getSubscriptionType()],
  ];
  rules = rootFieldRules(resolvers);
});

const fieldsOf = () =>
  rootTypes.flatMap(([operation, type]) => Object.values(type?.getFields() ?? {}).map((field) => ({ operation, field })));

describe('every root field has an @Authorized rule', () => {
  it('finds the root fields (the walk itself works)', () => {
    const names = fieldsOf().map((f) => `${f.operation}.${f.field.name}`);
    expect(names).toContain('Query.patient');
    expect(names).toContain('Mutation.registerPatient');
  });

  it('no Query, Mutation or Subscription field lacks @Authorized, and none allows every caller', () => {
    const unguarded: string[] = [];
    for (const { operation, field } of fieldsOf()) {
      const rule = rules.find((r) => r.operation === operation && r.name === field.name);
      // An empty role list means "any authenticated user": allowed only if stated on purpose in the description.
      if (!rule || rule.roles === null) unguarded.push(`${operation}.${field.name}`);
      else if (rule.roles.length === 0 && !/Roles: any authenticated user/i.test(field.description ?? '')) unguarded.push(`${operation}.${field.name} (no roles)`);
    }
    expect(unguarded).toEqual([]);
  });

  it('names only known roles, and each description states exactly its roles (or "Roles: all")', () => {
    const wrong: string[] = [];
    for (const { operation, field } of fieldsOf()) {
      const rule = rules.find((r) => r.operation === operation && r.name === field.name);
      if (!rule?.roles?.length) continue;
      if (rule.roles.some((r) => !(ALL_ROLES as string[]).includes(r))) wrong.push(`${field.name}: unknown role`);
      // "Roles: A, B." lists them; "Roles: all" stands for every role there is.
      const said = /Roles: (all\b|[A-Z_, ]+\.)/.exec(field.description ?? '')?.[1];
      const stated = said === 'all' ? [...ALL_ROLES] : said?.replace(/\.$/, '').split(/,\s*/);
      if (!stated || [...stated].sort().join() !== [...rule.roles].sort().join()) wrong.push(`${operation}.${field.name}: description says ${stated?.join(', ') ?? 'nothing'}, rule is ${rule.roles.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('nested billing fields obey the same rule as the root fields', () => {
  it('Appointment.superbill and Patient.superbills carry @Authorized with the superbill roles, stated in their descriptions', async () => {
    const { SUPERBILL_ROLES } = await import('../../../server/src/modules/superbills/superbill.roles.js');
    const schema = await buildSchema();
    const nested = fieldResolverRules(resolvers);
    const stated = (d: string | null | undefined) => /Roles: ([A-Z_, ]+)\./.exec(d ?? '')?.[1]?.split(/,\s*/).sort();
    for (const [type, field] of [['Appointment', 'superbill'], ['Patient', 'superbills']] as const) {
      const rule = nested.find((f) => f.name === field && f.roles !== null && f.resolver.name === (type === 'Appointment' ? 'AppointmentSuperbillResolver' : 'PatientSuperbillsResolver'));
      expect(rule?.roles?.sort(), `${type}.${field}`).toEqual([...SUPERBILL_ROLES].sort());
      const gqlField = (schema.getType(type) as GraphQLObjectType).getFields()[field];
      expect(stated(gqlField?.description), `${type}.${field}`).toEqual([...SUPERBILL_ROLES].sort());
      // The same roles as the root superbill query.
      expect(rules.find((r) => r.operation === 'Query' && r.name === 'superbill')?.roles?.sort()).toEqual([...SUPERBILL_ROLES].sort());
    }
  });
});
