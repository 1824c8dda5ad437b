import { BILLING_READERS, BILLING_WRITERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import type { Access } from '../../graphql/scopes.js';

/** Who reads appeals and their letters: billers, admins, partner billing:read/billing:write (not the front desk). */
export const APPEAL_READERS: readonly Access[] = BILLING_READERS;
/** Who opens, submits, decides and withdraws appeals: billers, admins, partner billing:write. */
export const APPEAL_WRITERS: readonly Access[] = BILLING_WRITERS;
/**
 * Who reads and attaches an appeal's documents: billers and admins — the document users among the appeal
 * readers (partner clients get no documents).
 */
export const APPEAL_DOCUMENT_USERS: readonly Access[] = [Role.BILLER, Role.PRACTICE_ADMIN];
