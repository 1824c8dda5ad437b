import { registerEnumType } from 'type-graphql';

/** Roles carried in the access token. Every root field and PHI field names the roles it allows. */
export enum Role {
  FRONT_DESK = 'FRONT_DESK',
  CLINICIAN = 'CLINICIAN',
  BILLER = 'BILLER',
  PRACTICE_ADMIN = 'PRACTICE_ADMIN',
  ANALYST = 'ANALYST',
  /** Marks a partner client's token (client-credentials grant); grants nothing by itself: access comes from its scopes. */
  PARTNER = 'PARTNER',
}

registerEnumType(Role, { name: 'Role', description: 'A role a user or machine client holds.' });

export const ALL_ROLES = Object.values(Role);

/**
 * Roles that work with identified patient data (everyone but ANALYST). PARTNER is not among them: it only
 * marks partner-client tokens, which reach fields through scopes (graphql/access.ts).
 */
export const PHI_ROLES = [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.PRACTICE_ADMIN];
