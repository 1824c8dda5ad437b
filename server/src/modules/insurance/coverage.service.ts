import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { AddCoverageInput, EndCoverageInput, ReorderCoveragesInput, UpdateCoverageInput } from './coverage.inputs.js';
import { type CoverageRow, toCoverage } from './coverage.mapper.js';
import * as repo from './coverage.repo.js';
import { checkPayer, checkShape, guarded, subscriberJson } from './coverage.rules.js';
import { type Coverage, CoverageOrder } from './coverage.type.js';

const ORDERS = [CoverageOrder.PRIMARY, CoverageOrder.SECONDARY, CoverageOrder.TERTIARY];

/** Records the reads (member ids are PHI) and maps rows. */
export function presentCoverages(audit: AuditTrail, rows: CoverageRow[]): Coverage[] {
  for (const r of rows) audit.read('Coverage', r.id, r.patientId);
  return rows.map(toCoverage);
}

/** Records the reads of coverages the selection compiler already shaped (as presentCoverages does for rows). */
export function presentTreeCoverages(audit: AuditTrail, coverages: Coverage[]): Coverage[] {
  for (const c of coverages) audit.read('Coverage', c.id, c.patientId);
  return coverages;
}

/**
 * Adds a coverage to a patient of the caller's practice, with its first history row.
 * @throws NOT_FOUND for a patient or payer outside the practice; BAD_USER_INPUT for inconsistent
 *   subscriber data, dates, an inactive payer, or an overlapping active coverage of the same order
 */
export async function addCoverage(db: Db, principal: Principal, audit: AuditTrail, input: AddCoverageInput, today: string): Promise<Coverage> {
  const subscriber = input.subscriber ? subscriberJson(input.subscriber) : null;
  checkShape({ subscriberRelationship: input.subscriberRelationship, subscriber, effectiveDate: input.effectiveDate, endDate: input.endDate }, today);
  if (!(await repo.patientExists(db, principal.practiceId, input.patientId))) throw notFound('Patient', input.patientId);
  await checkPayer(db, principal.practiceId, input.payerId);
  const row = await guarded(() =>
    db.transaction(async (tx) => {
      const created = await repo.insertCoverage(tx, principal.practiceId, principal.userId, {
        patientId: input.patientId, payerId: input.payerId, planName: input.planName?.trim() || null, memberId: input.memberId.toUpperCase(),
        groupNumber: input.groupNumber?.toUpperCase() ?? null, subscriberRelationship: input.subscriberRelationship, subscriber,
        coverageOrder: input.order, effectiveDate: input.effectiveDate, endDate: input.endDate ?? null, copayCents: input.copayOnCard ?? null,
      });
      await audit.write(tx, 'CREATE', 'Coverage', created.id, created.patientId);
      return created;
    }),
  );
  return presentCoverages(audit, [row])[0]!;
}

async function versioned(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number, action: 'UPDATE' | 'END', build: (current: CoverageRow) => repo.CoveragePatch): Promise<Coverage> {
  const [current] = await repo.findCoveragesByIds(db, principal.practiceId, [id]);
  if (!current) throw notFound('Coverage', id);
  if (current.version !== expectedVersion) throw versionConflict('Coverage', id, expectedVersion, current.version);
  const patch = build(current);
  const row = await guarded(() =>
    db.transaction(async (tx) => {
      const updated = await repo.updateCoverageIfVersion(tx, principal.practiceId, id, expectedVersion, patch, action, principal.userId);
      if (!updated) throw versionConflict('Coverage', id, expectedVersion, expectedVersion + 1);
      await audit.write(tx, 'UPDATE', 'Coverage', id, updated.patientId);
      return updated;
    }),
  );
  return presentCoverages(audit, [row])[0]!;
}

/**
 * Updates a coverage at a known version; the previous version stays in coverage_history.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (as addCoverage)
 */
export async function updateCoverage(db: Db, principal: Principal, audit: AuditTrail, input: UpdateCoverageInput, today: string): Promise<Coverage> {
  if (input.payerId) await checkPayer(db, principal.practiceId, input.payerId);
  return versioned(db, principal, audit, input.id, input.expectedVersion, 'UPDATE', (cur) => {
    const patch: repo.CoveragePatch = {};
    if (input.payerId) patch.payerId = input.payerId;
    if (input.planName !== undefined) patch.planName = input.planName?.trim() || null;
    if (input.memberId) patch.memberId = input.memberId.toUpperCase();
    if (input.groupNumber !== undefined) patch.groupNumber = input.groupNumber?.toUpperCase() ?? null;
    if (input.subscriberRelationship) patch.subscriberRelationship = input.subscriberRelationship;
    if (input.subscriberRelationship === 'SELF') patch.subscriber = null;
    if (input.subscriber) patch.subscriber = subscriberJson(input.subscriber);
    if (input.effectiveDate) patch.effectiveDate = input.effectiveDate;
    if (input.endDate !== undefined) patch.endDate = input.endDate;
    if (input.copayOnCard !== undefined) patch.copayCents = input.copayOnCard;
    if (input.status) patch.status = input.status;
    checkShape({ subscriberRelationship: patch.subscriberRelationship ?? cur.subscriberRelationship, subscriber: patch.subscriber !== undefined ? patch.subscriber : cur.subscriber, effectiveDate: patch.effectiveDate ?? cur.effectiveDate, endDate: patch.endDate !== undefined ? patch.endDate : cur.endDate }, today);
    return patch;
  });
}

/**
 * Ends a coverage on a date (last covered day). @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT
 */
export function endCoverage(db: Db, principal: Principal, audit: AuditTrail, input: EndCoverageInput): Promise<Coverage> {
  return versioned(db, principal, audit, input.id, input.expectedVersion, 'END', (cur) => {
    if (input.endDate < cur.effectiveDate) throw badInput([{ path: 'input.endDate', message: 'must not be before the effective date' }]);
    return { endDate: input.endDate };
  });
}

/**
 * Sets the COB order of a patient's coverages in one transaction (the constraint is checked at commit,
 * so primary and secondary can swap).
 * @throws NOT_FOUND for an unknown patient or coverage; BAD_USER_INPUT for duplicates, a coverage of
 *   another patient, a cancelled one, or an order that would overlap another active coverage
 */
export async function reorderCoverages(db: Db, principal: Principal, audit: AuditTrail, input: ReorderCoveragesInput): Promise<Coverage[]> {
  if (new Set(input.coverageIds).size !== input.coverageIds.length) throw badInput([{ path: 'input.coverageIds', message: 'must not repeat a coverage' }]);
  if (!(await repo.patientExists(db, principal.practiceId, input.patientId))) throw notFound('Patient', input.patientId);
  const rows = await guarded(() =>
    db.transaction(async (tx) => {
      const mine = new Map((await repo.lockCoveragesOfPatient(tx, principal.practiceId, input.patientId)).map((r) => [r.id, r]));
      const changed: CoverageRow[] = [];
      for (const [i, id] of input.coverageIds.entries()) {
        const cur = mine.get(id);
        if (!cur) throw notFound('Coverage', id);
        if (cur.status !== 'ACTIVE') throw badInput([{ path: `input.coverageIds.${i}`, message: 'is cancelled' }]);
        if (cur.coverageOrder === ORDERS[i]) {
          changed.push(cur);
          continue;
        }
        const updated = await repo.updateCoverageIfVersion(tx, principal.practiceId, id, cur.version, { coverageOrder: ORDERS[i] }, 'REORDER', principal.userId);
        await audit.write(tx, 'UPDATE', 'Coverage', id, cur.patientId);
        changed.push(updated!);
      }
      return changed;
    }),
  );
  return presentCoverages(audit, rows);
}

/** A coverage of the caller's practice, audited. @throws NOT_FOUND */
export function presentCoverage(audit: AuditTrail, id: string, row: CoverageRow | null): Coverage {
  if (!row) throw notFound('Coverage', id);
  return presentCoverages(audit, [row])[0]!;
}
