import type { Db } from '../../db/client.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { type AppealKey, appealKeyOf, type AppealRow, countAppeals, listAppeals } from './appeal.repo.js';
import { presentAppeal } from './appeal.service.js';
import type { Appeal, AppealsArgs } from './appeal.type.js';

/** An appeal of the caller's practice, audited. @throws NOT_FOUND (also for another practice's) */
export function presentFoundAppeal(audit: AuditTrail, id: string, row: AppealRow | null): Appeal {
  if (!row) throw notFound('Appeal', id);
  return presentAppeal(audit, row);
}

function appealCursor(raw: unknown[] | null, path: string): AppealKey | null {
  if (raw === null) return null;
  const [deadline, n] = raw;
  if (raw.length === 2 && typeof deadline === 'string' && isValidLocalDate(deadline) && Number.isSafeInteger(n)) return [deadline, n as number];
  throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}

/**
 * One page of the practice's appeals, soonest deadline first (two statements: the page and, when asked,
 * the count); every row read is audited.
 * @throws BAD_USER_INPUT for paging arguments, a forged cursor or a malformed id
 */
export async function appealsPage(db: Db, practiceId: string, audit: AuditTrail, args: AppealsArgs, wantCount: boolean): Promise<ConnectionShape<Appeal>> {
  const page = pageRequest(args);
  const cursor = appealCursor(page.cursor, page.forward ? 'after' : 'before');
  const f = args.filter ?? {};
  const bad = (['claimId', 'payerId', 'patientId'] as const).filter((k) => f[k] != null && !isUuid(f[k]));
  if (bad.length) throw badInput(bad.map((k) => ({ path: `filter.${k}`, message: 'is not an id issued by this API' })));
  const q = { status: f.status, claimId: f.claimId, payerId: f.payerId, patientId: f.patientId, deadlineBy: f.deadlineBy };
  const [rows, total] = await Promise.all([listAppeals(db, practiceId, q, page.limit, cursor, page.forward), wantCount ? countAppeals(db, practiceId, q) : Promise.resolve(null)]);
  return toConnection(rows, page, appealKeyOf, (r) => presentAppeal(audit, r), total);
}
