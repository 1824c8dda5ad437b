import { Role } from './roles.js';

/**
 * OAuth scopes a partner client may be granted (RFC 6749 scope tokens). A partner client's token carries
 * some of these instead of roles; a field reaches it only when its `@Authorized` list names the scope
 * with `scope(...)`. The role × field and scope × field matrices are in the README.
 */
export enum Scope {
  /** Patient name, date of birth, sex, address, MRN, status; never notes, contacts or appointments. */
  PATIENTS_READ_DEMOGRAPHICS = 'patients:read-demographics',
  /** Patient phones, email and communication consents (with patients:read-demographics to reach a patient). */
  PATIENTS_READ_CONTACT = 'patients:read-contact',
  /** Appointment times, status, provider, location and type; appointment types, availability and slots; no clinical free text. */
  SCHEDULING_READ = 'scheduling:read',
  /** Coverages (member ids) and eligibility checks. */
  ELIGIBILITY_READ = 'eligibility:read',
  /** Runs eligibility checks, and reads the coverages and checks it needs for that. */
  ELIGIBILITY_WRITE = 'eligibility:write',
  /** Billing data (coverages, payers, and the billing modules' reads). */
  BILLING_READ = 'billing:read',
  /** Billing writes (the billing modules' mutations); also reads what billing:read reads. */
  BILLING_WRITE = 'billing:write',
  /** A reminder sender: due reminders and marking them sent. */
  REMINDERS_SEND = 'reminders:send',
  /** A lab interface: posts results to /results/hl7 and /results/fhir, and reaches nothing else (not even reference data). */
  RESULTS_WRITE = 'results:write',
}

export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);

const PREFIX = 'scope:';

/** An `@Authorized` entry naming a scope: `@Authorized([Role.BILLER, scope(Scope.BILLING_READ)])`. */
export type ScopeRule = `scope:${Scope}`;

/** What `@Authorized` lists: roles of users and scopes of partner clients. */
export type Access = Role | ScopeRule;

/** The `@Authorized` entry granting a field to partner clients holding `s`. */
export function scope(s: Scope | `${Scope}`): ScopeRule {
  return `${PREFIX}${s}` as ScopeRule;
}

/** The scope an `@Authorized` entry names, or null when it names a role. */
export function scopeOf(entry: string): Scope | null {
  return entry.startsWith(PREFIX) ? (entry.slice(PREFIX.length) as Scope) : null;
}

/** Parses an OAuth `scope` string (space-separated); unknown tokens are returned separately. */
export function parseScopes(value: string): { known: Scope[]; unknown: string[] } {
  const tokens = [...new Set(value.split(' ').filter(Boolean))];
  return {
    known: tokens.filter((t): t is Scope => (ALL_SCOPES as string[]).includes(t)),
    unknown: tokens.filter((t) => !(ALL_SCOPES as string[]).includes(t)),
  };
}
