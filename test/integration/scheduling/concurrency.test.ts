import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { schedulingWorld } from '../../factories/scheduling.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { BOOK, bookInput } from './ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('bookAppointment under concurrency', () => {
  it('50 simultaneous overlapping bookings of one provider: exactly one wins, the rest get SLOT_CONFLICT', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const { location, provider, type } = await schedulingWorld(db, practiceId);
    const patients = await Promise.all(Array.from({ length: 50 }, () => insertPatient(db, practiceId)));
    const desk = await server.token(practiceId, [Role.FRONT_DESK]);
    // Starts 09:00, 09:05 … 09:20 local: every pair of these 30-minute visits overlaps.
    const results = await Promise.all(
      patients.map((p, i) =>
        server.gql(desk, BOOK, {
          input: bookInput({ patientId: p.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id }, new Date(Date.parse('2027-01-12T14:00:00Z') + (i % 5) * 5 * 60_000).toISOString()),
        }),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    const codes = results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions.code);
    expect(ok).toHaveLength(1);
    expect(codes).toEqual(Array(49).fill('SLOT_CONFLICT'));

    const rows = await db.select().from(appointments).where(eq(appointments.providerId, provider.id));
    const live = rows.filter((r) => r.active).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    expect(live).toHaveLength(1);
    for (let i = 1; i < live.length; i++) expect(live[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(live[i - 1]!.endsAt.getTime());
  });
});
