import type { ClaimEdit } from './edit.js';

export const eligibilityEdit: ClaimEdit = {
  code: 'NOT_ELIGIBLE',
  severity: 'ERROR',
  description: 'The last eligibility answer for the coverage on the date of service was NOT_ELIGIBLE.',
  run: ({ eligibility }) => (eligibility?.outcome === 'NOT_ELIGIBLE' ? [{ path: 'subscriber', message: 'The payer answered the last eligibility check for this date of service with NOT_ELIGIBLE' }] : []),
};
