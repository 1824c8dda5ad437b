import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { patients } from '../db/schema/patients.js';
import { patientStatements } from '../db/schema/statements.js';
import type { Principal } from '../graphql/auth.js';
import { PaymentMethod } from '../modules/accounts/patient-payment.inputs.js';
import { recordPatientPayment } from '../modules/accounts/patient-payment.service.js';
import { simulatedCardProcessor } from '../modules/accounts/card-processor.js';
import { generateStatements } from '../modules/accounts/statement.service.js';
import { addDays } from '../modules/accounts/statement.rules.js';
import type { AuditTrail } from '../modules/audit/audit-trail.js';
import { LedgerBucket, LedgerEntryKind } from '../modules/ledger/ledger-kind.js';
import { post } from '../modules/ledger/ledger-post.service.js';

/** Patients with a balance carried over from before the demo's visits, and what each owed. */
const CARRIED = 6;
const carriedCents = (i: number) => 18_000 + i * 2_500;

/** The last day of the month before the one `day` is in. */
const previousMonthEnd = (day: string) => addDays(`${day.slice(0, 7)}-01`, -1);

/**
 * Statement history for the demo: balances carried over from the practice's previous system (account
 * charges three months back, the kind an opening-balance import posts) for a few patients, the statement
 * cycles of three and two months ago, and between them payments by mail ten days after each statement
 * (a third of the balance due, dated that day), so Patient.statements shows a chain of statements with
 * previous balances, payments and aging. Last month's cycle is run after this by seedDemoAccounts.
 * Fixed keys: seeding again adds nothing.
 * @returns the statements of those two cycles
 */
export async function seedStatementHistory(db: Db, principal: Principal, audit: AuditTrail, today: string, minimumCents: number): Promise<number> {
  const { practiceId } = principal;
  const lastCycle = previousMonthEnd(today);
  const cycles = [previousMonthEnd(previousMonthEnd(lastCycle)), previousMonthEnd(lastCycle)];
  const carried = await db.select({ id: patients.id }).from(patients).where(eq(patients.practiceId, practiceId)).orderBy(asc(patients.mrn)).limit(CARRIED);
  await db.transaction((tx) =>
    post(tx, { practiceId, userId: 'demo' }, carried.map((p, i) => ({
      kind: LedgerEntryKind.CHARGE, patientId: p.id, bucket: LedgerBucket.PATIENT, amountCents: carriedCents(i), effectiveDate: addDays(cycles[0]!, -25),
      reason: 'Balance carried over from the previous billing system', idempotencyKey: `demo:carried-balance:${p.id}`,
    }))),
  );
  let made = 0;
  for (const asOf of cycles) {
    await generateStatements(db, principal, audit, { asOf, minimumBalance: minimumCents, dueInDays: 30 });
    const cycle = await db.select().from(patientStatements).where(and(eq(patientStatements.practiceId, practiceId), eq(patientStatements.cycle, asOf.slice(0, 7)))).orderBy(asc(patientStatements.patientId));
    made += cycle.length;
    for (const [i, s] of cycle.entries()) {
      const method = i % 2 ? PaymentMethod.CHECK : PaymentMethod.CASH;
      const input = { idempotencyKey: `demo:mailed-payment:${s.id}`, patientId: s.patientId, amount: Math.ceil(s.balanceDueCents / 3), method, checkNumber: method === PaymentMethod.CHECK ? `3${String(i).padStart(3, '0')}` : null };
      await recordPatientPayment(db, principal, audit, input, simulatedCardProcessor, addDays(asOf, 10));
    }
  }
  return made;
}
