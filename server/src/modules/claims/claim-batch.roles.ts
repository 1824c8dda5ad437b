import { Role } from '../../graphql/roles.js';
import type { Access } from '../../graphql/scopes.js';
import { BILLING_READ_ROLES } from '../billing-access.js';

/**
 * Who reads claim batches and the interchanges as sent (x12): the billing readers without the front
 * desk — billers, admins and billing:read/billing:write partner clients. The files hold every claim's
 * PHI in bulk, which the front desk does not need.
 */
export const CLAIM_BATCH_READERS: readonly Access[] = BILLING_READ_ROLES.filter((a) => a !== Role.FRONT_DESK);
