import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.js';
import type { EntryDraft, LedgerActor } from '../../server/src/modules/ledger/ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from '../../server/src/modules/ledger/ledger-kind.js';
import { post } from '../../server/src/modules/ledger/ledger-post.service.js';
import { claims } from '../../server/src/db/schema/claims.js';
import { coverages } from '../../server/src/db/schema/insurance.js';
import { superbills } from '../../server/src/db/schema/superbills.js';
import { nextClaimNumber } from '../../server/src/modules/claims/claim.repo.js';
import { insertProvider } from './catalog.factory.js';
import { submittedClaim } from './era-claim.factory.js';
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

/**
 * A bare claim row of the patient (with the superbill, provider, location and coverage it needs), for
 * tests that post ledger entries on a claim without going through the claims API.
 * @returns the claim id
 */
export async function insertBareClaim(db: Db, practiceId: string, patientId: string, payerId: string): Promise<string> {
  const location = await createLocation(db, practiceId);
  const provider = await insertProvider(db, practiceId);
  const [sb] = await db.insert(superbills).values({ practiceId, patientId, renderingProviderId: provider.id, locationId: location.id, payerId, status: 'FINALIZED', billingProvider: { name: 'Synthetic Billing', npi: '1234567893', tin: '123456789', taxonomyCode: null, address: { line1: '1 Test St', city: 'Testville', state: 'NY', postalCode: '10001', country: 'US' } } as never, dateOfService: DAY, placeOfServiceCode: '11', createdBy: 'test' }).returning();
  const [existing] = await db.select().from(coverages).where(and(eq(coverages.patientId, patientId), eq(coverages.coverageOrder, 'PRIMARY')));
  const coverage = existing ?? (await db.insert(coverages).values({ practiceId, patientId, payerId, memberId: 'XZ000000001', subscriberRelationship: 'SELF', coverageOrder: 'PRIMARY', effectiveDate: '2025-01-01' }).returning())[0];
  const number = await nextClaimNumber(db);
  const snapshot = submittedClaim(`T${number}`, 'XZ000000001').snapshot;
  const [claim] = await db.insert(claims).values({ practiceId, number, patientAccountNumber: snapshot.patientAccountNumber, superbillId: sb!.id, patientId, payerId, coverageId: coverage!.id, locationId: location.id, status: 'ACCEPTED', dateOfService: DAY, totalChargeCents: snapshot.totalChargeCents, snapshot, createdBy: 'test' }).returning();
  return claim!.id;
}
