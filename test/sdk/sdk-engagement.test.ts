import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, isMedofficeError } from '@medoffice/sdk';
import { Role } from '../../server/src/graphql/roles.js';
import { Scope } from '../../server/src/graphql/scopes.js';
import { partnerToken } from '../helpers/partner-client.js';
import { officeWithProvider } from '../factories/appointment.factory.js';
import { insertPatient } from '../factories/patient.factory.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

async function office() {
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const patient = await insertPatient(db, practiceId, { consents: { sms: false, email: true, voicemail: false, portal: false }, email: 'sdk@example.test' });
  const client = (roles: Role[]) => server.token(practiceId, roles).then((token) => createClient({ url: server.url, token, retry: false }));
  return { location, provider, type, patient, frontDesk: await client([Role.FRONT_DESK]), sender: createClient({ url: server.url, token: (await partnerToken(server, practiceId, [Scope.REMINDERS_SEND])).token, retry: false }) };
}

describe('SDK: recalls, waitlist and reminders as a front-desk app and a sender worker use them', () => {
  it('works through due recalls page by page', async () => {
    const { location, patient, frontDesk } = await office();
    for (const dueDate of ['2027-06-03', '2027-06-01', '2027-06-02']) {
      await frontDesk.createRecall({ input: { patientId: patient.id, locationId: location.id, dueDate, reason: 'Annual check' } });
    }
    const due: string[] = [];
    for await (const recall of frontDesk.paginate.recallsDue({ locationId: location.id, before: '2027-06-30', first: 2 })) due.push(recall.dueDate);
    expect(due).toEqual(['2027-06-01', '2027-06-02', '2027-06-03']);
  });

  it('fills a freed slot from the waitlist, then the sender delivers its reminders exactly once', async () => {
    const { location, provider, type, patient, frontDesk, sender } = await office();
    const { addToWaitlist } = await frontDesk.addToWaitlist({ input: { patientId: patient.id, appointmentTypeId: type.id, locationId: location.id, preferredTimes: [{ weekdays: [4], start: '09:00', end: '12:00' }] } });
    // Thursday 2027-07-08, 10:00–10:30 in New York (EDT).
    const slot = { providerId: provider.id, locationId: location.id, startsAt: '2027-07-08T14:00:00Z', endsAt: '2027-07-08T14:30:00Z' };
    const { waitlistMatches } = await frontDesk.waitlistMatches({ slot });
    expect(waitlistMatches.edges.map((e) => [e.node.entry.id, e.node.fitsPreferredTimes])).toEqual([[addToWaitlist.entry.id, true]]);
    const { offerSlot } = await frontDesk.offerSlot({ input: { waitlistEntryId: addToWaitlist.entry.id, slot, holdMinutes: 60 } });
    const { acceptOffer } = await frontDesk.acceptOffer({ input: { offerId: offerSlot.offer.id } });
    expect(acceptOffer.offer.status).toBe('ACCEPTED');

    const { dueReminders } = await sender.dueReminders({ before: '2030-01-01T00:00:00Z' });
    const mine = dueReminders.edges.map((e) => e.node).filter((r) => r.appointmentId === offerSlot.offer.appointmentId);
    expect(mine.map((r) => [r.channel, r.offsetMinutes])).toEqual([['EMAIL', 2880], ['EMAIL', 120]]);
    const first = await sender.markReminderSent({ input: { id: mine[0]!.id } });
    const repeat = await sender.markReminderSent({ input: { id: mine[0]!.id } });
    expect([first.markReminderSent.transitioned, repeat.markReminderSent.transitioned]).toEqual([true, false]);
    expect(repeat.markReminderSent.reminder.status).toBe('SENT');

    const refused = await frontDesk.dueReminders({ before: '2030-01-01T00:00:00Z' }).catch((e: unknown) => e);
    expect(isMedofficeError(refused) && refused.code).toBe('FORBIDDEN');
  });
});
