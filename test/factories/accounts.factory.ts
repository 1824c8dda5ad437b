import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/src/db/client.js';
import { superbillLines, superbills } from '../../server/src/db/schema/superbills.js';
import { LedgerBucket, LedgerEntryKind } from '../../server/src/modules/ledger/ledger-kind.js';
import { officeWithProvider } from './appointment.factory.js';
import { postNow } from './ledger.factory.js';
import { insertPatient } from './patient.factory.js';

/**
 * A practice with an office, a provider and two patients, and `visit(patient, date, cents)`: a finalized
 * superbill whose one line is charged to the patient part of the ledger (self-pay), so it is an open item.
 */
export async function accountsWorld(db: Db) {
  const office = await officeWithProvider(db);
  const { practiceId } = office;
  const [patient, other] = [await insertPatient(db, practiceId), await insertPatient(db, practiceId)];
  const actor = { practiceId, userId: 'test-biller' };
  async function visit(patientId: string, dateOfService: string, cents: number): Promise<string> {
    const [bill] = await db
      .insert(superbills)
      .values({ practiceId, patientId, renderingProviderId: office.provider.id, locationId: office.location.id, billingProvider: { name: 'Synthetic Group', tin: null, npi: null, address: null }, dateOfService, placeOfServiceCode: '11', createdBy: 't' })
      .returning();
    await db.insert(superbillLines).values({ practiceId, superbillId: bill!.id, position: 1, code: '99213', modifiers: [], units: 1, unitFeeCents: cents, chargeCents: cents, diagnosisPointers: [1] });
    await postNow(db, actor, [{ kind: LedgerEntryKind.CHARGE, patientId, bucket: LedgerBucket.PATIENT, amountCents: cents, superbillId: bill!.id, superbillLinePosition: 1, effectiveDate: dateOfService, idempotencyKey: `charge-${randomUUID()}` }]);
    return bill!.id;
  }
  return { ...office, practiceId, patient, other, actor, visit };
}
