import { BILLING_READERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import type { Access } from '../../graphql/scopes.js';
import { BILLING_READ_ROLES } from '../billing-access.js';

/** Who reads ledger entries: billers and admins, and partner billing clients (billing:read, billing:write). */
export const LEDGER_READERS: readonly Access[] = BILLING_READERS;

/**
 * Who reads Patient.balance: the ledger readers and the front desk, which collects copays and payments
 * at the desk and must see what the patient owes (issue 13: patient payments are FRONT_DESK and BILLER).
 */
export const BALANCE_READERS: readonly Access[] = BILLING_READ_ROLES;

/** Who writes off and reverses entries: billers and admins only — a partner client does not forgive debt. */
export const LEDGER_WRITERS: readonly Access[] = [Role.BILLER, Role.PRACTICE_ADMIN];
