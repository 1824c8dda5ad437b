import type { Db } from '../../db/client.js';
import { compiledNode } from '../../db/compile/node-sql.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { type EdgesSplice, splicedConnection } from '../../graphql/compile/splice.js';
import { SQL_TYPES } from '../../graphql/compiled-types.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { presentSuperbill } from './superbill-present.js';
import type { SuperbillsArgs } from './superbill-query.js';
import { countSuperbills, keyOf, listSuperbillEdges, listSuperbills, listSuperbillTrees, type SuperbillKey } from './superbill-list.repo.js';
import type { SuperbillRow } from './superbill.repo.js';
import type { Superbill } from './superbill.type.js';

/** A superbill of the caller's practice, audited. @throws NOT_FOUND (also for another practice's) */
export function presentFound(audit: AuditTrail, id: string, row: SuperbillRow | null): Superbill {
  if (!row) throw notFound('Superbill', id);
  return presentSuperbill(audit, row);
}

function cursorKey(raw: unknown[] | null, path: string): SuperbillKey | null {
  if (raw === null) return null;
  const [dos, number, id] = raw;
  if (raw.length === 3 && typeof dos === 'string' && isValidLocalDate(dos) && Number.isSafeInteger(number) && isUuid(id)) return [dos, number as number, id];
  throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}

/**
 * One page of the practice's superbills, newest date of service first; every row read is audited.
 * @param wantCount - whether totalCount was selected
 * @param node - what was selected on each superbill: when the compiler serves it, the page, its nested
 *   reads and the count are one statement; otherwise the rows are mapped and nested fields use loaders
 * @param splice - when given, PostgreSQL writes the edges into the response (unless a required relation is missing)
 * @throws BAD_USER_INPUT for paging arguments, a forged cursor or a malformed id in the filter
 */
export async function listPage(db: Db, practiceId: string, audit: AuditTrail, args: SuperbillsArgs, wantCount: boolean, node: TreeSelection | null = null, splice: EdgesSplice | null = null): Promise<ConnectionShape<Superbill>> {
  const page = pageRequest(args);
  const cursor = cursorKey(page.cursor, page.forward ? 'after' : 'before');
  const f = args.filter ?? {};
  const bad = (['renderingProviderId', 'patientId', 'locationId'] as const).filter((k) => f[k] != null && !isUuid(f[k]));
  if (bad.length) throw badInput(bad.map((k) => ({ path: `filter.${k}`, message: 'is not an id issued by this API' })));
  if (f.from && f.to && f.from > f.to) throw badInput([{ path: 'filter.to', message: 'must not be before filter.from' }]);
  if (splice) {
    const read = await listSuperbillEdges(db, practiceId, f, page.limit, cursor, page.forward, wantCount, splice.edge, splice.carries);
    const spliced = splicedConnection<Superbill>(read, page, splice, audit, 'Superbill');
    if (spliced) return spliced;
  }
  const sel = node ?? { type: 'Superbill', fields: [] };
  const compiled = compiledNode(SQL_TYPES, sel);
  if (compiled) {
    const tree = await listSuperbillTrees(db, practiceId, f, page.limit, cursor, page.forward, wantCount, compiled, sel);
    return toConnection(tree.rows, page, (r) => r[0], ([, s]) => {
      audit.read('Superbill', s.id as string, s.patientId as string);
      return s as unknown as Superbill;
    }, tree.total);
  }
  const [rows, total] = await Promise.all([listSuperbills(db, practiceId, f, page.limit, cursor, page.forward), wantCount ? countSuperbills(db, practiceId, f) : Promise.resolve(null)]);
  return toConnection(rows, page, keyOf, (r) => presentSuperbill(audit, r), total);
}
