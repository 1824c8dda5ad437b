import type { ClaimEdit } from './edit.js';

const PO_BOX = /\b(P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX|P\.?\s*O\.?\s*B\.?\s+\d|LOCK\s*BOX)\b/i;

export const poBoxEdit: ClaimEdit = {
  code: 'BILLING_ADDRESS_PO_BOX',
  severity: 'ERROR',
  description: 'The billing provider address is a PO box (an 837P billing provider needs a street address; use the pay-to address for a PO box).',
  run: ({ snapshot }) => {
    const a = snapshot.billingProvider.address;
    return (['line1', 'line2'] as const).filter((k) => a[k] && PO_BOX.test(a[k]!)).map((k) => ({ path: `billingProvider.address.${k}`, message: 'The billing address is a PO box; it must be a street address' }));
  },
};
