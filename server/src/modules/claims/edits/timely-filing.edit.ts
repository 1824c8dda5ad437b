import { addDays } from '../../../lib/local-time.js';
import type { ClaimEdit } from './edit.js';

export const timelyFilingEdit: ClaimEdit = {
  code: 'TIMELY_FILING_EXCEEDED',
  severity: 'ERROR',
  description: 'The payer\'s timely-filing limit (days from the date of service, a payer setting) has passed.',
  run: ({ snapshot, payer, today }) => {
    const limit = addDays(snapshot.dateOfService, payer.timelyFilingDays);
    return today > limit ? [{ path: 'dateOfService', message: `The payer's filing limit of ${payer.timelyFilingDays} days ended on ${limit}` }] : [];
  },
};
