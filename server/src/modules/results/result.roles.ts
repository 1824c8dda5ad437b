import type { Access } from '../../graphql/scopes.js';
import { Role } from '../../graphql/roles.js';

/** Who reads result values and works the result queues: clinicians and practice admins. */
export const RESULT_READERS: readonly Access[] = [Role.CLINICIAN, Role.PRACTICE_ADMIN];

/** Who may see that a result arrived (no values): the front desk too. */
export const RESULT_NOTICE_READERS: readonly Access[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN];

/** Who reviews results: clinicians only. */
export const RESULT_REVIEWERS: readonly Access[] = [Role.CLINICIAN];
