import { beforeAll, expect, it } from 'vitest';
import { availabilityExceptions, availabilityRules } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { addDays } from '../../../server/src/lib/local-time.js';
import { instantOf, localDateOf } from '../../../server/src/modules/scheduling/zoned-time.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const ZONE = 'America/New_York';
const at = (date: string, hhmm: string) => new Date(instantOf(ZONE, date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))));
const QUERY = (metric: string, measures: string) =>
  `query M($q: MetricQueryInput!) { analytics { ${metric}(query: $q) { rows { bucket providerId locationId suppressed ${measures} } } } }`;

let server: TestServer;
let office: Awaited<ReturnType<typeof officeWithProvider>>;
let token: string;
const today = localDateOf(ZONE, Date.now());

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  office = await officeWithProvider(db);
  const { practiceId } = office;
  const refs = { providerId: office.provider.id, locationId: office.location.id, appointmentTypeId: office.type.id };
  // Mondays 09:00–12:00 during March 2026 only; an hour off on the 9th, an extra hour on Wednesday the 11th,
  // and an extra hour five days from today (the only open time ahead).
  await db.insert(availabilityRules).values({ practiceId, ...refs, weekday: 1, startTime: '09:00', endTime: '12:00', effectiveFrom: '2026-03-01', effectiveTo: '2026-03-31' });
  await db.insert(availabilityExceptions).values([
    { practiceId, providerId: refs.providerId, locationId: null, kind: 'TIME_OFF', startsAt: at('2026-03-09', '10:00'), endsAt: at('2026-03-09', '11:00') },
    { practiceId, providerId: refs.providerId, locationId: refs.locationId, kind: 'EXTRA_HOURS', startsAt: at('2026-03-11', '13:00'), endsAt: at('2026-03-11', '14:00') },
    { practiceId, providerId: refs.providerId, locationId: refs.locationId, kind: 'EXTRA_HOURS', startsAt: at(addDays(today, 5), '09:00'), endsAt: at(addDays(today, 5), '10:00') },
  ]);
  const visits: [string, string, number][] = [
    ['2026-03-02', '09:00', 15], ['2026-03-02', '09:15', 15], ['2026-03-02', '09:30', 15], ['2026-03-02', '11:45', 30],
    ['2026-03-09', '09:00', 15], ['2026-03-09', '10:00', 15], ['2026-03-09', '11:00', 15],
    ['2026-03-11', '13:00', 15], ['2026-03-11', '13:30', 15],
    ['2026-03-20', '10:00', 15],
    ['2026-03-23', '09:00', 15], ['2026-03-23', '09:15', 15],
  ];
  for (const [date, time, minutes] of visits) {
    const p = await insertPatient(db, practiceId);
    const startsAt = at(date, time);
    await insertAppointment(db, practiceId, { ...refs, patientId: p.id }, startsAt, { endsAt: new Date(startsAt.getTime() + minutes * 60_000), status: 'COMPLETED' });
  }
  // A cancelled visit holds no time; a booked one today (before opening) makes this month's row count 11+ patients.
  const c = await insertPatient(db, practiceId);
  await insertAppointment(db, practiceId, { ...refs, patientId: c.id }, at('2026-03-16', '09:00'), { endsAt: at('2026-03-16', '09:15'), status: 'CANCELLED', cancelledAt: at('2026-03-01', '09:00') });
  for (let i = 0; i < 11; i++) {
    const p = await insertPatient(db, practiceId);
    await insertAppointment(db, practiceId, { ...refs, patientId: p.id }, new Date(at(today, '00:00').getTime() + i * 15 * 60_000), { endsAt: new Date(at(today, '00:15').getTime() + i * 15 * 60_000), status: 'BOOKED' });
  }
  token = await server.token(practiceId, [Role.ANALYST]);
  const refreshed = await server.gql(token, 'mutation { refreshAnalytics { asOf } }');
  expect(refreshed.errors).toBeUndefined();
});

it('slot utilization: booked minutes inside open time (weekly hours + extra hours − time off) over open minutes', async () => {
  const res = await server.gql(token, QUERY('slotUtilization', 'availableMinutes bookedMinutes bookedAppointments utilization'), { q: { from: '2026-03', to: '2026-03', groupBy: ['PROVIDER'] } });
  expect(res.errors).toBeUndefined();
  // Open: the five March Mondays (all between the first and the last appointment) 5 × 180 − 60 off + 60 extra.
  // Booked inside: 45 + 15 of the 11:45–12:15 visit; 15 + 0 (time off) + 15; 30 on the 11th; 0 on Friday the 20th; 30.
  expect(res.data!.analytics.slotUtilization.rows).toEqual([
    { bucket: '2026-03', providerId: office.provider.id, locationId: null, suppressed: false, availableMinutes: 900, bookedMinutes: 150, bookedAppointments: 12, utilization: 150 / 900 },
  ]);
});

it('third next available: today’s snapshot finds the third open slot five days ahead', async () => {
  const res = await server.gql(token, QUERY('thirdNextAvailable', 'snapshots averageDays'), { q: { from: today.slice(0, 7), to: today.slice(0, 7), groupBy: ['PROVIDER', 'LOCATION'] } });
  expect(res.errors).toBeUndefined();
  expect(res.data!.analytics.thirdNextAvailable.rows).toEqual([
    { bucket: today.slice(0, 7), providerId: office.provider.id, locationId: office.location.id, suppressed: false, snapshots: 1, averageDays: 5 },
  ]);
  // A second refresh the same day replaces the day's snapshot rather than adding one.
  await server.gql(token, 'mutation { refreshAnalytics { asOf } }');
  const again = await server.gql(token, QUERY('thirdNextAvailable', 'snapshots averageDays'), { q: { from: today.slice(0, 7), to: today.slice(0, 7) } });
  expect(again.data!.analytics.thirdNextAvailable.rows).toMatchObject([{ snapshots: 1, averageDays: 5 }]);
});
