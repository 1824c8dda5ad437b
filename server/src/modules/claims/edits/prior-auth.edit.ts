import type { ClaimEdit } from './edit.js';

export const priorAuthEdit: ClaimEdit = {
  code: 'PRIOR_AUTH_MISSING',
  severity: 'ERROR',
  description: 'Prior authorization is required (by the eligibility answer, else the payer setting) but the claim has no authorization number.',
  run: ({ snapshot, payer, eligibility }) => {
    const required = eligibility?.priorAuthorizationRequired ?? payer.priorAuthorizationRequired;
    return required && !snapshot.priorAuthorizationNumber?.trim() ? [{ path: 'priorAuthorizationNumber', message: 'Prior authorization is required and no authorization number is given' }] : [];
  },
};
