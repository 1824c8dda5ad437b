import type { coverages } from '../../db/schema/insurance.js';
import type { SexAtBirth } from '../patients/patient.type.js';
import type { Coverage, CoverageOrder, CoverageStatus, SubscriberRelationship } from './coverage.type.js';

export type CoverageRow = typeof coverages.$inferSelect;

/** Table row → GraphQL object. */
export function toCoverage(r: CoverageRow): Coverage {
  const s = r.subscriber;
  return {
    id: r.id,
    patientId: r.patientId,
    payerId: r.payerId,
    planName: r.planName,
    memberId: r.memberId,
    groupNumber: r.groupNumber,
    subscriberRelationship: r.subscriberRelationship as SubscriberRelationship,
    subscriber: s ? { name: { given: s.given, middle: s.middle ?? null, family: s.family }, dateOfBirth: s.dateOfBirth, sex: s.sex as SexAtBirth, address: s.address ?? null } : null,
    order: r.coverageOrder as CoverageOrder,
    effectiveDate: r.effectiveDate,
    endDate: r.endDate,
    copayOnCard: r.copayCents,
    status: r.status as CoverageStatus,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A history snapshot: the business fields of a version (no timestamps). */
export function snapshotOf(r: CoverageRow): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, practiceId: _p, ...rest } = r;
  return rest;
}
