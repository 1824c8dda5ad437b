import { createClient, isMedofficeError } from '@medoffice/sdk';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../../server/src/db/schema/rooms.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const ROOM = 'id locationId name active version';
const CREATE = `mutation Create($input: CreateRoomInput!) { createRoom(input: $input) { room { ${ROOM} } } }`;
const UPDATE = `mutation Update($input: UpdateRoomInput!) { updateRoom(input: $input) { room { ${ROOM} } } }`;
const LIST = `query Rooms($locationId: ID!, $includeInactive: Boolean) { rooms(locationId: $locationId, includeInactive: $includeInactive) { ${ROOM} } }`;
const LOCATIONS_WITH_ROOMS = `query L { locations(first: 100) { edges { node { id name rooms { id name } all: rooms(includeInactive: true) { id } } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function office() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const location = await createLocation(db, practiceId);
  const admin = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
  return { db, practiceId, location, admin };
}

async function create(token: string, locationId: string, name: string) {
  const res = await server.gql(token, CREATE, { input: { locationId, name } });
  expect(res.errors).toBeUndefined();
  return res.data!.createRoom.room as { id: string; name: string; version: number; active: boolean; locationId: string };
}

describe('rooms of a location', () => {
  it('creates, lists by name, renames and deactivates rooms, audited; names are unique per location among active rooms', async () => {
    const { db, practiceId, location, admin } = await office();
    const exam2 = await create(admin, location.id, '  Exam 2 ');
    const exam1 = await create(admin, location.id, 'Exam 1');
    expect(exam2).toMatchObject({ name: 'Exam 2', active: true, version: 1, locationId: location.id });

    const dup = await server.gql(admin, CREATE, { input: { locationId: location.id, name: 'exam 1' } });
    expect(dup.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.name' }] });
    const blank = await server.gql(admin, CREATE, { input: { locationId: location.id, name: '   ' } });
    expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.name' }] });
    // Another location may use the same name.
    const other = await createLocation(db, practiceId);
    await create(admin, other.id, 'Exam 1');

    const listed = await server.gql(admin, LIST, { locationId: location.id });
    expect(listed.data!.rooms.map((r: { name: string }) => r.name)).toEqual(['Exam 1', 'Exam 2']);

    const renameClash = await server.gql(admin, UPDATE, { input: { id: exam2.id, expectedVersion: 1, name: 'EXAM 1' } });
    expect(renameClash.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.name' }] });
    const renamed = await server.gql(admin, UPDATE, { input: { id: exam2.id, expectedVersion: 1, name: 'Procedure' } });
    expect(renamed.data!.updateRoom.room).toMatchObject({ name: 'Procedure', version: 2, active: true });
    const stale = await server.gql(admin, UPDATE, { input: { id: exam2.id, expectedVersion: 1, active: false } });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });

    const off = await server.gql(admin, UPDATE, { input: { id: exam1.id, expectedVersion: 1, active: false } });
    expect(off.data!.updateRoom.room).toMatchObject({ active: false, version: 2 });
    expect((await server.gql(admin, LIST, { locationId: location.id })).data!.rooms.map((r: { name: string }) => r.name)).toEqual(['Procedure']);
    expect((await server.gql(admin, LIST, { locationId: location.id, includeInactive: true })).data!.rooms.map((r: { name: string }) => r.name)).toEqual(['Exam 1', 'Procedure']);

    // A deactivated room frees its name; reactivating the old one then clashes.
    const newExam1 = await create(admin, location.id, 'Exam 1');
    const back = await server.gql(admin, UPDATE, { input: { id: exam1.id, expectedVersion: 2, active: true } });
    expect(back.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.name' }] });
    expect((await db.select().from(rooms).where(eq(rooms.id, exam1.id)))[0]).toMatchObject({ active: false, version: 2 });
    expect(newExam1.name).toBe('Exam 1');

    const actions = (await auditEntries(db, { practiceId, entityType: 'Room' })).map((e) => `${e.action}:${e.entityId}`);
    expect(actions).toEqual(expect.arrayContaining([`CREATE:${exam1.id}`, `CREATE:${exam2.id}`, `UPDATE:${exam2.id}`, `DEACTIVATE:${exam1.id}`]));
    expect(actions.filter((a) => a.endsWith(exam1.id))).toHaveLength(2);
  });

  it('refuses a room at an inactive location, on input.locationId', async () => {
    const { db, practiceId, admin } = await office();
    const closed = await createLocation(db, practiceId, { active: false });
    const res = await server.gql(admin, CREATE, { input: { locationId: closed.id, name: 'Exam 1' } });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.locationId' }] });
    expect(await db.select().from(rooms).where(eq(rooms.locationId, closed.id))).toEqual([]);
  });

  it('only PRACTICE_ADMIN writes; FRONT_DESK, CLINICIAN, BILLER read; ANALYST does not', async () => {
    const { practiceId, location, admin } = await office();
    const room = await create(admin, location.id, 'Exam 1');
    for (const role of [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.ANALYST]) {
      const token = await server.token(practiceId, [role]);
      expect((await server.gql(token, CREATE, { input: { locationId: location.id, name: `By ${role}` } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
      expect((await server.gql(token, UPDATE, { input: { id: room.id, expectedVersion: 1, active: false } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
      const read = await server.gql(token, LIST, { locationId: location.id });
      if (role === Role.ANALYST) expect(read.errors![0]!.extensions.code).toBe('FORBIDDEN');
      else expect(read.data!.rooms).toEqual([{ ...room }]);
    }
    // Location stays readable by everyone; only its rooms field is guarded.
    const analyst = await server.token(practiceId, [Role.ANALYST]);
    const nested = await server.gql(analyst, `query { location(id: "${location.id}") { id rooms { id } } }`);
    expect(nested.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it("another practice's rooms and locations are indistinguishable from missing ones", async () => {
    const mine = await office();
    const theirs = await office();
    const theirRoom = await create(theirs.admin, theirs.location.id, 'Exam 1');
    const missing = '00000000-0000-4000-8000-000000000000';

    const list = await server.gql(mine.admin, LIST, { locationId: theirs.location.id });
    const listMissing = await server.gql(mine.admin, LIST, { locationId: missing });
    expect(list.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Location' });
    expect(listMissing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Location' });
    expect((await server.gql(mine.admin, LIST, { locationId: 'not-a-uuid' })).errors![0]!.extensions.code).toBe('NOT_FOUND');

    const createThere = await server.gql(mine.admin, CREATE, { input: { locationId: theirs.location.id, name: 'Sneaky' } });
    expect(createThere.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Location', id: theirs.location.id });

    const upd = await server.gql(mine.admin, UPDATE, { input: { id: theirRoom.id, expectedVersion: 1, active: false } });
    const updMissing = await server.gql(mine.admin, UPDATE, { input: { id: missing, expectedVersion: 1, active: false } });
    expect(upd.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Room', id: theirRoom.id });
    expect(updMissing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Room', id: missing });
    expect(upd.errors![0]!.message.replace(theirRoom.id, 'X')).toBe(updMissing.errors![0]!.message.replace(missing, 'X'));
    expect((await server.gql(theirs.admin, LIST, { locationId: theirs.location.id })).data!.rooms).toEqual([{ ...theirRoom }]);
  });

  it('Location.rooms is batched: 3 or 30 locations cost the same statements', async () => {
    const counts: number[] = [];
    for (const n of [3, 30]) {
      const { db, practiceId, location } = await office();
      const locs = [location, ...(await Promise.all(Array.from({ length: n - 1 }, () => createLocation(db, practiceId))))];
      await db.insert(rooms).values(locs.flatMap((l) => [{ practiceId, locationId: l.id, name: 'Exam B' }, { practiceId, locationId: l.id, name: 'Exam A' }, { practiceId, locationId: l.id, name: 'Old', active: false }]));
      const res = await server.gql(await server.token(practiceId, [Role.FRONT_DESK]), LOCATIONS_WITH_ROOMS);
      expect(res.errors).toBeUndefined();
      const nodes = res.data!.locations.edges.map((e: { node: { rooms: { name: string }[]; all: unknown[] } }) => e.node);
      expect(nodes).toHaveLength(n);
      for (const node of nodes) {
        expect(node.rooms.map((r: { name: string }) => r.name)).toEqual(['Exam A', 'Exam B']);
        expect(node.all).toHaveLength(3);
      }
      counts.push(res.extensions!.stats!.sqlStatements);
    }
    // The page of locations + one batched rooms statement (both aliases share the loader).
    expect(counts).toEqual([2, 2]);
  });
});

describe('rooms through the SDK', () => {
  it('publishes rooms, locationRooms, createRoom and updateRoom as typed operations', async () => {
    const { practiceId, location } = await office();
    const client = (roles: Role[]) => server.token(practiceId, roles).then((token) => createClient({ url: server.url, token, retry: false }));
    const admin = await client([Role.PRACTICE_ADMIN]);
    const { createRoom } = await admin.createRoom({ input: { locationId: location.id, name: 'Exam 1' } });
    const { updateRoom } = await admin.updateRoom({ input: { id: createRoom.room.id, expectedVersion: 1, name: 'Exam One' } });
    expect(updateRoom.room).toMatchObject({ id: createRoom.room.id, name: 'Exam One', version: 2, active: true });
    const biller = await client([Role.BILLER]);
    expect((await biller.rooms({ locationId: location.id })).rooms.map((r) => r.name)).toEqual(['Exam One']);
    const { location: withRooms } = await biller.locationRooms({ id: location.id, includeInactive: true });
    expect(withRooms.rooms).toEqual([updateRoom.room]);
    const err = await (await client([Role.ANALYST])).rooms({ locationId: location.id }).catch((e: unknown) => e);
    expect(isMedofficeError(err, 'FORBIDDEN')).toBe(true);
  });
});
