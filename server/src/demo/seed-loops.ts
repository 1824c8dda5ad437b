import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { contacts } from '../db/schema/correspondence.js';
import { patients } from '../db/schema/patients.js';
import { todayIn } from '../lib/dates.js';
import { addDays } from '../lib/local-time.js';
import { ensureTasks, type TaskSpec } from '../modules/tasks/task-create.js';
import { demoId } from './synthetic.js';

/** The demo users of the printed tokens (demo-tokens.ts): tasks assigned to them show in their myTasks. */
const USERS = { FRONT_DESK: 'demo-front_desk', CLINICIAN: 'demo-clinician', BILLER: 'demo-biller', PRACTICE_ADMIN: 'demo-practice_admin' } as const;

const CONTACTS = [
  { channel: 'PHONE', direction: 'INBOUND', topic: 'Reschedule request', summary: 'Asks to move next week\'s visit to a morning.', outcome: 'Offered Tuesday 9:00; will call back.', party: null, followUp: { title: 'Call back to confirm the new time', queue: 'FRONT_DESK', due: 0, priority: 'NORMAL' } },
  { channel: 'FAX', direction: 'INBOUND', topic: 'Specialist report', summary: 'Consult note received from the cardiology office.', outcome: 'Filed to the chart.', party: { name: 'Cardiology front desk', organization: 'Example Heart Associates', fax: '+12125550188' }, followUp: { title: 'Review the cardiology consult note', queue: 'CLINICIAN', due: -2, priority: 'HIGH' } },
  { channel: 'PORTAL_MESSAGE', direction: 'INBOUND', topic: 'Refill', summary: 'Requests a refill of a maintenance medication.', outcome: null, party: null, followUp: { title: 'Refill request to the clinician', queue: 'CLINICIAN', due: -1, priority: 'URGENT' } },
  { channel: 'PHONE', direction: 'INBOUND', topic: 'Billing question', summary: 'Asks why the statement shows a balance after insurance.', outcome: 'Explained the deductible.', party: null, followUp: { title: 'Send an itemized statement', queue: 'BILLER', due: 3, priority: 'LOW' } },
  { channel: 'EMAIL', direction: 'OUTBOUND', topic: 'Records request', summary: 'Asked the previous office for immunization records.', outcome: 'Awaiting reply.', party: { name: 'Records dept.', organization: 'Example Pediatrics', phone: '+14155550142' }, followUp: null },
  { channel: 'LETTER', direction: 'OUTBOUND', topic: 'Recall letter', summary: 'Annual visit reminder mailed.', outcome: null, party: null, followUp: null },
  { channel: 'IN_PERSON', direction: 'INBOUND', topic: 'Forms', summary: 'Dropped off school physical form for signature.', outcome: 'Placed in the clinician\'s tray.', party: null, followUp: { title: 'Sign the school physical form', user: 'CLINICIAN', due: -4, priority: 'NORMAL' } },
  { channel: 'PHONE', direction: 'OUTBOUND', topic: 'Prior authorization', summary: 'Called the payer about an MRI authorization.', outcome: 'Reference number noted; decision in 3 days.', party: { name: 'Utilization review', organization: 'Example Health Plan', phone: '+13125550177' }, followUp: { title: 'Check the MRI authorization decision', user: 'FRONT_DESK', due: 1, priority: 'HIGH' } },
] as const;

/** Tasks made by hand, beside those following up contacts: some overdue, some due today, one per queue at least. */
const TASKS = [
  { title: 'Scan and index yesterday\'s faxes', queue: 'FRONT_DESK', due: -1, priority: 'NORMAL' },
  { title: 'Confirm tomorrow\'s new-patient visits', user: 'FRONT_DESK', due: 0, priority: 'HIGH' },
  { title: 'Follow up unpaid claims over 60 days', user: 'BILLER', due: -5, priority: 'HIGH' },
  { title: 'Update the fee schedule for the new year', user: 'PRACTICE_ADMIN', due: 14, priority: 'LOW' },
  { title: 'Co-sign the nurse visit notes', queue: 'CLINICIAN', due: 0, priority: 'NORMAL' },
] as const;

/**
 * Gives the demo practice its correspondence log and task inbox: contacts of the last days (some about a
 * patient, some with a follow-up task) and tasks with the demo users and in each role queue — overdue, due
 * today and later — relative to `now` in the first location's time zone. Deterministic ids and task source
 * keys make a second run add nothing. A handful of rows in 4 statements.
 * @returns how many tasks this call created
 */
export async function seedDemoCorrespondence(db: Db, practiceId: string, now: Date, timeZone = 'America/New_York'): Promise<number> {
  const today = todayIn(timeZone, now);
  return db.transaction(async (tx) => {
    const people = await tx.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.status, 'ACTIVE'))).orderBy(asc(patients.mrn)).limit(CONTACTS.length);
    const rows = CONTACTS.map((c, i) => ({
      id: demoId(practiceId, `contact-${i}`),
      practiceId,
      channel: c.channel,
      direction: c.direction,
      patientId: i === 5 ? null : (people[i]?.id ?? null),
      partyName: c.party?.name ?? null,
      partyOrganization: c.party?.organization ?? null,
      partyPhone: c.party && 'phone' in c.party ? c.party.phone : null,
      partyFax: c.party && 'fax' in c.party ? c.party.fax : null,
      topic: c.topic,
      summary: c.summary,
      outcome: c.outcome,
      occurredAt: new Date(now.getTime() - (i + 1) * 5 * 3600_000),
      loggedBy: USERS.FRONT_DESK,
    }));
    await tx.insert(contacts).values(rows).onConflictDoNothing({ target: contacts.id });
    const owner = (t: { queue?: string; user?: string }) => (t.user ? { assigneeUserId: USERS[t.user as keyof typeof USERS] } : { queueRole: t.queue! });
    const specs: TaskSpec[] = [
      ...CONTACTS.flatMap((c, i): TaskSpec[] =>
        c.followUp ? [{ sourceKey: `demo:contact-${i}`, title: c.followUp.title, patientId: rows[i]!.patientId, about: { type: 'CONTACT', id: rows[i]!.id }, ...owner(c.followUp), priority: c.followUp.priority, dueDate: addDays(today, c.followUp.due) }] : [],
      ),
      ...TASKS.map((t, i): TaskSpec => ({ sourceKey: `demo:task-${i}`, title: t.title, ...owner(t), priority: t.priority, dueDate: addDays(today, t.due) })),
    ];
    return (await ensureTasks(tx, practiceId, 'demo', specs)).created.length;
  });
}
