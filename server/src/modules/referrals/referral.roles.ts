import type { Access } from '../../graphql/scopes.js';
import { Role } from '../../graphql/roles.js';

/** Who writes referrals: the front desk and clinicians (closing an outgoing one takes a CLINICIAN: the service checks). */
export const REFERRAL_WRITERS: readonly Access[] = [Role.FRONT_DESK, Role.CLINICIAN];

/** Who maintains the directory of outside providers. */
export const DIRECTORY_WRITERS: readonly Access[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN];
