import type { ClaimEdit } from './edit.js';

export const billingPhoneEdit: ClaimEdit = {
  code: 'BILLING_PHONE_MISSING',
  severity: 'ERROR',
  description: 'The billing provider has no phone number; submission sends it as the 837P submitter contact (loop 1000A PER, which requires a number).',
  run: ({ snapshot }) => (snapshot.billingProvider.phone?.replace(/\D/g, '') ? [] : [{ path: 'billingProvider.phone', message: 'The billing provider has no phone number' }]),
};
