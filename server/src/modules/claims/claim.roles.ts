import type { Access } from '../../graphql/scopes.js';
import { BILLING_READ_ROLES, BILLING_WRITE_ROLES } from '../billing-access.js';

/**
 * Who reads claims (and Superbill.claims, the follow-up queue): the billing readers — front desk,
 * billers, admins and billing:read/billing:write partner clients. Who creates, scrubs, corrects and
 * works them: billers, admins and billing:write clients.
 */
export const CLAIM_READERS: readonly Access[] = BILLING_READ_ROLES;
export const CLAIM_WRITERS: readonly Access[] = BILLING_WRITE_ROLES;
