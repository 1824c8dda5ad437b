import { Role } from '../graphql/roles.js';

/**
 * Who may use billing setup, in one place so partner-client scopes can be mapped onto them
 * (billing:read → BILLING_READ_ROLES, billing:write → FEE_SCHEDULE_WRITE_ROLES).
 */
/** Read code sets, fee schedules, fees and the billing profile. */
export const BILLING_READ_ROLES = [Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN];
/** Write fee schedules (entries, CSV import). */
export const BILLING_WRITE_ROLES = [Role.BILLER, Role.PRACTICE_ADMIN];
/** Write the billing profile, service facilities and whether a provider bills under the group. */
export const BILLING_ADMIN_ROLES = [Role.PRACTICE_ADMIN];
