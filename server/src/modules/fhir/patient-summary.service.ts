import type { Bundle } from '@medplum/fhirtypes';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { readSummarySources } from './patient-summary.repo.js';
import { buildPatientSummary } from './patient-summary.js';

/**
 * A patient's FHIR R4 summary Bundle (Patient, Coverage, Appointment, Observation, DocumentReference).
 * Another practice's patient is NOT_FOUND. Audited as an EXPORT of the patient.
 */
export async function patientSummary(db: Db, principal: Principal, audit: AuditTrail, patientId: string, now = new Date()): Promise<Bundle> {
  const src = isUuid(patientId) ? await readSummarySources(db, principal.practiceId, patientId) : null;
  if (!src?.patient) throw notFound('Patient', patientId);
  await audit.write(db, 'EXPORT', 'PatientSummary', patientId, patientId);
  return buildPatientSummary({ ...src, patient: src.patient }, now);
}
