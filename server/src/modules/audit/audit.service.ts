import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import { isUuid } from '../../lib/uuid.js';
import { toAuditEvent } from './audit.mapper.js';
import type { AuditTrail } from './audit-trail.js';
import { type AuditEventKey, type AuditFilter, findAuditEvents } from './audit.repo.js';
import type { AuditEvent } from './audit-event.type.js';

const EMPTY: ConnectionShape<AuditEvent> = {
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount: null,
};

const isPositiveInteger = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/** The instant text the repository issues (microseconds, UTC), and a real calendar instant. */
const isInstantKey = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v) && new Date(v).toISOString().slice(0, 23) === v.slice(0, 23);

function cursorKey(cursor: unknown[] | null, path: 'after' | 'before'): AuditEventKey | null {
  if (!cursor) return null;
  const [at, batchId, ordinal] = cursor;
  if (cursor.length === 3 && isInstantKey(at) && isPositiveInteger(batchId) && isPositiveInteger(ordinal)) {
    return [at, batchId, ordinal];
  }
  throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}

/**
 * The caller's practice's audit trail, one event per audited entity, newest first. Reading it is itself
 * recorded: one AuditTrail read (the practice's id, never the filter) in the request's audit batch.
 * @param filter - optional patient, user and [from, to) time window
 * @param page - first/after going forward (older events), last/before going backward (newer events)
 * @returns a connection of events; a patient id that is malformed or of another practice matches nothing
 * @throws BAD_USER_INPUT for a cursor this connection did not issue
 */
export async function listAuditEvents(db: Db, principal: Principal, audit: AuditTrail, filter: AuditFilter, page: PageRequest): Promise<ConnectionShape<AuditEvent>> {
  const cursor = cursorKey(page.cursor, page.forward ? 'after' : 'before');
  audit.read('AuditTrail', principal.practiceId);
  if (filter.patientId && !isUuid(filter.patientId)) return EMPTY;
  const rows = await findAuditEvents(db, principal.practiceId, filter, page.limit, cursor, page.forward);
  return toConnection(rows, page, (r) => r.key, (r) => toAuditEvent(r.row), null);
}
