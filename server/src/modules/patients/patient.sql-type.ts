import { column, embedded, sqlType } from '../../db/compile/sql-type.js';

/**
 * Patient read by the selection compiler; mirrors patient.mapper toPatient. Guarded fields (notes,
 * phones, …) are in the tree like the others: their resolvers check the viewer's roles before reading it.
 */
export const PATIENT_SQL = sqlType({
  type: 'Patient',
  table: 'patients',
  carries: ['id'],
  fields: {
    id: column('id'),
    mrn: column('mrn'),
    legalName: embedded({ given: (p) => `${p}.given_name`, middle: (p) => `${p}.middle_name`, family: (p) => `${p}.family_name` }),
    preferredName: column('preferred_name'),
    dateOfBirth: column('date_of_birth'),
    sexAtBirth: column('sex_at_birth'),
    genderIdentity: column('gender_identity'),
    phones: column('phones'),
    email: column('email'),
    address: column('address'),
    preferredLanguage: column('preferred_language'),
    emergencyContacts: column('emergency_contacts'),
    consents: column('consents'),
    status: column('status'),
    notes: column('notes'),
    version: column('version'),
    createdAt: column('created_at'),
    updatedAt: column('updated_at'),
  },
});
