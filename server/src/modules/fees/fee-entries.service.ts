import type { Db } from '../../db/client.js';
import { badInput } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import { toFeeEntry } from './fee.mapper.js';
import { pageEntries } from './fee.repo.js';
import type { FeeScheduleEntry } from './fee.type.js';

/**
 * One keyset page of a schedule's entries (forward paging only). One SQL statement.
 * @throws BAD_USER_INPUT for backward paging or a cursor not issued by this connection
 */
export async function feeEntriesPage(db: Db, practiceId: string, scheduleId: string, args: { code?: string | null; first?: number | null; after?: string | null }): Promise<ConnectionShape<FeeScheduleEntry>> {
  const page = pageRequest({ first: args.first, after: args.after }, 100);
  const c = page.cursor;
  const valid = c === null || (c.length === 4 && c.slice(0, 3).every((v) => typeof v === 'string') && isValidLocalDate(c[2] as string) && isUuid(c[3]));
  if (!valid) throw badInput([{ path: 'after', message: 'is not a cursor issued by this connection' }]);
  const rows = await pageEntries(db, practiceId, scheduleId, args.code?.toUpperCase() ?? null, c as [string, string, string, string] | null, page.limit + 1);
  return toConnection(rows, page, (r) => [r.code, r.modifiers, r.effectiveFrom, r.id], toFeeEntry);
}
