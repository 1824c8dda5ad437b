import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { orderHistory, orders } from '../db/schema/orders.js';
import { patients } from '../db/schema/patients.js';
import { providers } from '../db/schema/providers.js';
import { todayIn } from '../lib/dates.js';
import { addDays } from '../lib/local-time.js';
import { createOverdueOrderTasks } from '../modules/orders/order-overdue.service.js';
import { demoId } from './synthetic.js';

type Step = 'ORDERED' | 'SCHEDULED' | 'COLLECTED' | 'PERFORMED' | 'RESULTED' | 'REVIEWED' | 'CANCELLED';

/** Open orders in every step (two of them overdue, one result waiting for review for days), plus a reviewed and a cancelled one. `due` is days from today. */
const ORDERS: { kind: string; codes: string[]; dx: string[]; steps: Step[]; due: number | null; priority: string; org: string; instructions?: string }[] = [
  { kind: 'LAB', codes: ['4548-4'], dx: ['E119'], steps: ['ORDERED'], due: 7, priority: 'ROUTINE', org: 'Example Reference Lab (Demo)', instructions: 'HbA1c before the next visit.' },
  { kind: 'LAB', codes: ['2093-3', '2571-8'], dx: ['E785'], steps: ['ORDERED'], due: -4, priority: 'ROUTINE', org: 'Example Reference Lab (Demo)', instructions: 'Fasting lipid panel.' },
  { kind: 'IMAGING', codes: ['71046'], dx: ['R0602'], steps: ['ORDERED', 'SCHEDULED'], due: 3, priority: 'URGENT', org: 'Example Imaging Center (Demo)' },
  { kind: 'PROCEDURE', codes: ['93000'], dx: ['I480'], steps: ['ORDERED', 'SCHEDULED'], due: -1, priority: 'STAT', org: 'In office' },
  { kind: 'LAB', codes: ['2345-7'], dx: ['E119'], steps: ['ORDERED', 'COLLECTED'], due: 2, priority: 'ROUTINE', org: 'Example Reference Lab (Demo)' },
  { kind: 'IMAGING', codes: ['73562'], dx: ['M25561'], steps: ['ORDERED', 'SCHEDULED', 'PERFORMED', 'RESULTED'], due: -2, priority: 'ROUTINE', org: 'Example Imaging Center (Demo)' },
  { kind: 'DME', codes: ['E0601'], dx: ['I10'], steps: ['ORDERED'], due: null, priority: 'ROUTINE', org: 'Example Medical Supply (Demo)' },
  { kind: 'LAB', codes: ['718-7'], dx: ['R5383'], steps: ['ORDERED', 'COLLECTED', 'RESULTED', 'REVIEWED'], due: -10, priority: 'ROUTINE', org: 'Example Reference Lab (Demo)' },
  { kind: 'IMAGING', codes: ['72100'], dx: ['M5450'], steps: ['ORDERED', 'CANCELLED'], due: 5, priority: 'ROUTINE', org: 'Example Imaging Center (Demo)' },
];

/**
 * Gives the demo practice orders to track: open ones at every step, two overdue and a result unreviewed for
 * days (their tasks come from the same sweep the server runs), one reviewed, one cancelled, each with its
 * history. Deterministic ids; a second run adds nothing.
 * @returns how many orders this call inserted
 */
export async function seedDemoOrders(db: Db, practiceId: string, now: Date, timeZone = 'America/New_York'): Promise<number> {
  const today = todayIn(timeZone, now);
  const made = await db.transaction(async (tx) => {
    const [provider, people] = await Promise.all([
      tx.select({ id: providers.id }).from(providers).where(eq(providers.practiceId, practiceId)).orderBy(asc(providers.npi)).limit(1),
      tx.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.status, 'ACTIVE'))).orderBy(asc(patients.mrn)).offset(25).limit(ORDERS.length),
    ]);
    if (!provider[0] || people.length < ORDERS.length) return [];
    const day = (n: number, hour: number) => new Date(`${addDays(today, n)}T${String(hour).padStart(2, '0')}:00:00Z`);
    const rows = ORDERS.map((o, i) => {
      const last = o.steps.at(-1)!;
      const has = (s: Step) => o.steps.includes(s);
      return {
        id: demoId(practiceId, `order-${i}`),
        practiceId,
        patientId: people[i]!.id,
        orderingProviderId: provider[0]!.id,
        kind: o.kind,
        diagnosisCodes: o.dx,
        codes: o.codes,
        instructions: o.instructions ?? null,
        priority: o.priority,
        dueDate: o.due === null ? null : addDays(today, o.due),
        performingOrganization: o.org,
        status: last,
        scheduledFor: has('SCHEDULED') ? day((o.due ?? 0) - 1, 14) : null,
        collectedOrPerformedAt: has('COLLECTED') || has('PERFORMED') ? day(-6, 15) : null,
        resultedAt: has('RESULTED') ? day(-5, 18) : null,
        resultReference: has('RESULTED') ? `demo-result-${i}` : null,
        reviewedBy: has('REVIEWED') ? 'demo-clinician' : null,
        reviewedAt: has('REVIEWED') ? day(-4, 16) : null,
        cancelReason: last === 'CANCELLED' ? 'Patient declined the study' : null,
        orderedBy: 'demo-clinician',
      };
    });
    const inserted = await tx.insert(orders).values(rows).onConflictDoNothing({ target: orders.id }).returning({ id: orders.id });
    const fresh = new Set(inserted.map((r) => r.id));
    const history = ORDERS.flatMap((o, i) =>
      fresh.has(rows[i]!.id) ? o.steps.map((to, k) => ({ practiceId, orderId: rows[i]!.id, fromStatus: k ? o.steps[k - 1]! : null, toStatus: to, byUserId: to === 'ORDERED' || to === 'REVIEWED' ? 'demo-clinician' : 'demo-front_desk' })) : [],
    );
    if (history.length) await tx.insert(orderHistory).values(history);
    return inserted;
  });
  await createOverdueOrderTasks(db, practiceId, 'demo');
  return made.length;
}
