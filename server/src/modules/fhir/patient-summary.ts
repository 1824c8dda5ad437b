import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { SummarySources } from './patient-summary.repo.js';

const APPOINTMENT_STATUS: Record<string, string> = { HELD: 'pending', BOOKED: 'booked', CONFIRMED: 'booked', ARRIVED: 'arrived', IN_ROOM: 'arrived', COMPLETED: 'fulfilled', CANCELLED: 'cancelled', NO_SHOW: 'noshow', ENTERED_IN_ERROR: 'entered-in-error' };
const OBS_STATUS: Record<string, 'final' | 'corrected' | 'preliminary'> = { FINAL: 'final', CORRECTED: 'corrected', PRELIMINARY: 'preliminary' };
const GENDER: Record<string, 'female' | 'male' | 'unknown'> = { FEMALE: 'female', MALE: 'male', UNKNOWN: 'unknown' };
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

const entry = (resource: Resource): BundleEntry => ({ fullUrl: `urn:uuid:${resource.id}`, resource });

/**
 * A patient's summary for a transfer of care as a FHIR R4 collection Bundle: the Patient, their Coverages,
 * Appointments (up to 100, newest first), current lab Observations and current DocumentReferences (the
 * content is referenced by our download path, not embedded). Pure: the caller reads the rows.
 * @param now - the Bundle's timestamp
 */
export function buildPatientSummary(src: SummarySources & { patient: NonNullable<SummarySources['patient']> }, now: Date): Bundle {
  const p = src.patient;
  const patientRef = { reference: `urn:uuid:${p.id}` };
  const resources: Resource[] = [
    {
      resourceType: 'Patient',
      id: p.id,
      identifier: [{ type: { coding: [{ system: V2_0203, code: 'MR' }] }, value: p.mrn }],
      active: p.status === 'ACTIVE',
      name: [{ family: p.familyName, given: [p.givenName, ...(p.middleName ? [p.middleName] : [])] }],
      gender: GENDER[p.sexAtBirth] ?? 'unknown',
      birthDate: p.dateOfBirth,
      ...(p.email ? { telecom: [{ system: 'email' as const, value: p.email }] } : {}),
    },
    ...src.coverages.map(({ c, payerName }): Resource => ({
      resourceType: 'Coverage',
      id: c.id,
      status: c.status === 'ACTIVE' ? 'active' : 'cancelled',
      identifier: [{ type: { coding: [{ system: V2_0203, code: 'MB' }] }, value: c.memberId }],
      beneficiary: patientRef,
      payor: [{ display: payerName }],
      order: c.coverageOrder === 'PRIMARY' ? 1 : c.coverageOrder === 'SECONDARY' ? 2 : 3,
      period: { start: c.effectiveDate, ...(c.endDate ? { end: c.endDate } : {}) },
      ...(c.groupNumber ? { class: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'group' }] }, value: c.groupNumber }] } : {}),
    })),
    ...src.appointments.map((a): Resource => ({
      resourceType: 'Appointment',
      id: a.id,
      status: (APPOINTMENT_STATUS[a.status] ?? 'proposed') as 'booked',
      start: a.startsAt.toISOString(),
      end: a.endsAt.toISOString(),
      participant: [{ actor: patientRef, status: 'accepted' }],
    })),
    ...src.observations.map(({ o, resultId, effectiveAt, issuedAt }, i): Resource => ({
      resourceType: 'Observation',
      id: `${resultId.slice(0, 24)}${String(i).padStart(12, '0')}`,
      status: OBS_STATUS[o.status] ?? 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
      code: { coding: [{ system: o.codeSystem === 'LN' ? 'http://loinc.org' : `urn:lab-code-system:${encodeURIComponent(o.codeSystem ?? 'local')}`, code: o.code, ...(o.display ? { display: o.display } : {}) }] },
      subject: patientRef,
      ...(o.observedAt ?? effectiveAt ? { effectiveDateTime: (o.observedAt ?? effectiveAt)!.toISOString() } : {}),
      ...(issuedAt ? { issued: issuedAt.toISOString() } : {}),
      ...(o.value !== null ? (o.valueType === 'NM' && /^-?\d+(\.\d+)?$/.test(o.value) ? { valueQuantity: { value: Number(o.value), ...(o.units ? { unit: o.units } : {}) } } : { valueString: o.value }) : {}),
      ...(o.abnormalFlag ? { interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: o.abnormalFlag }] }] } : {}),
      ...(o.referenceRange ? { referenceRange: [{ text: o.referenceRange }] } : {}),
    })),
    ...src.documents.map((d): Resource => ({
      resourceType: 'DocumentReference',
      id: d.id,
      status: 'current',
      type: { text: d.type },
      subject: patientRef,
      date: d.createdAt.toISOString(),
      content: [{ attachment: { contentType: d.mediaType, url: `/documents/${d.id}/content`, size: d.sizeBytes, hash: Buffer.from(d.sha256, 'hex').toString('base64'), ...(d.title ? { title: d.title } : {}), creation: d.documentDate } }],
    })),
  ];
  return { resourceType: 'Bundle', type: 'collection', timestamp: now.toISOString(), entry: resources.map(entry) };
}
