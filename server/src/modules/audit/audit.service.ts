import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { isUuid } from '../../lib/uuid.js';
import { toAuditEvent } from './audit.mapper.js';
import { type AuditFilter, findAuditEvents } from './audit.repo.js';
import type { AuditEvent } from './audit-event.type.js';

const EMPTY: ConnectionShape<AuditEvent> = {
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount: null,
};

function afterKey(cursor: unknown[] | null): [string, number] | null {
  if (!cursor) return null;
  const [at, id] = cursor;
  if (cursor.length === 2 && typeof at === 'string' && !Number.isNaN(Date.parse(at)) && Number.isSafeInteger(id)) return [at, id as number];
  throw badInput([{ path: 'after', message: 'is not a cursor issued by this connection' }]);
}

/**
 * The caller's practice's audit trail, newest first.
 * @param filter - optional patient, user and [from, to) time window
 * @param page - forward paging only (first/after)
 * @returns a connection of events; a patient id that is malformed or of another practice matches nothing
 * @throws BAD_USER_INPUT for a cursor this connection did not issue
 */
export async function listAuditEvents(db: Db, principal: Principal, filter: AuditFilter, page: PageRequest): Promise<ConnectionShape<AuditEvent>> {
  const after = afterKey(page.cursor);
  if (filter.patientId && !isUuid(filter.patientId)) return EMPTY;
  const rows = await findAuditEvents(db, principal.practiceId, filter, page.limit, after);
  return toConnection(rows, page, (r) => r.key, (r) => toAuditEvent(r.row), null);
}
