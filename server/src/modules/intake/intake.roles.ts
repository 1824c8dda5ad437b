import { Role } from '../../graphql/roles.js';
import type { Access } from '../../graphql/scopes.js';

/** Who reads forms, the patients' answers and an appointment's intake status: the front desk, clinicians and admins. */
export const INTAKE_READERS: readonly Access[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN];
/** Who defines and revises forms. */
export const INTAKE_AUTHORS: readonly Access[] = [Role.PRACTICE_ADMIN];
/** Who sends a form for an appointment. */
export const INTAKE_SENDERS: readonly Access[] = [Role.FRONT_DESK, Role.PRACTICE_ADMIN];
/** Who reviews answers (and applies demographics from them). */
export const INTAKE_REVIEWERS: readonly Access[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN];
/** Who may apply a review's INSURANCE answers to the coverage: reviewers who may also write coverages. */
export const INTAKE_COVERAGE_APPLIERS: readonly Access[] = [Role.FRONT_DESK, Role.PRACTICE_ADMIN];
