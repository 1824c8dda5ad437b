/** Where a telehealth patient is during the visit, which decides the place-of-service code. */
export type PatientLocationKind = 'HOME' | 'OTHER';

/**
 * The CMS place-of-service code for a visit: in person, the location's own code (e.g. 11 office);
 * telehealth, 10 when the patient is at home and 02 anywhere else (the safe default when unknown).
 * @param modality - IN_PERSON or TELEHEALTH
 * @param locationCode - the location's place-of-service code
 * @param patientLocation - for telehealth: HOME or OTHER (unknown counts as OTHER)
 */
export function placeOfServiceFor(modality: 'IN_PERSON' | 'TELEHEALTH', locationCode: string, patientLocation?: PatientLocationKind | null): string {
  if (modality === 'IN_PERSON') return locationCode;
  return patientLocation === 'HOME' ? '10' : '02';
}
