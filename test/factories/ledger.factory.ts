import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/src/db/client.js';
import type { EntryDraft, LedgerActor } from '../../server/src/modules/ledger/ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from '../../server/src/modules/ledger/ledger-kind.js';
import { post } from '../../server/src/modules/ledger/ledger-post.service.js';
import { insertPayer } from './insurance.factory.js';
import { insertPatient } from './patient.factory.js';
import { createLocation, createPractice } from './practice.factory.js';

/** A practice with a New York office, two patients and a payer, and the actor the tests post as. */
export async function ledgerWorld(db: Db) {
  const practiceId = await createPractice(db);
  await createLocation(db, practiceId);
  const patient = await insertPatient(db, practiceId);
  const other = await insertPatient(db, practiceId);
  const payer = await insertPayer(db, practiceId);
  const actor: LedgerActor = { practiceId, userId: 'test-biller' };
  return { practiceId, patient, other, payer, actor };
}

let n = 0;
/** A fresh idempotency key. */
export const key = (prefix = 'k') => `${prefix}-${++n}-${randomUUID().slice(0, 8)}`;

const DAY = '2026-03-02';

/** Drafts for one claim line, the way the remittance posting will make them. */
export const drafts = {
  charge: (patientId: string, claimId: string | null, line: number | null, cents: number, bucket = LedgerBucket.INSURANCE): EntryDraft => ({ kind: LedgerEntryKind.CHARGE, patientId, claimId, claimLinePosition: line, bucket, amountCents: cents, effectiveDate: DAY, idempotencyKey: key('charge') }),
  paid: (patientId: string, claimId: string, line: number, cents: number, payerId: string | null = null): EntryDraft => ({ kind: LedgerEntryKind.INSURANCE_PAYMENT, patientId, claimId, claimLinePosition: line, payerId, bucket: LedgerBucket.INSURANCE, amountCents: -cents, effectiveDate: DAY, idempotencyKey: key('paid') }),
  co: (patientId: string, claimId: string, line: number, cents: number, carc = '45'): EntryDraft => ({ kind: LedgerEntryKind.CONTRACTUAL_ADJUSTMENT, patientId, claimId, claimLinePosition: line, bucket: LedgerBucket.INSURANCE, amountCents: -cents, groupCode: 'CO', reasonCode: carc, effectiveDate: DAY, idempotencyKey: key('co') }),
  pr: (patientId: string, claimId: string, line: number, cents: number, carc = '2'): EntryDraft => ({ kind: LedgerEntryKind.PATIENT_RESPONSIBILITY, patientId, claimId, claimLinePosition: line, bucket: LedgerBucket.PATIENT, amountCents: cents, groupCode: 'PR', reasonCode: carc, effectiveDate: DAY, idempotencyKey: key('pr') }),
  patientPaid: (patientId: string, cents: number, claimId: string | null = null, line: number | null = null): EntryDraft => ({ kind: LedgerEntryKind.PATIENT_PAYMENT, patientId, claimId, claimLinePosition: line, bucket: LedgerBucket.PATIENT, amountCents: -cents, effectiveDate: DAY, idempotencyKey: key('pp') }),
};

/** Posts drafts in their own transaction. */
export const postNow = (db: Db, actor: LedgerActor, list: EntryDraft[]) => db.transaction((tx) => post(tx, actor, list));
