import { createClient, isMedofficeError } from '@medoffice/sdk';
import { beforeAll, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

it('partner reports read metrics through the SDK with typed rows; bad input is a typed BAD_USER_INPUT', async () => {
  const office = await officeWithProvider(server.database.db);
  for (let i = 0; i < 11; i++) {
    const p = await insertPatient(server.database.db, office.practiceId);
    const refs = { patientId: p.id, providerId: office.provider.id, locationId: office.location.id, appointmentTypeId: office.type.id };
    await insertAppointment(server.database.db, office.practiceId, refs, new Date(Date.parse('2026-05-04T14:00:00Z') + i * 3_600_000), { status: 'COMPLETED', modality: i < 4 ? 'TELEHEALTH' : 'IN_PERSON', placeOfServiceCode: i < 4 ? '10' : '11' });
  }
  const client = createClient({ url: server.url, token: await server.token(office.practiceId, [Role.ANALYST]), retry: false });
  const { analytics } = await client.AnalyticsTelehealthShare({ query: { from: '2026-05', to: '2026-05', groupBy: ['PROVIDER'] } });
  expect(analytics.telehealthShare.rows).toMatchObject([{ bucket: '2026-05', providerId: office.provider.id, suppressed: false, visits: 11, telehealthVisits: 4 }]);
  expect(analytics.telehealthShare.rows[0]!.telehealthShare).toBeCloseTo(4 / 11, 12);
  const refreshed = await client.RefreshAnalytics();
  expect(Date.parse(refreshed.refreshAnalytics.asOf)).toBeGreaterThanOrEqual(Date.parse(analytics.telehealthShare.asOf));

  const err = await client.AnalyticsVisits({ query: { from: '2026-06', to: '2026-05' } }).catch((e: unknown) => e);
  expect(isMedofficeError(err) && err.code).toBe('BAD_USER_INPUT');
});
