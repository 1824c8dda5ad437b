import type { patients } from '../../db/schema/patients.js';
import type { PatientStatus, Patient, PhoneKind, SexAtBirth } from './patient.type.js';

export type PatientRow = typeof patients.$inferSelect;

/** GraphQL fields of Patient that read columns of another name (for projections of the selected fields). */
export const PATIENT_FIELD_COLUMNS = { legalName: ['givenName', 'middleName', 'familyName'] } as const;

/** Table row → GraphQL object. A projected row (only some columns read) maps to an object with those fields. */
export function toPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    mrn: row.mrn,
    legalName: { given: row.givenName, middle: row.middleName, family: row.familyName },
    preferredName: row.preferredName,
    dateOfBirth: row.dateOfBirth,
    sexAtBirth: row.sexAtBirth as SexAtBirth,
    genderIdentity: row.genderIdentity,
    phones: row.phones?.map((p) => ({ ...p, kind: p.kind as PhoneKind })),
    email: row.email,
    address: row.address,
    preferredLanguage: row.preferredLanguage,
    emergencyContacts: row.emergencyContacts,
    consents: row.consents,
    status: row.status as PatientStatus,
    notes: row.notes,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
