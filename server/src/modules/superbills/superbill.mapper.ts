import { printDiagnosis, pointerLetter } from './superbill.rules.js';
import type { SuperbillStatus } from './superbill-status.js';
import type { DiagnosisRow, LineRow, SuperbillRow } from './superbill.repo.js';
import type { Superbill, SuperbillDiagnosis, SuperbillLine } from './superbill.type.js';

/** Table row → GraphQL object. */
export function toSuperbill(r: SuperbillRow): Superbill {
  return {
    id: r.id,
    number: String(r.number),
    status: r.status as SuperbillStatus,
    appointmentId: r.appointmentId,
    patientId: r.patientId,
    renderingProviderId: r.renderingProviderId,
    locationId: r.locationId,
    payerId: r.payerId,
    billingProvider: r.billingProvider,
    referringProvider: r.referringProviderName ? { name: r.referringProviderName, npi: r.referringProviderNpi } : null,
    dateOfService: r.dateOfService,
    placeOfServiceCode: r.placeOfServiceCode,
    telehealth: r.telehealth,
    priorAuthorizationNumber: r.priorAuthorizationNumber,
    copayCollected: r.copayCollectedCents,
    totalCharge: r.totalChargeCents,
    balance: Math.max(0, r.totalChargeCents - r.copayCollectedCents),
    supersedesId: r.supersedesId,
    supersededById: r.supersededById,
    finalizedAt: r.finalizedAt,
    finalizedBy: r.finalizedBy,
    voidReason: r.voidReason,
    voidedAt: r.voidedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

export const toDiagnosis = (d: DiagnosisRow): SuperbillDiagnosis => ({ pointer: pointerLetter(d.position), code: printDiagnosis(d.code), description: d.description });

export const toLine = (l: LineRow): SuperbillLine => ({
  lineNumber: l.position,
  code: l.code,
  description: l.description,
  modifiers: l.modifiers,
  units: l.units,
  unitFee: l.unitFeeCents,
  charge: l.chargeCents,
  scheduleFee: l.scheduleFeeCents,
  chargeOverrideReason: l.chargeOverrideReason,
  diagnosisPointers: l.diagnosisPointers.map(pointerLetter),
  note: l.note,
});
