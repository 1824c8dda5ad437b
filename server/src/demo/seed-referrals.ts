import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { waitlistEntries } from '../db/schema/engagement.js';
import { payers } from '../db/schema/insurance.js';
import { locations } from '../db/schema/locations.js';
import { patients } from '../db/schema/patients.js';
import { providers } from '../db/schema/providers.js';
import { externalProviders, referralHistory, referrals } from '../db/schema/referrals.js';
import { appointmentTypes } from '../db/schema/scheduling.js';
import { todayIn } from '../lib/dates.js';
import { addDays } from '../lib/local-time.js';
import { createOverdueReferralTasks } from '../modules/referrals/referral-overdue.service.js';
import { demoId, syntheticNpi } from './synthetic.js';

const SPECIALISTS = [
  { name: 'Dr. Avery Heartwell', specialty: 'Cardiovascular Disease', taxonomyCode: '207RC0000X', organization: 'Example Heart Associates (Demo)' },
  { name: 'Dr. Jordan Skinner', specialty: 'Dermatology', taxonomyCode: '207N00000X', organization: 'Example Skin Clinic (Demo)' },
  { name: 'Dr. Riley Bones', specialty: 'Orthopaedic Surgery', taxonomyCode: '207X00000X', organization: 'Example Orthopedics (Demo)' },
  { name: 'Dr. Casey Sugarman', specialty: 'Endocrinology', taxonomyCode: '207RE0101X', organization: 'Example Endocrine Group (Demo)' },
] as const;

type Step = 'DRAFT' | 'SENT' | 'SCHEDULED' | 'SEEN' | 'REPORT_RECEIVED' | 'CLOSED' | 'DECLINED' | 'CANCELLED';
const PATH: Step[] = ['DRAFT', 'SENT', 'SCHEDULED', 'SEEN', 'REPORT_RECEIVED', 'CLOSED'];

/** One outgoing referral per status (two SENT and two SEEN: one recent, one overdue); `age` is days since it was sent. */
const OUTGOING: { status: Step; age: number; reason: string; codes: string[]; urgency: string; auth?: { visits: number; validToIn: number } }[] = [
  { status: 'DRAFT', age: 0, reason: 'Rash not responding to topical steroids.', codes: ['L309'], urgency: 'ROUTINE' },
  { status: 'SENT', age: 3, reason: 'Knee pain after a fall; evaluate for meniscal tear.', codes: ['M25561'], urgency: 'ROUTINE' },
  { status: 'SENT', age: 21, reason: 'Paroxysmal atrial fibrillation, rate control.', codes: ['I480'], urgency: 'URGENT', auth: { visits: 2, validToIn: 12 } },
  { status: 'SCHEDULED', age: 10, reason: 'Uncontrolled type 2 diabetes.', codes: ['E119'], urgency: 'ROUTINE', auth: { visits: 3, validToIn: 60 } },
  { status: 'SEEN', age: 12, reason: 'Dermatitis not responding to treatment.', codes: ['L309'], urgency: 'URGENT' },
  { status: 'SEEN', age: 40, reason: 'Hypertension resistant to three agents.', codes: ['I10'], urgency: 'ROUTINE', auth: { visits: 1, validToIn: 90 } },
  { status: 'REPORT_RECEIVED', age: 30, reason: 'Chest pain, unspecified.', codes: ['R079'], urgency: 'ROUTINE' },
  { status: 'CLOSED', age: 45, reason: 'Hypothyroidism, dose adjustment.', codes: ['E039'], urgency: 'ROUTINE' },
  { status: 'DECLINED', age: 15, reason: 'Chronic low back pain.', codes: ['M5450'], urgency: 'ROUTINE' },
  { status: 'CANCELLED', age: 8, reason: 'Eczema flare.', codes: ['L309'], urgency: 'ROUTINE' },
];

const stepsTo = (status: Step): Step[] => (status === 'DECLINED' ? ['DRAFT', 'SENT', 'DECLINED'] : status === 'CANCELLED' ? ['DRAFT', 'CANCELLED'] : PATH.slice(0, PATH.indexOf(status) + 1));

/**
 * Gives the demo practice its referral loop: a directory of four specialists (accepting the demo payers),
 * outgoing referrals in every status with their histories — some overdue, so the sweep gives them their
 * FRONT_DESK task, some with authorizations running out — and an incoming referral waiting on the waitlist.
 * Deterministic ids; a second run adds nothing. A few statements, a handful of rows.
 * @returns how many referrals this call inserted
 */
export async function seedDemoReferrals(db: Db, practiceId: string, now: Date, timeZone = 'America/New_York'): Promise<number> {
  const today = todayIn(timeZone, now);
  const inserted = await db.transaction(async (tx) => {
    const [payerRows, provider, people, type, location] = await Promise.all([
      tx.select({ id: payers.id }).from(payers).where(eq(payers.practiceId, practiceId)),
      tx.select({ id: providers.id }).from(providers).where(eq(providers.practiceId, practiceId)).orderBy(asc(providers.npi)).limit(1),
      tx.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.status, 'ACTIVE'))).orderBy(asc(patients.mrn)).offset(10).limit(OUTGOING.length + 1),
      tx.select({ id: appointmentTypes.id }).from(appointmentTypes).where(eq(appointmentTypes.practiceId, practiceId)).limit(1),
      tx.select({ id: locations.id }).from(locations).where(eq(locations.practiceId, practiceId)).orderBy(asc(locations.createdAt), asc(locations.id)).limit(1),
    ]);
    if (!provider[0] || people.length <= OUTGOING.length) return [];
    const dir = SPECIALISTS.map((s, i) => ({ id: demoId(practiceId, `specialist-${i}`), practiceId, ...s, npi: syntheticNpi(456700000 + i * 104729), fax: `+1212555018${i}`, phone: `+1212555017${i}`, acceptedPayerIds: payerRows.map((p) => p.id) }));
    await tx.insert(externalProviders).values(dir).onConflictDoNothing({ target: externalProviders.id });
    const rows: (typeof referrals.$inferInsert)[] = OUTGOING.map((o, i) => {
      const steps = stepsTo(o.status);
      const has = (s: Step) => steps.includes(s);
      const sentOn = has('SENT') ? addDays(today, -o.age) : null;
      return {
        id: demoId(practiceId, `referral-${i}`),
        practiceId,
        direction: 'OUTGOING',
        patientId: people[i]!.id,
        providerId: provider[0]!.id,
        externalProviderId: dir[i % dir.length]!.id,
        reason: o.reason,
        diagnosisCodes: o.codes,
        urgency: o.urgency,
        authorizationNumber: o.auth ? `DEMO-AUTH-${i}` : null,
        authorizedVisits: o.auth?.visits ?? null,
        visitsUsed: has('SEEN') ? 1 : 0,
        authorizationFrom: o.auth ? addDays(today, -o.age - 2) : null,
        authorizationTo: o.auth ? addDays(today, o.auth.validToIn) : null,
        status: o.status,
        sentOn,
        scheduledFor: has('SCHEDULED') ? new Date(`${addDays(today, has('SEEN') ? -o.age + 5 : 5)}T14:00:00Z`) : null,
        seenOn: has('SEEN') ? addDays(today, -o.age + 5) : null,
        reportReceivedOn: has('REPORT_RECEIVED') ? addDays(today, -o.age + 12) : null,
        reviewedBy: o.status === 'CLOSED' ? 'demo-clinician' : null,
        declineReason: o.status === 'DECLINED' ? 'Not accepting new patients this quarter' : null,
        closedAt: ['CLOSED', 'DECLINED', 'CANCELLED'].includes(o.status) ? now : null,
        createdBy: 'demo-clinician',
      };
    });
    const incoming = people[OUTGOING.length]!.id;
    let waitlistEntryId: string | null = null;
    if (type[0] && location[0]) {
      waitlistEntryId = demoId(practiceId, 'referral-incoming-waitlist');
      await tx.insert(waitlistEntries).values({ id: waitlistEntryId, practiceId, patientId: incoming, appointmentTypeId: type[0].id, locationId: location[0].id, latestDate: addDays(today, 14), notes: 'Incoming referral', createdBy: 'demo-front_desk' }).onConflictDoNothing({ target: waitlistEntries.id });
    }
    rows.push({ id: demoId(practiceId, 'referral-incoming'), practiceId, direction: 'INCOMING', patientId: incoming, providerId: provider[0].id, externalProviderId: dir[0]!.id, reason: 'New patient: establish primary care after cardiology work-up.', diagnosisCodes: ['I10'], urgency: 'ROUTINE', status: 'RECEIVED', waitlistEntryId, createdBy: 'demo-front_desk' });
    const made = await tx.insert(referrals).values(rows).onConflictDoNothing({ target: referrals.id }).returning({ id: referrals.id });
    const fresh = new Set(made.map((m) => m.id));
    const history: (typeof referralHistory.$inferInsert)[] = OUTGOING.flatMap((o, i) =>
      fresh.has(rows[i]!.id!) ? stepsTo(o.status).map((to, k, all) => ({ practiceId, referralId: rows[i]!.id!, fromStatus: k ? all[k - 1]! : null, toStatus: to, byUserId: to === 'CLOSED' || to === 'DRAFT' ? 'demo-clinician' : 'demo-front_desk' })) : [],
    );
    if (fresh.has(rows[OUTGOING.length]!.id!)) history.push({ practiceId, referralId: rows[OUTGOING.length]!.id!, fromStatus: null, toStatus: 'RECEIVED', byUserId: 'demo-front_desk' });
    if (history.length) await tx.insert(referralHistory).values(history);
    return made;
  });
  // The overdue ones (sent 21 days ago, seen 35 days ago) get their task like anywhere else: through the sweep.
  await createOverdueReferralTasks(db, practiceId, 'demo');
  return inserted.length;
}

