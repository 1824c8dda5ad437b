import type { ClaimEdit } from './edit.js';

export const coverageActiveEdit: ClaimEdit = {
  code: 'COVERAGE_NOT_ACTIVE',
  severity: 'ERROR',
  description: 'The coverage billed was cancelled or is not in force on the date of service.',
  run: ({ snapshot, coverage }) => {
    const dos = snapshot.dateOfService;
    if (coverage.status !== 'ACTIVE') return [{ path: 'subscriber', message: 'The coverage billed was cancelled' }];
    if (dos < coverage.effectiveDate || (coverage.endDate !== null && dos > coverage.endDate)) return [{ path: 'subscriber', message: `The coverage billed is not in force on ${dos}` }];
    return [];
  },
};
