import type { Db } from '../../db/client.js';
import { badInput } from '../../graphql/errors.js';
import { type ConnectionShape, encodeCursor, pageRequest } from '../../graphql/pagination.js';
import { type CodeHitRow, type CodeSearch, searchDiagnoses, searchProcedures } from './code-search.repo.js';
import { displayCode, normalizeCode } from './code.rules.js';
import type { BillingCode, CodeSource } from './code.type.js';

interface SearchArgs {
  search: string;
  dateOfService: string;
  first?: number | null;
  after?: string | null;
}

/** Validates the search and page arguments; cursors are offsets into the ranked result. */
function toSearch(args: SearchArgs): CodeSearch {
  const page = pageRequest({ first: args.first ?? 20, after: args.after }, 20);
  const offset = page.cursor ? page.cursor[0] : 0;
  if (!Number.isSafeInteger(offset) || (offset as number) < 0) throw badInput([{ path: 'after', message: 'is not a cursor issued by this connection' }]);
  const words = args.search.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!words) throw badInput([{ path: 'search', message: 'must not be blank' }]);
  const asCode = normalizeCode(words);
  return { words, prefix: /^[A-Z0-9]{1,7}$/.test(asCode) ? asCode : null, date: args.dateOfService, limit: page.limit + 1, offset: offset as number };
}

function toConnection(rows: CodeHitRow[], s: CodeSearch, kind: 'DIAGNOSIS' | 'PROCEDURE'): ConnectionShape<BillingCode> {
  const limit = s.limit - 1;
  const edges = rows.slice(0, limit).map((r, i) => ({
    cursor: encodeCursor([s.offset + i + 1]),
    node: { code: displayCode(kind, r.code), description: r.description, shortDescription: r.shortDescription, billable: r.billable, source: r.source as CodeSource },
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: s.offset > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: null,
  };
}

/**
 * Typo-tolerant ICD-10-CM search in the release in force on the date of service, ranked: exact code,
 * code prefix, then word similarity. One SQL statement.
 * @throws BAD_USER_INPUT for a blank search or a bad page argument
 */
export async function diagnosisCodes(db: Db, args: SearchArgs): Promise<ConnectionShape<BillingCode>> {
  const s = toSearch(args);
  return toConnection(await searchDiagnoses(db, s), s, 'DIAGNOSIS');
}

/**
 * Procedure search for a practice: HCPCS Level II in force, its licensed CPT import, its charge-master
 * labels of CPT codes; ranked like diagnosisCodes. One SQL statement.
 * @throws BAD_USER_INPUT for a blank search or a bad page argument
 */
export async function procedureCodes(db: Db, practiceId: string, args: SearchArgs): Promise<ConnectionShape<BillingCode>> {
  const s = toSearch(args);
  return toConnection(await searchProcedures(db, practiceId, s), s, 'PROCEDURE');
}
