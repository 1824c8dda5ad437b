import type { AddressJson } from '../../db/schema/json-types.js';
import type { BillingProviderJson } from '../../db/schema/superbills.js';
import { formatUsd } from '../../lib/money.js';
import { placeOfServiceName } from '../../lib/place-of-service.js';
import type { DocumentSpec } from '../../pdf/pdf-document.js';
import { pointerLetter, printDiagnosis } from './superbill.rules.js';
import type { DiagnosisRow, LineRow, SuperbillRow } from './superbill.repo.js';

/** Everything printed on a superbill, as plain data. */
export interface SuperbillPrint {
  superbill: SuperbillRow;
  diagnoses: DiagnosisRow[];
  lines: LineRow[];
  patient: { name: string; dateOfBirth: string; mrn: string; address: AddressJson | null };
  provider: { name: string; npi: string; taxonomyCode: string };
  location: { name: string; address: AddressJson };
}

/** 2026-11-03 → 11/03/2026 (how US forms print dates). */
const usDate = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
const oneLine = (a: AddressJson | null) => (a ? [a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode}`].filter(Boolean).join(', ') : '');
const tin = (t: string | null) => (t && t.length === 9 ? `${t.slice(0, 2)}-${t.slice(2)}` : (t ?? ''));

function billedBy(b: BillingProviderJson, fallback: AddressJson) {
  return [
    { label: 'Billing provider', value: b.name },
    { label: 'Tax ID (TIN)', value: tin(b.tin) },
    { label: 'Group NPI', value: b.npi ?? '' },
    { label: 'Billing address', value: oneLine(b.address ?? fallback) },
  ];
}

/**
 * The superbill as a document: practice and provider (NPI, TIN), patient, date and place of service,
 * diagnoses with descriptions, service lines, totals and the amount paid.
 */
export function superbillDocument(p: SuperbillPrint): DocumentSpec {
  const s = p.superbill;
  const pos = `${s.placeOfServiceCode} ${placeOfServiceName(s.placeOfServiceCode) ?? ''}`.trim();
  const status = s.status === 'FINALIZED' ? '' : ` · ${s.status}`;
  return {
    title: `Superbill ${s.number}`,
    footer: `Superbill ${s.number} · ${s.billingProvider.name}`,
    blocks: [
      { kind: 'title', text: 'Superbill', subtitle: `No. ${s.number} · Date of service ${usDate(s.dateOfService)}${status}` },
      ...(s.status === 'VOIDED' ? [{ kind: 'text' as const, text: `VOIDED: ${s.voidReason ?? ''}` }] : []),
      ...(s.status === 'DRAFT' ? [{ kind: 'text' as const, text: 'DRAFT: not final, for review only.' }] : []),
      { kind: 'heading', text: 'Practice' },
      {
        kind: 'fields',
        columns: [
          billedBy(s.billingProvider, p.location.address),
          [
            { label: 'Rendering provider', value: p.provider.name },
            { label: 'Provider NPI', value: p.provider.npi },
            { label: 'Service location', value: p.location.name },
            { label: 'Location address', value: oneLine(p.location.address) },
          ],
        ],
      },
      { kind: 'heading', text: 'Patient and visit' },
      {
        kind: 'fields',
        columns: [
          [
            { label: 'Patient', value: p.patient.name },
            { label: 'Date of birth', value: usDate(p.patient.dateOfBirth) },
            { label: 'Account (MRN)', value: p.patient.mrn },
            { label: 'Patient address', value: oneLine(p.patient.address) },
          ],
          [
            { label: 'Date of service', value: usDate(s.dateOfService) },
            { label: 'Place of service', value: pos },
            { label: 'Prior authorization', value: s.priorAuthorizationNumber ?? '' },
            { label: 'Referring provider', value: s.referringProviderName ? `${s.referringProviderName}${s.referringProviderNpi ? ` (NPI ${s.referringProviderNpi})` : ''}` : '' },
          ],
        ],
      },
      { kind: 'heading', text: 'Diagnoses (ICD-10-CM)' },
      {
        kind: 'table',
        columns: [{ header: 'Ptr', width: 0.07 }, { header: 'Code', width: 0.13 }, { header: 'Description', width: 0.8 }],
        rows: p.diagnoses.map((d) => [pointerLetter(d.position), printDiagnosis(d.code), d.description ?? '']),
      },
      { kind: 'heading', text: 'Services' },
      {
        kind: 'table',
        columns: [
          { header: 'Code', width: 0.09 },
          { header: 'Modifiers', width: 0.12 },
          { header: 'Description', width: 0.33 },
          { header: 'Dx', width: 0.08 },
          { header: 'Units', width: 0.07, align: 'right' },
          { header: 'Unit fee', width: 0.14, align: 'right' },
          { header: 'Charge', width: 0.17, align: 'right' },
        ],
        rows: p.lines.map((l) => [l.code, l.modifiers.join(' '), l.description ?? '', l.diagnosisPointers.map(pointerLetter).join(''), String(l.units), formatUsd(l.unitFeeCents), formatUsd(l.chargeCents)]),
        totals: [
          { label: 'Total charges', value: formatUsd(s.totalChargeCents) },
          { label: 'Amount paid', value: formatUsd(s.copayCollectedCents) },
          { label: 'Balance', value: formatUsd(Math.max(0, s.totalChargeCents - s.copayCollectedCents)) },
        ],
      },
      { kind: 'text', text: 'Submit this superbill to your insurer for out-of-network reimbursement. Codes: ICD-10-CM, CPT/HCPCS.' },
    ],
  };
}
