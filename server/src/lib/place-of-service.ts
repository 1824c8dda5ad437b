import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * CMS place-of-service codes in use (the codes on claim lines, CMS-1500 box 24B), with short names.
 * Unassigned numbers (28–30, 35–40, 43–48, 59, 63, 64, 67–70, 73–80, 82–98) are absent on purpose.
 */
const PLACE_OF_SERVICE: Readonly<Record<string, string>> = {
  '01': 'Pharmacy',
  '02': 'Telehealth provided other than in patient home',
  '03': 'School',
  '04': 'Homeless shelter',
  '05': 'Indian Health Service free-standing facility',
  '06': 'Indian Health Service provider-based facility',
  '07': 'Tribal 638 free-standing facility',
  '08': 'Tribal 638 provider-based facility',
  '09': 'Prison/correctional facility',
  '10': 'Telehealth provided in patient home',
  '11': 'Office',
  '12': 'Home',
  '13': 'Assisted living facility',
  '14': 'Group home',
  '15': 'Mobile unit',
  '16': 'Temporary lodging',
  '17': 'Walk-in retail health clinic',
  '18': 'Place of employment/worksite',
  '19': 'Off campus-outpatient hospital',
  '20': 'Urgent care facility',
  '21': 'Inpatient hospital',
  '22': 'On campus-outpatient hospital',
  '23': 'Emergency room-hospital',
  '24': 'Ambulatory surgical center',
  '25': 'Birthing center',
  '26': 'Military treatment facility',
  '27': 'Outreach site/street',
  '31': 'Skilled nursing facility',
  '32': 'Nursing facility',
  '33': 'Custodial care facility',
  '34': 'Hospice',
  '41': 'Ambulance-land',
  '42': 'Ambulance-air or water',
  '49': 'Independent clinic',
  '50': 'Federally qualified health center',
  '51': 'Inpatient psychiatric facility',
  '52': 'Psychiatric facility-partial hospitalization',
  '53': 'Community mental health center',
  '54': 'Intermediate care facility/individuals with intellectual disabilities',
  '55': 'Residential substance abuse treatment facility',
  '56': 'Psychiatric residential treatment center',
  '57': 'Non-residential substance abuse treatment facility',
  '58': 'Non-residential opioid treatment facility',
  '60': 'Mass immunization center',
  '61': 'Comprehensive inpatient rehabilitation facility',
  '62': 'Comprehensive outpatient rehabilitation facility',
  '65': 'End-stage renal disease treatment facility',
  '66': 'Programs of All-Inclusive Care for the Elderly (PACE) center',
  '71': 'Public health clinic',
  '72': 'Rural health clinic',
  '81': 'Independent laboratory',
  '99': 'Other place of service',
};

/** True for a two-digit CMS place-of-service code that is assigned (e.g. 11 office, 02/10 telehealth). */
export function isPlaceOfServiceCode(code: string): boolean {
  return /^\d{2}$/.test(code) && Object.hasOwn(PLACE_OF_SERVICE, code);
}

/** The short CMS name of a place-of-service code, or null for an unknown code. */
export function placeOfServiceName(code: string): string | null {
  return isPlaceOfServiceCode(code) ? PLACE_OF_SERVICE[code]! : null;
}

/** class-validator rule: a CMS place-of-service code (null/undefined pass; pair with a non-null field). */
export const IsPlaceOfServiceCode = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPlaceOfServiceCode',
      validator: { validate: (v: unknown) => v == null || (typeof v === 'string' && isPlaceOfServiceCode(v)) },
    },
    { message: 'must be a two-digit CMS place-of-service code such as 11', ...options },
  );
