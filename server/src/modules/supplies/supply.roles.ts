import { Role } from '../../graphql/roles.js';

/**
 * Who works with supplies, in one place. Supplies carry no PHI, but they are the office's own business:
 * billers, analysts and partner clients reach none of it.
 */
/** Manage the catalog, suppliers, levels, transfers, disposals and purchase orders. */
export const SUPPLY_MANAGERS = [Role.FRONT_DESK, Role.PRACTICE_ADMIN];
/** See items, stock, movements and expiring lots; consume and count. */
export const SUPPLY_USERS = [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN];
