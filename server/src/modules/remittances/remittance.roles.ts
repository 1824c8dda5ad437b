import { BILLING_READERS, BILLING_WRITERS } from '../../graphql/access.js';
import type { Access } from '../../graphql/scopes.js';

/** Who reads remittances, the unmatched queue, denials and Claim.payments/adjustments: billers, admins, partner billing:read/billing:write. */
export const REMITTANCE_READERS: readonly Access[] = BILLING_READERS;
/** Who posts an 835: billers, admins, partner billing:write. */
export const REMITTANCE_WRITERS: readonly Access[] = BILLING_WRITERS;
