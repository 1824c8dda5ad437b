import { Role } from './roles.js';
import { type Access, ALL_SCOPES, Scope, scope, scopeOf } from './scopes.js';

/**
 * Who may use what, in one place. A resolver writes `@Authorized(PATIENT_READERS)` and ends its
 * description with `accessText(PATIENT_READERS)`; granting a partner scope to a field is adding
 * `scope(Scope.X)` to its list. PARTNER is never listed: partner clients reach fields only through scopes.
 */

/** Every role of a user (PARTNER marks partner-client tokens and grants nothing by itself). */
export const USER_ROLES: readonly Role[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.PRACTICE_ADMIN, Role.ANALYST];

/** Staff who work with identified patient data (everyone but ANALYST). */
export const STAFF_PHI: readonly Role[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.PRACTICE_ADMIN];

/** Clinical and office free text (Patient.notes, appointment notes, reasons): the people caring for the patient. */
export const CLINICAL_TEXT_READERS: readonly Access[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN];

/** Reference data without PHI (locations, providers, payers): every user and every partner client but a lab interface (results:write only posts results). */
export const REFERENCE_READERS: readonly Access[] = [...USER_ROLES, ...ALL_SCOPES.filter((s) => s !== Scope.RESULTS_WRITE).map(scope)];

/** A patient and its demographics (Query.patient, Query.patients, and every nested path to a Patient). */
export const PATIENT_READERS: readonly Access[] = [...STAFF_PHI, scope(Scope.PATIENTS_READ_DEMOGRAPHICS)];

/** Phones, email and consents of a patient. */
export const PATIENT_CONTACT_READERS: readonly Access[] = [...STAFF_PHI, scope(Scope.PATIENTS_READ_CONTACT)];

/** Appointments (times, status, provider, location, type) and the scheduling configuration. */
export const SCHEDULE_READERS: readonly Access[] = [...STAFF_PHI, scope(Scope.SCHEDULING_READ)];

/** Coverages (member ids) and eligibility checks. */
export const COVERAGE_READERS: readonly Access[] = [
  ...STAFF_PHI,
  scope(Scope.ELIGIBILITY_READ),
  scope(Scope.ELIGIBILITY_WRITE),
  scope(Scope.BILLING_READ),
  scope(Scope.BILLING_WRITE),
];

/** Who runs eligibility checks. */
export const ELIGIBILITY_VERIFIERS: readonly Access[] = [Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN, scope(Scope.ELIGIBILITY_WRITE)];

/** Billing reads for the billing modules (codes, fee schedules, superbills, …). */
export const BILLING_READERS: readonly Access[] = [Role.BILLER, Role.PRACTICE_ADMIN, scope(Scope.BILLING_READ), scope(Scope.BILLING_WRITE)];

/** Billing writes for the billing modules. */
export const BILLING_WRITERS: readonly Access[] = [Role.BILLER, Role.PRACTICE_ADMIN, scope(Scope.BILLING_WRITE)];

/** De-identified analytics (aggregates only, small cells suppressed): analysts and practice admins. */
export const ANALYTICS_READERS: readonly Access[] = [Role.ANALYST, Role.PRACTICE_ADMIN];

/**
 * The sentence a guarded field's description ends with: "Roles: A, B. Scopes: x, y." ("Roles: all." for
 * every user role, "Scopes: all." for every scope, no Scopes part when no scope reaches it).
 * The roles test checks that each description says exactly its rule.
 */
export function accessText(rule: readonly string[]): string {
  const roles = rule.filter((r) => scopeOf(r) === null);
  const scopes = rule.map(scopeOf).filter((s): s is Scope => s !== null);
  const allRoles = USER_ROLES.every((r) => roles.includes(r)) && roles.length === USER_ROLES.length;
  const parts = [`Roles: ${allRoles ? 'all' : roles.join(', ')}.`];
  if (scopes.length > 0) parts.push(`Scopes: ${scopes.length === ALL_SCOPES.length ? 'all' : scopes.join(', ')}.`);
  return parts.join(' ');
}
