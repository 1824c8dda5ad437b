import type { Access } from '../../graphql/scopes.js';
import { Role } from '../../graphql/roles.js';

/** Who places orders: clinicians. */
export const ORDER_PLACERS: readonly Access[] = [Role.CLINICIAN];

/** Who moves orders along (schedules, records collection, results): the staff who track them. Reviewing a result takes a CLINICIAN (the service checks). */
export const ORDER_TRACKERS: readonly Access[] = [Role.FRONT_DESK, Role.CLINICIAN];
