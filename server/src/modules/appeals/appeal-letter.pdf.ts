import type { ClaimSnapshot, SnapshotAddress, SnapshotPersonName } from '../claims/claim-snapshot.js';
import { renderPdf } from '../../pdf/pdf-document.js';
import type { AppealRow } from './appeal.repo.js';

const money = (cents: number) => `$${(cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
const person = (n: SnapshotPersonName) => [n.given, n.middle, n.family].filter(Boolean).join(' ');
const place = (a: SnapshotAddress | null) => (a ? [a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode.length === 9 ? `${a.postalCode.slice(0, 5)}-${a.postalCode.slice(5)}` : a.postalCode}`].filter(Boolean).join(', ') : '');

/** The payer the letter goes to. */
export interface LetterPayer {
  name: string;
  address: SnapshotAddress | null;
}

/**
 * The appeal letter (pdf-lib through the pdf layer): the payer, the provider appealing, the patient and
 * claim identifiers, the denied service with its CARCs and amount, the deadline, and the argument.
 */
export function renderAppealLetter(appeal: AppealRow, claim: ClaimSnapshot, payer: LetterPayer, payerClaimNumber: string | null, generatedOn: string): Promise<Uint8Array> {
  const lines = claim.lines.filter((l) => appeal.claimLinePosition === null || l.position === appeal.claimLinePosition);
  const bp = claim.billingProvider;
  return renderPdf({
    title: `Appeal ${appeal.number}`,
    footer: `Appeal ${appeal.number} · claim ${claim.patientAccountNumber} · generated ${generatedOn}`,
    blocks: [
      { kind: 'title', text: 'Request for reconsideration of a claim denial', subtitle: `Appeal ${appeal.number} · ${generatedOn}` },
      { kind: 'fields', columns: [[{ label: 'To', value: payer.name }, { label: 'Payer address', value: place(payer.address) || '—' }], [{ label: 'From', value: bp.name }, { label: 'NPI / TIN', value: `${bp.npi} / ${bp.tin}` }, { label: 'Address', value: place(bp.address) }]] },
      { kind: 'heading', text: 'Claim' },
      {
        kind: 'fields',
        columns: [
          [{ label: 'Patient', value: person(claim.patient.name) }, { label: 'Date of birth', value: claim.patient.dateOfBirth }],
          [{ label: 'Member id', value: claim.subscriber.memberId }, { label: 'Insured', value: person(claim.subscriber.name) }],
          [{ label: 'Patient account number', value: claim.patientAccountNumber }, { label: 'Payer claim number', value: payerClaimNumber ?? '—' }, { label: 'Date of service', value: claim.dateOfService }],
        ],
      },
      { kind: 'heading', text: appeal.claimLinePosition === null ? 'Denied claim' : `Denied line ${appeal.claimLinePosition}` },
      {
        kind: 'table',
        columns: [{ header: 'Line', width: 0.1 }, { header: 'Code', width: 0.2 }, { header: 'Modifiers', width: 0.2 }, { header: 'Units', width: 0.15, align: 'right' }, { header: 'Charge', width: 0.35, align: 'right' }],
        rows: lines.map((l) => [String(l.position), l.code, l.modifiers.join(' '), String(l.units), money(l.chargeCents)]),
        totals: [{ label: 'Denied', value: money(appeal.deniedCents) }],
      },
      { kind: 'fields', columns: [[{ label: 'Denial reason codes (CARC)', value: appeal.reasonCodes.join(', ') || '—' }], [{ label: 'Remittance date', value: appeal.remittanceDate }], [{ label: 'Appeal deadline', value: appeal.deadline }]] },
      { kind: 'heading', text: 'Reason for appeal' },
      { kind: 'text', text: appeal.reason },
      { kind: 'text', text: appeal.letter },
      { kind: 'text', text: `Please reprocess this claim. Sincerely, ${bp.name} (NPI ${bp.npi})` },
    ],
  });
}
