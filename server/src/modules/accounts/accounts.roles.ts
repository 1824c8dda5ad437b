import { BILLING_READERS, BILLING_WRITERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import type { Access } from '../../graphql/scopes.js';

/** Who records patient payments: the front desk (collects at the desk) and billers (issue 13). */
export const PAYMENT_TAKERS: readonly Access[] = [Role.FRONT_DESK, Role.BILLER];

/** Who gives money back: billers and admins — a refund moves money out of the practice (like a write-off). */
export const REFUNDERS: readonly Access[] = [Role.BILLER, Role.PRACTICE_ADMIN];

/** Who reads payments and their receipts: whoever takes or refunds them. */
export const PAYMENT_READERS: readonly Access[] = [Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN];

/** Who reads the A/R aging (and, later, statements and plans): billers and admins. */
export const AR_READERS: readonly Access[] = [Role.BILLER, Role.PRACTICE_ADMIN];

/**
 * Who reads patient statements and payment plans (issue 13: BILLER, PRACTICE_ADMIN; the front desk reads
 * Patient.balance instead), and partner billing services (billing:read, billing:write), as for every billing read.
 */
export const STATEMENT_READERS: readonly Access[] = BILLING_READERS;

/** Who generates statements and creates or cancels payment plans: billers, admins and partner billing:write, as for every billing write. */
export const STATEMENT_WRITERS: readonly Access[] = BILLING_WRITERS;
