import type { Db } from '../../db/client.js';
import { badInput } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { countEntries, keyOf, type LedgerKey, listEntries } from './ledger-list.repo.js';
import type { LedgerEntriesArgs } from './ledger.inputs.js';
import { presentEntry } from './ledger.mapper.js';
import type { LedgerEntry } from './ledger.type.js';

function cursorKey(raw: unknown[] | null, path: string): LedgerKey | null {
  if (raw === null) return null;
  const [date, number] = raw;
  if (raw.length === 2 && typeof date === 'string' && isValidLocalDate(date) && Number.isSafeInteger(number)) return [date, number as number];
  throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}

/**
 * One page of the practice's ledger entries, newest effective date first; every entry read is audited.
 * @param wantCount - whether totalCount was selected (one more statement)
 * @throws BAD_USER_INPUT for paging arguments, a forged cursor, a malformed id or a reversed date range
 */
export async function ledgerPage(db: Db, practiceId: string, audit: AuditTrail, args: LedgerEntriesArgs, wantCount: boolean): Promise<ConnectionShape<LedgerEntry>> {
  const page = pageRequest(args);
  const cursor = cursorKey(page.cursor, page.forward ? 'after' : 'before');
  const f = args.filter ?? {};
  const bad = (['patientId', 'claimId'] as const).filter((k) => f[k] != null && !isUuid(f[k]));
  if (bad.length) throw badInput(bad.map((k) => ({ path: `filter.${k}`, message: 'is not an id issued by this API' })));
  if (f.from && f.to && f.from > f.to) throw badInput([{ path: 'filter.to', message: 'must not be before filter.from' }]);
  const [rows, total] = await Promise.all([listEntries(db, practiceId, f, page.limit, cursor, page.forward), wantCount ? countEntries(db, practiceId, f) : Promise.resolve(null)]);
  return toConnection(rows, page, keyOf, (r) => presentEntry(audit, r), total);
}
