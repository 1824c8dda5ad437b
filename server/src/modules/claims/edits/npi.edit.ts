import { isValidNpi } from '../../../lib/npi.js';
import type { ClaimEdit, EditFinding } from './edit.js';

export const npiEdit: ClaimEdit = {
  code: 'NPI_INVALID',
  severity: 'ERROR',
  description: 'A billing, rendering, referring or service-facility NPI is missing or fails the Luhn check (prefix 80840).',
  run: ({ snapshot: s }) => {
    const found: EditFinding[] = [];
    const check = (npi: string | null | undefined, path: string, who: string, required: boolean) => {
      if (!npi) {
        if (required) found.push({ path, message: `The ${who} NPI is missing` });
      } else if (!isValidNpi(npi)) found.push({ path, message: `The ${who} NPI is not a valid NPI (10 digits with a Luhn check digit)` });
    };
    check(s.billingProvider.npi, 'billingProvider.npi', 'billing provider', true);
    if (s.renderingProvider) check(s.renderingProvider.npi, 'renderingProvider.npi', 'rendering provider', true);
    if (s.referringProvider) check(s.referringProvider.npi, 'referringProvider.npi', 'referring provider', true);
    if (s.serviceFacility) check(s.serviceFacility.npi, 'serviceFacility.npi', 'service facility', false);
    return found;
  },
};
