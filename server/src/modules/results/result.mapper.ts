import type { LabObservationRow, LabResultRow } from '../../db/schema/results.js';
import type { LabObservation, LabResult, ResultInterpretation, ResultNotice } from './result.type.js';

/** A stored report as the GraphQL type (internal columns — message, report key, raw — stay out). */
export function toLabResult(r: LabResultRow): LabResult {
  return {
    id: r.id,
    version: r.version,
    patientId: r.patientId,
    orderId: r.orderId,
    orderingProviderId: r.orderingProviderId,
    placerOrderNumber: r.placerOrderNumber,
    fillerOrderNumber: r.fillerOrderNumber,
    code: r.code,
    codeSystem: r.codeSystem,
    display: r.display,
    status: r.status,
    revision: r.revision,
    supersedesId: r.supersedesId,
    current: r.current,
    interpretation: r.interpretation as ResultInterpretation,
    effectiveAt: r.effectiveAt,
    issuedAt: r.issuedAt,
    receivedAt: r.receivedAt,
    sentPatient: r.sentPatient,
    matchedBy: r.matchedBy,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt,
    releasedBy: r.releasedBy,
    releasedAt: r.releasedAt,
  };
}

export function toLabObservation(o: LabObservationRow): LabObservation {
  return { code: o.code, codeSystem: o.codeSystem, display: o.display, valueType: o.valueType, value: o.value, units: o.units, referenceRange: o.referenceRange, abnormalFlag: o.abnormalFlag, interpretation: o.interpretation as ResultInterpretation, status: o.status, observedAt: o.observedAt };
}

export function toResultNotice(r: LabResultRow): ResultNotice {
  return { id: r.id, receivedAt: r.receivedAt, reviewed: r.reviewedAt !== null, released: r.releasedAt !== null };
}
