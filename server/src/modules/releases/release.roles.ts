import { Role } from '../../graphql/roles.js';
import type { Access } from '../../graphql/scopes.js';

/** Who reads release requests and the accounting of disclosures: the front desk, clinicians and admins (never billers, analysts or partner clients). */
export const RELEASE_READERS: readonly Access[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN];
/** Who records a request, and who sends an approved package: the front desk and admins. */
export const RELEASE_CLERKS: readonly Access[] = [Role.FRONT_DESK, Role.PRACTICE_ADMIN];
/** Who approves or denies a request (checks the authorization): practice admins. */
export const RELEASE_APPROVERS: readonly Access[] = [Role.PRACTICE_ADMIN];
