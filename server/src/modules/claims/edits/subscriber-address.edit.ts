import type { ClaimEdit } from './edit.js';

export const subscriberAddressEdit: ClaimEdit = {
  code: 'SUBSCRIBER_ADDRESS_MISSING',
  severity: 'ERROR',
  description: 'The 837P needs a home address for whoever is the patient: the subscriber when the patient is the subscriber (loop 2010BA, subscriber or else patient address), the patient when a dependent (loop 2010CA).',
  run: ({ snapshot: { subscriber, patient } }) => {
    if (patient.relationshipToSubscriber === '18') {
      return subscriber.address || patient.address ? [] : [{ path: 'subscriber.address', message: 'The subscriber is the patient and has no address' }];
    }
    return patient.address ? [] : [{ path: 'patient.address', message: 'The patient is a dependent and has no address' }];
  },
};
