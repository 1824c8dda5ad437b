import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { toReferral } from './referral.mapper.js';
import * as repo from './referral.repo.js';
import type { Referral } from './referral.type.js';

/**
 * One referral; the read is audited.
 * @throws NOT_FOUND (also another practice's)
 */
export async function findReferral(db: Db, principal: Principal, audit: AuditTrail, id: string): Promise<Referral> {
  const [row] = isUuid(id) ? await repo.findReferralsByIds(db, principal.practiceId, [id]) : [];
  if (!row) throw notFound('Referral', id);
  audit.read('Referral', row.id, row.patientId);
  return toReferral(row);
}

export type ReferralListName = 'awaitingScheduling' | 'awaitingReport' | 'authorizationsExpiring' | 'all';

/**
 * A page of a referral work list, oldest (or soonest expiring) first, page and count in parallel, each read
 * audited: a fixed number of statements whatever the page size.
 * @throws BAD_USER_INPUT for a foreign cursor or negative days
 */
export async function listReferrals(db: Db, principal: Principal, audit: AuditTrail, build: (lists: ReturnType<typeof repo.referralLists>) => repo.ReferralList, page: PageRequest, withCount: boolean): Promise<ConnectionShape<Referral>> {
  const c = page.cursor;
  if (c && !(c.length === 2 && typeof c[0] === 'string' && isValidLocalDate(c[0]) && typeof c[1] === 'string' && isUuid(c[1]))) throw badInput([{ path: page.forward ? 'after' : 'before', message: 'is not a cursor issued by this connection' }]);
  const p = principal.practiceId;
  const list = build(repo.referralLists(p));
  const [rows, total] = await Promise.all([repo.findReferralPage(db, p, list, page.limit, c, page.forward), withCount ? repo.countReferrals(db, list) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => r.keys, (r) => {
    audit.read('Referral', r.id, r.patientId);
    return toReferral(r);
  }, total);
}

/** @throws BAD_USER_INPUT when a day count is negative or over ten years */
export function checkDays(value: number, path: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 3650) throw badInput([{ path, message: 'must be a whole number of days from 0 to 3650' }]);
  return value;
}
