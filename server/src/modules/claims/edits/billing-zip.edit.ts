import type { SnapshotAddress } from '../claim-snapshot.js';
import type { ClaimEdit } from './edit.js';

/** The 837P writes N403 as the postal code's digits; loops 2010AA and 2310C need all nine (ZIP+4). */
const isZipPlus4 = (a: SnapshotAddress) => /^\d{9}$/.test(a.postalCode.replace(/\D/g, ''));

export const billingZipEdit: ClaimEdit = {
  code: 'BILLING_ZIP_INCOMPLETE',
  severity: 'ERROR',
  description: 'The billing provider or service facility postal code is not a nine-digit ZIP+4 (the 837P billing provider and service facility N4 need all nine digits).',
  run: ({ snapshot }) => {
    const out = [];
    if (!isZipPlus4(snapshot.billingProvider.address)) out.push({ path: 'billingProvider.address.postalCode', message: 'The billing provider postal code must be a nine-digit ZIP+4' });
    if (snapshot.serviceFacility && !isZipPlus4(snapshot.serviceFacility.address)) out.push({ path: 'serviceFacility.address.postalCode', message: 'The service facility postal code must be a nine-digit ZIP+4' });
    return out;
  },
};
