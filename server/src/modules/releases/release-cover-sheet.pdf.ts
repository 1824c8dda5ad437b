import type { DocumentSpec, Field } from '../../pdf/pdf-document.js';

/** What the cover sheet of a sent release shows: plain data gathered by the service. */
export interface ReleaseCoverSheetData {
  releaseRequestId: string;
  practiceName: string;
  requester: { name: string; organization: string | null; deliverTo: string | null };
  purpose: string;
  patient: { name: string; dateOfBirth: string; mrn: string };
  /** The patient's signed authorization on file (a CONSENT document version). */
  authorization: { documentId: string; title: string | null; documentDate: string; expiresOn: string };
  sent: { by: string; at: string };
  approved: { by: string | null; at: string | null };
  /** Exactly the released versions, in the package's order. */
  documents: { type: string; title: string | null; documentDate: string; revision: number; sha256: string }[];
}

const or = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const words = (type: string) => type.charAt(0) + type.slice(1).toLowerCase().replaceAll('_', ' ');

/** The release-of-information cover sheet as document blocks: who gets what, why, on whose authorization. */
export function releaseCoverSheetDocument(d: ReleaseCoverSheetData): DocumentSpec {
  const to: Field[] = [
    { label: 'To', value: d.requester.name },
    { label: 'Organization', value: or(d.requester.organization) },
    { label: 'Delivered to', value: or(d.requester.deliverTo) },
  ];
  const from: Field[] = [
    { label: 'From', value: d.practiceName },
    { label: 'Sent', value: d.sent.at },
    { label: 'Sent by', value: d.sent.by },
    { label: 'Approved by', value: or(d.approved.by) },
  ];
  const patient: Field[] = [
    { label: 'Patient', value: d.patient.name },
    { label: 'Date of birth', value: d.patient.dateOfBirth },
    { label: 'MRN', value: d.patient.mrn },
  ];
  const authorization: Field[] = [
    { label: 'Authorization reference', value: d.authorization.documentId },
    { label: 'Authorization signed', value: `${d.authorization.documentDate}${d.authorization.title ? ` · ${d.authorization.title}` : ''}` },
    { label: 'Authorization valid through', value: d.authorization.expiresOn },
  ];
  return {
    title: 'Release of information',
    footer: `Release ${d.releaseRequestId} · Confidential patient information`,
    blocks: [
      { kind: 'title', text: 'Release of information: cover sheet', subtitle: d.practiceName },
      { kind: 'fields', columns: [to, from] },
      { kind: 'heading', text: 'Patient and authorization' },
      { kind: 'fields', columns: [patient, authorization] },
      { kind: 'heading', text: 'Purpose of the disclosure' },
      { kind: 'text', text: d.purpose },
      { kind: 'heading', text: `Records released (${d.documents.length})` },
      {
        kind: 'table',
        columns: [{ header: 'Type', width: 0.22 }, { header: 'Title', width: 0.36 }, { header: 'Date', width: 0.14 }, { header: 'Version', width: 0.1, align: 'right' }, { header: 'SHA-256 (first 12)', width: 0.18 }],
        rows: d.documents.map((x) => [words(x.type), or(x.title), x.documentDate, String(x.revision), x.sha256.slice(0, 12)]),
      },
      { kind: 'text', text: 'These records are disclosed under the authorization above for the stated purpose only.' },
      { kind: 'text', text: 'They contain protected health information: do not disclose them further unless the law or the patient allows it.' },
      { kind: 'text', text: 'If you received them in error, notify the sender and destroy every copy.' },
    ],
  };
}
