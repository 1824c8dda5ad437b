import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appointmentTypes, availabilityRules } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { linkProvider } from '../../factories/catalog.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { insertProvider } from '../../factories/scheduling.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { SLOTS } from './ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const CREATE_TYPE = `mutation($input: CreateAppointmentTypeInput!) { createAppointmentType(input: $input) { appointmentType { id name durationMinutes modality version active } } }`;
const UPDATE_TYPE = `mutation($input: UpdateAppointmentTypeInput!) { updateAppointmentType(input: $input) { appointmentType { id name version active } } }`;
const CREATE_RULE = `mutation($input: CreateAvailabilityRuleInput!) { createAvailabilityRule(input: $input) { rule { id weekday startTime endTime effectiveFrom effectiveTo } } }`;
const CREATE_EXCEPTION = `mutation($input: CreateAvailabilityExceptionInput!) { createAvailabilityException(input: $input) { exception { id kind } } }`;

async function setup() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const location = await createLocation(db, practiceId);
  const provider = await insertProvider(db, practiceId);
  await linkProvider(db, practiceId, provider.id, location.id);
  return { db, practiceId, location, provider, admin: await server.token(practiceId, [Role.PRACTICE_ADMIN]), desk: await server.token(practiceId, [Role.FRONT_DESK]) };
}

describe('scheduling configuration', () => {
  it('lets PRACTICE_ADMIN create, update and retire appointment types; others read them', async () => {
    const { admin, desk } = await setup();
    const created = await server.gql(admin, CREATE_TYPE, { input: { name: 'New patient', durationMinutes: 45, modality: 'IN_PERSON', color: '#3366FF' } });
    expect(created.errors).toBeUndefined();
    const t = created.data!.createAppointmentType.appointmentType;
    const dup = await server.gql(admin, CREATE_TYPE, { input: { name: 'New patient', durationMinutes: 20, modality: 'BOTH' } });
    expect(dup.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.name' }] });
    const updated = await server.gql(admin, UPDATE_TYPE, { input: { id: t.id, expectedVersion: 1, active: false } });
    expect(updated.data!.updateAppointmentType.appointmentType).toMatchObject({ version: 2, active: false });
    const stale = await server.gql(admin, UPDATE_TYPE, { input: { id: t.id, expectedVersion: 1, name: 'x' } });
    expect(stale.errors![0]!.extensions.code).toBe('VERSION_CONFLICT');
    const list = await server.gql(desk, `{ active: appointmentTypes { id } all: appointmentTypes(includeInactive: true) { id } }`);
    expect(list.data).toEqual({ active: [], all: [{ id: t.id }] });
    expect((await server.gql(desk, CREATE_TYPE, { input: { name: 'x', durationMinutes: 30, modality: 'BOTH' } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('rejects bad appointment types and rules without writing', async () => {
    const { db, practiceId, admin, provider, location } = await setup();
    const bad = await server.gql(admin, CREATE_TYPE, { input: { name: ' ', durationMinutes: 3, modality: 'BOTH', color: 'red' } });
    expect(bad.errors![0]!.extensions.fields!.map((f) => f.path).sort()).toEqual(['input.color', 'input.durationMinutes', 'input.name']);
    const rule = await server.gql(admin, CREATE_RULE, { input: { providerId: provider.id, locationId: location.id, weekday: 8, startTime: '12:00', endTime: '09:00', effectiveFrom: '2027-01-01' } });
    expect(rule.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const backwards = await server.gql(admin, CREATE_RULE, { input: { providerId: provider.id, locationId: location.id, weekday: 1, startTime: '12:00', endTime: '09:00', effectiveFrom: '2027-01-01' } });
    expect(backwards.errors![0]!.extensions.fields).toEqual([{ path: 'input.endTime', message: 'must be after startTime' }]);
    expect(await db.select().from(appointmentTypes).where(eq(appointmentTypes.practiceId, practiceId))).toHaveLength(0);
    expect(await db.select().from(availabilityRules).where(eq(availabilityRules.practiceId, practiceId))).toHaveLength(0);
  });

  it('builds availability from rules and exceptions and finds slots from it', async () => {
    const { admin, desk, provider, location } = await setup();
    const t = (await server.gql(admin, CREATE_TYPE, { input: { name: 'Follow-up', durationMinutes: 30, modality: 'BOTH', maxAdvanceDays: 730 } })).data!.createAppointmentType.appointmentType;
    const rule = await server.gql(admin, CREATE_RULE, { input: { providerId: provider.id, locationId: location.id, weekday: 2, startTime: '09:00', endTime: '10:00', effectiveFrom: '2027-01-01' } });
    expect(rule.data!.createAvailabilityRule.rule).toMatchObject({ startTime: '09:00', endTime: '10:00', effectiveTo: null });
    // Lunch-style block 09:30–10:00 New York on Tuesday 2027-01-12, and extra hours 18:00–18:30.
    expect((await server.gql(desk, CREATE_EXCEPTION, { input: { providerId: provider.id, kind: 'BLOCKED', startsAt: '2027-01-12T14:30:00Z', endsAt: '2027-01-12T15:00:00Z' } })).errors).toBeUndefined();
    expect((await server.gql(admin, CREATE_EXCEPTION, { input: { providerId: provider.id, locationId: location.id, kind: 'EXTRA_HOURS', startsAt: '2027-01-12T23:00:00Z', endsAt: '2027-01-12T23:30:00Z' } })).errors).toBeUndefined();
    const slots = await server.gql(desk, SLOTS, { typeId: t.id, locationId: location.id, from: '2027-01-12T00:00:00Z', to: '2027-01-13T12:00:00Z' });
    expect(slots.data!.availableSlots.map((s: { startsAt: string }) => s.startsAt)).toEqual(['2027-01-12T14:00:00.000Z', '2027-01-12T23:00:00.000Z']);
    const rules = await server.gql(desk, `query($p: ID) { availabilityRules(providerId: $p) { id } }`, { p: provider.id });
    expect(rules.data!.availabilityRules).toHaveLength(1);
  });

  it('hides another practice\'s provider and location', async () => {
    const mine = await setup();
    const theirs = await setup();
    const res = await server.gql(mine.admin, CREATE_RULE, { input: { providerId: theirs.provider.id, locationId: mine.location.id, weekday: 1, startTime: '09:00', endTime: '10:00', effectiveFrom: '2027-01-01' } });
    expect(res.errors![0]!.extensions.code).toBe('NOT_FOUND');
    const loc = await server.gql(mine.admin, CREATE_RULE, { input: { providerId: mine.provider.id, locationId: theirs.location.id, weekday: 1, startTime: '09:00', endTime: '10:00', effectiveFrom: '2027-01-01' } });
    expect(loc.errors![0]!.extensions.code).toBe('NOT_FOUND');
  });
});
