import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { superbillLines, superbills } from '../db/schema/superbills.js';
import type { EntryDraft } from '../modules/ledger/ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from '../modules/ledger/ledger-kind.js';
import { post } from '../modules/ledger/ledger-post.service.js';

// ~15 columns a row: 1,000 entries a statement stay far under PostgreSQL's 65,535 parameters.
const BATCH = 1000;
/** The newest finalized superbills get ledger entries (~4 entries each): enough for balances, quick to seed. */
const SUPERBILLS = 80;

/**
 * Gives the demo practice a ledger: the newest FINALIZED superbills' lines as charges (the insurance part when
 * it names a payer, the patient part for self-pay) and the copay collected at check-in as a patient
 * payment, each on its date of service — so Patient.balance and ledgerEntries show balances (the copay
 * sits as a credit against insurance charges until a remittance moves the patient's share). Posted
 * through the ledger service with idempotency keys, so seeding twice posts once. Needs the superbills.
 */
export async function seedDemoLedger(db: Db, practiceId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const bills = await tx
      .select({ id: superbills.id, patientId: superbills.patientId, payerId: superbills.payerId, dateOfService: superbills.dateOfService, copay: superbills.copayCollectedCents })
      .from(superbills)
      .where(and(eq(superbills.practiceId, practiceId), eq(superbills.status, 'FINALIZED')))
      .orderBy(desc(superbills.dateOfService), desc(superbills.number))
      .limit(SUPERBILLS);
    if (bills.length === 0) return 0;
    const lines = await tx
      .select({ superbillId: superbillLines.superbillId, position: superbillLines.position, chargeCents: superbillLines.chargeCents })
      .from(superbillLines)
      .where(and(eq(superbillLines.practiceId, practiceId), inArray(superbillLines.superbillId, bills.map((b) => b.id))))
      .orderBy(asc(superbillLines.position));
    const linesOf = new Map<string, typeof lines>();
    for (const l of lines) linesOf.set(l.superbillId, [...(linesOf.get(l.superbillId) ?? []), l]);
    const drafts: EntryDraft[] = bills.flatMap((b) => {
      const common = { patientId: b.patientId, superbillId: b.id, effectiveDate: b.dateOfService };
      const charges = (linesOf.get(b.id) ?? [])
        .filter((l) => l.chargeCents > 0)
        .map((l): EntryDraft => ({ ...common, kind: LedgerEntryKind.CHARGE, superbillLinePosition: l.position, bucket: b.payerId ? LedgerBucket.INSURANCE : LedgerBucket.PATIENT, payerId: b.payerId, amountCents: l.chargeCents, idempotencyKey: `demo:charge:${b.id}:${l.position}` }));
      const copay: EntryDraft[] = b.copay > 0 ? [{ ...common, kind: LedgerEntryKind.PATIENT_PAYMENT, bucket: LedgerBucket.PATIENT, amountCents: -b.copay, reason: 'Copay collected at check-in', idempotencyKey: `demo:copay:${b.id}` }] : [];
      return [...charges, ...copay];
    });
    let created = 0;
    for (let i = 0; i < drafts.length; i += BATCH) created += (await post(tx, { practiceId, userId: 'demo' }, drafts.slice(i, i + BATCH))).filter((p) => !p.replayed).length;
    return created;
  });
}
