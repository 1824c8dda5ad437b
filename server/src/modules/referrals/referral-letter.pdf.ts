import type { DocumentSpec, Field } from '../../pdf/pdf-document.js';

/** What the letter shows: plain data gathered by the service. */
export interface ReferralLetterData {
  date: string;
  practiceName: string;
  specialist: { name: string; organization: string | null; npi: string; specialty: string | null; phone: string | null; fax: string | null };
  referringProvider: { name: string; npi: string };
  patient: { name: string; dateOfBirth: string; mrn: string; phone: string | null };
  reason: string;
  urgency: string;
  diagnoses: { display: string; description: string | null }[];
  authorization: { number: string | null; visits: number | null; validFrom: string | null; validTo: string | null };
  attachments: string[];
  referralId: string;
}

const or = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** The referral letter as document blocks (faxable: one page for the usual referral). */
export function referralLetterDocument(d: ReferralLetterData): DocumentSpec {
  const to: Field[] = [
    { label: 'To', value: d.specialist.name },
    { label: 'Organization', value: or(d.specialist.organization) },
    { label: 'Specialty', value: or(d.specialist.specialty) },
    { label: 'Specialist NPI', value: d.specialist.npi },
    { label: 'Fax', value: or(d.specialist.fax) },
    { label: 'Phone', value: or(d.specialist.phone) },
  ];
  const from: Field[] = [
    { label: 'From', value: d.referringProvider.name },
    { label: 'Referring NPI', value: d.referringProvider.npi },
    { label: 'Practice', value: d.practiceName },
    { label: 'Date', value: d.date },
    { label: 'Urgency', value: d.urgency },
  ];
  const patient: Field[] = [
    { label: 'Patient', value: d.patient.name },
    { label: 'Date of birth', value: d.patient.dateOfBirth },
    { label: 'MRN', value: d.patient.mrn },
    { label: 'Patient phone', value: or(d.patient.phone) },
  ];
  const auth: Field[] = [
    { label: 'Authorization number', value: or(d.authorization.number) },
    { label: 'Visits authorized', value: or(d.authorization.visits) },
    { label: 'Valid from', value: or(d.authorization.validFrom) },
    { label: 'Valid to', value: or(d.authorization.validTo) },
  ];
  return {
    title: 'Referral',
    footer: `Referral ${d.referralId} · Confidential patient information`,
    blocks: [
      { kind: 'title', text: 'Referral for consultation', subtitle: d.practiceName },
      { kind: 'fields', columns: [to, from] },
      { kind: 'heading', text: 'Patient' },
      { kind: 'fields', columns: [patient, auth] },
      { kind: 'heading', text: 'Reason for referral' },
      { kind: 'text', text: d.reason },
      { kind: 'heading', text: 'Diagnoses' },
      { kind: 'table', columns: [{ header: 'ICD-10-CM', width: 0.2 }, { header: 'Description', width: 0.8 }], rows: d.diagnoses.map((x) => [x.display, or(x.description)]) },
      { kind: 'heading', text: 'Records enclosed' },
      { kind: 'text', text: d.attachments.length ? d.attachments.join('; ') : 'None' },
      { kind: 'text', text: 'Please send your consultation report to the referring provider at the practice above.' },
    ],
  };
}
