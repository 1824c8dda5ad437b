import type { ClaimEdit } from './edit.js';

// EIN prefixes the IRS has never assigned (campus codes): a TIN starting with one is mistyped.
const UNASSIGNED_PREFIXES = new Set(['00', '07', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97']);

export const tinEdit: ClaimEdit = {
  code: 'TIN_INVALID',
  severity: 'ERROR',
  description: 'The billing provider\'s TIN (EIN) is missing, not 9 digits, or starts with a prefix the IRS never assigns.',
  run: ({ snapshot }) => {
    const tin = snapshot.billingProvider.tin;
    if (!tin) return [{ path: 'billingProvider.tin', message: 'The billing provider TIN is missing' }];
    if (!/^\d{9}$/.test(tin)) return [{ path: 'billingProvider.tin', message: 'The billing provider TIN must be 9 digits' }];
    if (UNASSIGNED_PREFIXES.has(tin.slice(0, 2)) || /^(\d)\1{8}$/.test(tin)) return [{ path: 'billingProvider.tin', message: 'The billing provider TIN is not a valid EIN' }];
    return [];
  },
};
