import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { accountNumberOf } from '../claims/claim-create.js';
import { presentClaim } from '../claims/claim-present.js';
import { addressOf, RELATIONSHIP, subscriberOf } from '../claims/claim-snapshot.build.js';
import type { PayerResponsibility } from '../claims/claim-snapshot.js';
import { findCoverageOn } from '../claims/claim-source.repo.js';
import { ClaimStatus } from '../claims/claim-status.js';
import * as claimRepo from '../claims/claim.repo.js';
import type { ClaimRow } from '../claims/claim.repo.js';
import type { ClaimChangeSource } from '../claims/claim-transition.service.js';
import type { SecondaryClaimPayload } from './secondary-claim.type.js';
import { findPatientsByIds } from '../patients/patient.repo.js';
import { findLiveAdjudications } from '../remittances/remittance-adjudication.repo.js';
import { COVERAGE_ORDER, nextPayerSnapshot, nextResponsibility, otherPayerOf } from './secondary-claim.build.js';
import { findClaimsDueNextPayer, findLiveNextClaim } from './secondary-claim.repo.js';

const ADJUDICATED = new Set<string>([ClaimStatus.PAID, ClaimStatus.PARTIALLY_PAID, ClaimStatus.DENIED]);

/** Why no claim to the next payer can be made (a message with ids and codes only). */
type NotDue = { problem: string };

/**
 * Creates the claim to the payer after `prior`'s (secondary after primary, tertiary after secondary):
 * to the patient's ACTIVE coverage of that order in force on the date of service, billing the same
 * lines, carrying every earlier adjudication (2320/2430), as a DRAFT with its creation in its history.
 * The caller holds `prior`'s lock. Idempotent: the live claim already made is returned.
 * @param onlyWithPatientShare - make none when the prior payer left nothing to the patient
 * @returns the claim and whether it was made now, or why none can be made
 */
export async function insertNextPayerClaim(tx: Db, practiceId: string, prior: ClaimRow, by: string, source: ClaimChangeSource, onlyWithPatientShare = false): Promise<{ row: ClaimRow; created: boolean } | NotDue> {
  const existing = await findLiveNextClaim(tx, practiceId, prior.id);
  if (existing) return { row: existing, created: false };
  const responsibility = (prior.payerResponsibility ?? 'P') as PayerResponsibility;
  const next = nextResponsibility(responsibility);
  if (!next) return { problem: `claim ${prior.id} went to the tertiary payer; there is no payer after it` };
  if (!ADJUDICATED.has(prior.status)) return { problem: `claim ${prior.id} is ${prior.status}; the next payer is billed after this one adjudicated it (PAID, PARTIALLY_PAID or DENIED)` };
  const [found, adjudications, [patient]] = await Promise.all([
    findCoverageOn(tx, practiceId, prior.patientId, prior.dateOfService, COVERAGE_ORDER[next]),
    findLiveAdjudications(tx, practiceId, [prior.id]),
    findPatientsByIds(tx, practiceId, [prior.patientId]),
  ]);
  if (!found || found.payer.payerType === 'SELF_PAY') return { problem: `patient ${prior.patientId} has no ${COVERAGE_ORDER[next]} coverage in force on ${prior.dateOfService}` };
  const adjudication = adjudications.get(prior.id);
  if (!adjudication) return { problem: `claim ${prior.id} has no posted remittance to carry to the next payer` };
  if (!patient) throw notFound('Claim', prior.id);
  const other = otherPayerOf(prior.snapshot, prior.payerClaimNumber, adjudication);
  if (onlyWithPatientShare && other.patientResponsibilityCents <= 0) return { problem: `claim ${prior.id} left nothing to the patient` };
  const number = await claimRepo.nextClaimNumber(tx);
  const accountNumber = accountNumberOf(number);
  const payer = { id: found.payer.id, name: found.payer.name, ediPayerId: found.payer.ediPayerId, address: addressOf(found.payer.address) };
  const snapshot = nextPayerSnapshot(prior.snapshot, accountNumber, {
    responsibility: next, payer, subscriber: subscriberOf(found.coverage, found.payer, patient), relationship: RELATIONSHIP[found.coverage.subscriberRelationship] ?? '21',
  }, other);
  const row = await claimRepo.insertClaim(tx, practiceId, {
    number, patientAccountNumber: accountNumber, superbillId: prior.superbillId, patientId: prior.patientId, payerId: found.payer.id, coverageId: found.coverage.id, renderingProviderId: prior.renderingProviderId,
    locationId: prior.locationId, status: ClaimStatus.DRAFT, frequencyCode: '1', dateOfService: prior.dateOfService, totalChargeCents: snapshot.totalChargeCents, snapshot,
    payerResponsibility: next, priorPayerClaimId: prior.id, createdBy: by,
  });
  await claimRepo.insertHistory(tx, practiceId, [{ claimId: row.id, fromStatus: null, toStatus: ClaimStatus.DRAFT, revision: 1, source, reason: `created for the ${COVERAGE_ORDER[next].toLowerCase()} payer after claim ${prior.number} was adjudicated`, changedBy: by }]);
  return { row, created: true };
}

/**
 * createSecondaryClaim: the claim to the next payer of an adjudicated claim (see insertNextPayerClaim).
 * @throws NOT_FOUND (claim, also another practice's), BAD_USER_INPUT (not adjudicated, no coverage of the
 *   next order in force, no posted remittance, already tertiary)
 */
export async function createSecondaryClaim(db: Db, principal: Principal, audit: AuditTrail, claimId: string): Promise<SecondaryClaimPayload> {
  const practiceId = principal.practiceId;
  const { row, created } = await db.transaction(async (tx) => {
    const [prior] = await claimRepo.lockClaims(tx, practiceId, [claimId]);
    if (!prior) throw notFound('Claim', claimId);
    const made = await insertNextPayerClaim(tx, practiceId, prior, principal.userId, 'USER');
    if ('problem' in made) throw badInput([{ path: 'input.claimId', message: made.problem }]);
    if (made.created) await audit.write(tx, 'CREATE', 'Claim', made.row.id, made.row.patientId);
    return made;
  });
  return { claim: presentClaim(audit, row), existing: !created };
}

/**
 * After a remittance posted: the claims to the next payer of every claim it adjudicated whose patient
 * has a coverage of the next order in force and was left a share (deductible, coinsurance, copay). One
 * statement finds them; only those due cost more.
 * @returns the claims made
 */
export async function createNextPayerClaimsAfterPosting(tx: Db, practiceId: string, by: string, audit: AuditTrail, claimIds: readonly string[]): Promise<ClaimRow[]> {
  const due = await findClaimsDueNextPayer(tx, practiceId, claimIds);
  if (due.length === 0) return [];
  const out: ClaimRow[] = [];
  for (const prior of await claimRepo.lockClaims(tx, practiceId, due)) {
    const made = await insertNextPayerClaim(tx, practiceId, prior, by, 'SYSTEM', true);
    if ('problem' in made || !made.created) continue;
    await audit.write(tx, 'CREATE', 'Claim', made.row.id, made.row.patientId);
    out.push(made.row);
  }
  return out;
}
