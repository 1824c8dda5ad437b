/** X12 5010 service type codes (EB03/EQ01) we accept in inquiries, with their meaning. */
export const SERVICE_TYPE_CODES: Readonly<Record<string, string>> = {
  '1': 'Medical Care', '2': 'Surgical', '3': 'Consultation', '4': 'Diagnostic X-Ray', '5': 'Diagnostic Lab',
  '6': 'Radiation Therapy', '7': 'Anesthesia', '8': 'Surgical Assistance', '12': 'Durable Medical Equipment Purchase',
  '14': 'Renal Supplies in the Home', '18': 'Durable Medical Equipment Rental', '20': 'Second Surgical Opinion',
  '23': 'Diagnostic Dental', '33': 'Chiropractic', '35': 'Dental Care', '40': 'Oral Surgery', '42': 'Home Health Care',
  '45': 'Hospice', '47': 'Hospital', '48': 'Hospital - Inpatient', '50': 'Hospital - Outpatient', '51': 'Hospital - Emergency Accident',
  '52': 'Hospital - Emergency Medical', '53': 'Hospital - Ambulatory Surgical', '62': 'MRI/CAT Scan', '65': 'Newborn Care',
  '68': 'Well Baby Care', '73': 'Diagnostic Medical', '76': 'Dialysis', '78': 'Chemotherapy', '80': 'Immunizations',
  '81': 'Routine Physical', '82': 'Family Planning', '86': 'Emergency Services', '88': 'Pharmacy', '93': 'Podiatry',
  '98': 'Professional (Physician) Visit - Office', '99': 'Professional (Physician) Visit - Inpatient', 'A0': 'Professional (Physician) Visit - Outpatient',
  'A3': 'Professional (Physician) Visit - Home', 'A4': 'Psychiatric', 'A6': 'Psychotherapy', 'A7': 'Psychiatric - Inpatient',
  'A8': 'Psychiatric - Outpatient', 'AD': 'Occupational Therapy', 'AE': 'Physical Medicine', 'AF': 'Speech Therapy',
  'AG': 'Skilled Nursing Care', 'AI': 'Substance Abuse', 'AL': 'Vision (Optometry)', 'BG': 'Cardiac Rehabilitation',
  'BH': 'Pediatric', 'MH': 'Mental Health', 'PT': 'Physical Therapy', 'UC': 'Urgent Care', '30': 'Health Benefit Plan Coverage',
};

/** AAA03 reject reason codes of 005010X279A1 with their meaning. */
export const REJECT_REASONS: Readonly<Record<string, string>> = {
  '04': 'Authorized Quantity Exceeded', '15': 'Required application data missing', '41': 'Authorization/Access Restrictions',
  '42': 'Unable to Respond at Current Time', '43': 'Invalid/Missing Provider Identification', '44': 'Invalid/Missing Provider Name',
  '45': 'Invalid/Missing Provider Specialty', '46': 'Invalid/Missing Provider Phone Number', '47': 'Invalid/Missing Provider State',
  '48': 'Invalid/Missing Referring Provider Identification Number', '49': 'Provider is Not Primary Care Physician',
  '50': 'Provider Ineligible for Inquiries', '51': 'Provider Not on File', '52': 'Service Dates Not Within Provider Plan Enrollment',
  '53': 'Inquired Benefit Inconsistent with Provider Type', '54': 'Inappropriate Product/Service ID Qualifier',
  '55': 'Inappropriate Product/Service ID', '56': 'Inappropriate Date', '57': 'Invalid/Missing Date(s) of Service',
  '58': 'Invalid/Missing Date-of-Birth', '60': 'Date of Birth Follows Date(s) of Service', '61': 'Date of Death Precedes Date(s) of Service',
  '62': 'Date of Service Not Within Allowable Inquiry Period', '63': 'Date of Service in Future', '64': 'Invalid/Missing Patient ID',
  '65': 'Invalid/Missing Patient Name', '66': 'Invalid/Missing Patient Gender Code', '67': 'Patient Not Found', '68': 'Duplicate Patient ID Number',
  '69': 'Inconsistent with Patient’s Age', '70': 'Inconsistent with Patient’s Gender', '71': 'Patient Birth Date Does Not Match That for the Patient on the Database',
  '72': 'Invalid/Missing Subscriber/Insured ID', '73': 'Invalid/Missing Subscriber/Insured Name', '74': 'Invalid/Missing Subscriber/Insured Gender Code',
  '75': 'Subscriber/Insured Not Found', '76': 'Duplicate Subscriber/Insured ID Number', '77': 'Subscriber Found, Patient Not Found',
  '78': 'Subscriber/Insured Not in Group/Plan Identified', '79': 'Invalid Participant Identification', '80': 'No Response received - Transaction Terminated',
  '97': 'Invalid or Missing Provider Address', T4: 'Payer Name or Identifier Missing',
};

/** Reject reasons meaning "ask again later", not "not covered". */
export const TRANSIENT_REJECTS: ReadonlySet<string> = new Set(['42', '79', '80']);

/** INS02 of a 270/271 dependent loop (005010X279A1 allows 01 spouse, 19 child, 34 other adult). */
export const RELATIONSHIP_CODES = { SELF: '18', SPOUSE: '01', CHILD: '19', OTHER: '34' } as const;
