import type { Access } from '../graphql/scopes.js';
import { Scope, scope } from '../graphql/scopes.js';
import { Role } from '../graphql/roles.js';

/**
 * Who may use the billing modules, in one place (see graphql/access.ts for the other groups). Partner
 * billing clients reach them through scopes: billing:read reads, billing:write also writes.
 */
/** Read code sets, fee schedules, fees, the billing profile and superbills. */
export const BILLING_READ_ROLES: readonly Access[] = [Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN, scope(Scope.BILLING_READ), scope(Scope.BILLING_WRITE)];
/** Write fee schedules (entries, CSV import). */
export const BILLING_WRITE_ROLES: readonly Access[] = [Role.BILLER, Role.PRACTICE_ADMIN, scope(Scope.BILLING_WRITE)];
/** Write the billing profile, service facilities and whether a provider bills under the group. */
export const BILLING_ADMIN_ROLES: readonly Access[] = [Role.PRACTICE_ADMIN];
