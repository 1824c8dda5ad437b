import { badInput } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { toClaim } from './claim.mapper.js';
import type { ClaimRow } from './claim.repo.js';
import type { Claim } from './claim.type.js';

/** Records the read (a claim is patient data) and maps the row. */
export function presentClaim(audit: AuditTrail, row: ClaimRow): Claim {
  audit.read('Claim', row.id, row.patientId);
  return toClaim(row);
}

/** A claim that is not in a status allowing the change. */
export const wrongClaimStatus = (id: string, status: string, what: string) => badInput([{ path: 'input.id', message: `claim ${id} is ${status} and cannot be ${what}` }]);
