import type { Db } from '../../db/client.js';
import { notFound } from '../../graphql/errors.js';
import { getBillingProfile } from '../billing/billing-profile.read.js';
import { findDiagnosesOf, findLinesOf, type SuperbillRow } from '../superbills/superbill.repo.js';
import { buildSnapshot } from './claim-snapshot.build.js';
import { findEncounterParties, findPrimaryCoverageOn } from './claim-source.repo.js';
import { ClaimStatus } from './claim-status.js';
import * as repo from './claim.repo.js';
import type { ClaimRow } from './claim.repo.js';
import type { ClaimChangeSource } from './claim-transition.service.js';

/** The readable patient account number (CLM01) of a claim number: unique because numbers are. */
export const accountNumberOf = (n: number) => `C${String(n).padStart(7, '0')}`;

/**
 * Creates the claim of a FINALIZED superbill to the patient's primary coverage in force on the date of
 * service, with its frozen snapshot and the creation in its history. The caller holds the superbill's
 * lock and has checked that no live claim exists.
 * @returns the new DRAFT claim, or null for a self-pay visit (no primary coverage, or a self-pay payer)
 * @throws NOT_FOUND when the patient, provider or location is gone
 */
export async function insertClaimFromSuperbill(tx: Db, practiceId: string, sb: SuperbillRow, by: string, source: ClaimChangeSource = 'USER'): Promise<ClaimRow | null> {
  const primary = await findPrimaryCoverageOn(tx, practiceId, sb.patientId, sb.dateOfService);
  if (!primary || primary.payer.payerType === 'SELF_PAY') return null;
  const [parties, profile, diagnoses, lines, number] = await Promise.all([
    findEncounterParties(tx, practiceId, { patientId: sb.patientId, providerId: sb.renderingProviderId, locationId: sb.locationId }),
    getBillingProfile(tx, practiceId),
    findDiagnosesOf(tx, practiceId, [sb.id]),
    findLinesOf(tx, practiceId, [sb.id]),
    repo.nextClaimNumber(tx),
  ]);
  if (!parties) throw notFound('Superbill', sb.id);
  const accountNumber = accountNumberOf(number);
  const snapshot = buildSnapshot({ accountNumber, superbill: sb, diagnoses, lines, coverage: primary.coverage, payer: primary.payer, patient: parties.patient, renderingProvider: parties.provider, location: parties.location, profile });
  const row = await repo.insertClaim(tx, practiceId, {
    number, patientAccountNumber: accountNumber, superbillId: sb.id, patientId: sb.patientId, payerId: primary.payer.id, coverageId: primary.coverage.id, renderingProviderId: sb.renderingProviderId,
    locationId: sb.locationId, status: ClaimStatus.DRAFT, frequencyCode: '1', dateOfService: sb.dateOfService, totalChargeCents: snapshot.totalChargeCents, snapshot, createdBy: by,
  });
  await repo.insertHistory(tx, practiceId, [{ claimId: row.id, fromStatus: null, toStatus: ClaimStatus.DRAFT, revision: 1, source, reason: `created from superbill ${sb.number}`, changedBy: by }]);
  return row;
}

/**
 * A new claim correcting `original`: a copy of its snapshot with the given frequency (7 replacement, 8
 * void), the payer's claim number of the original (REF*F8) and a new patient account number.
 * @returns the new DRAFT claim
 */
export async function insertCorrectionClaim(tx: Db, practiceId: string, original: ClaimRow, frequency: '7' | '8', snapshot: ClaimRow['snapshot'], by: string, reason: string): Promise<ClaimRow> {
  const number = await repo.nextClaimNumber(tx);
  const accountNumber = accountNumberOf(number);
  const s = { ...snapshot, patientAccountNumber: accountNumber, frequencyCode: frequency, originalPayerClaimNumber: original.payerClaimNumber };
  const row = await repo.insertClaim(tx, practiceId, {
    number, patientAccountNumber: accountNumber, superbillId: original.superbillId, patientId: original.patientId, payerId: original.payerId, coverageId: original.coverageId, renderingProviderId: original.renderingProviderId,
    locationId: original.locationId, status: ClaimStatus.DRAFT, frequencyCode: frequency, originalClaimId: original.id, dateOfService: original.dateOfService, totalChargeCents: s.totalChargeCents, snapshot: s, createdBy: by,
  });
  await repo.insertHistory(tx, practiceId, [{ claimId: row.id, fromStatus: null, toStatus: ClaimStatus.DRAFT, revision: 1, source: 'USER', reason: `${frequency === '7' ? 'replaces' : 'voids'} claim ${original.number}: ${reason}`, changedBy: by }]);
  return row;
}
