import { Role } from '../../graphql/roles.js';
import { type Access, Scope, scope } from '../../graphql/scopes.js';
import { BILLING_READ_ROLES } from '../billing-access.js';

/**
 * Who reads superbills (and their PDF, and the nested Appointment.superbill and Patient.superbills):
 * the billing readers. The front desk builds superbills at check-out, so it writes them too, with billers,
 * admins and billing:write partner clients.
 */
export const SUPERBILL_READERS: readonly Access[] = BILLING_READ_ROLES;
export const SUPERBILL_WRITERS: readonly Access[] = [Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN, scope(Scope.BILLING_WRITE)];
