import { and, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { keysetAfter, keysetOrder, pageOrder } from '../keyset.js';
import { claims } from '../schema/claims.js';
import { locations } from '../schema/locations.js';
import type { CompiledNode } from './node-sql.js';
import { type PageSource, pageQuery, pageStatement, tableRows } from './tree-page.js';
import type { TreeSelection } from './tree-selection.js';

const dialect = new PgDialect({ casing: 'snake_case' });

// A node with one bound argument (a list's filter), as the compiler makes them.
const node: CompiledNode = { parts: ["json_build_object('id', t0.id, 'lines', (select json_agg(l.code) from lines l where l.claim_id = t0.id and l.code = ", { arg: ['lines', 'code'] }, '))'], columns: {} };
const selOf = (code: string | null): TreeSelection => ({ type: 'Claim', fields: [{ name: 'lines', resolved: false, args: { code }, ambiguous: false, below: null }] });

const KEYS = [claims.dateOfService, claims.number, claims.id];
interface Q {
  practiceId: string;
  status?: string[];
  from?: string;
  submittedTo?: Date;
  cursor?: [string, number, string];
  count?: boolean;
  owner?: string;
}
/** A claims-page-like source: filters that come and go, a keyset cursor, a count and an owner check. */
function source(q: Q): PageSource {
  const where: SQL[] = [eq(claims.practiceId, q.practiceId)];
  if (q.status) where.push(inArray(claims.status, q.status));
  if (q.from) where.push(gte(claims.dateOfService, q.from));
  if (q.submittedTo) where.push(lt(claims.submittedAt, q.submittedTo));
  const order = pageOrder('DESC', true);
  const paged = [...where];
  if (q.cursor) paged.push(keysetAfter(KEYS, q.cursor, order));
  return {
    rows: tableRows(claims, and(...paged), keysetOrder(KEYS, order), 26),
    keys: ['date_of_service', 'number', 'id'].map((column) => ({ column, descending: true })),
    count: q.count ? sql`select count(*)::int from ${claims} where ${and(...where)}` : null,
    ...(q.owner ? { exists: sql`select exists (select 1 from ${locations} where ${eq(locations.id, q.owner)})` } : {}),
  };
}

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';

describe('page statements', () => {
  const cases: [string, Q, string | null][] = [
    ['no filter', { practiceId: P1 }, null],
    ['filters, cursor, count and owner', { practiceId: P1, status: ['DRAFT', 'SUBMITTED'], from: '2026-01-01', submittedTo: new Date('2026-03-01T00:00:00Z'), cursor: ['2026-02-01', 7, P2], count: true, owner: P2 }, 'A1'],
  ];
  it.each(cases)('renders exactly what drizzle renders (%s)', (_, q, code) => {
    const reference = dialect.sqlToQuery(pageStatement(source(q), node, selOf(code)));
    const fast = pageQuery(dialect, source(q), node, selOf(code))!;
    expect(fast.text).toBe(reference.sql);
    expect(fast.params).toEqual(reference.params);
  });

  it('gives the same text for the same shape and different values only as parameters', () => {
    const a = pageQuery(dialect, source({ practiceId: P1, status: ['DRAFT'], from: '2026-01-01', cursor: ['2026-02-01', 7, P2], count: true }), node, selOf('A1'))!;
    const b = pageQuery(dialect, source({ practiceId: P2, status: ['PAID'], from: '2025-06-30', cursor: ['2025-12-31', 99, P1], count: true }), node, selOf('B2'))!;
    expect(b.text).toBe(a.text);
    expect(a.text).not.toContain(P1);
    expect(a.text).not.toContain('2026');
    expect(a.params).not.toEqual(b.params);
    expect(a.params.length).toBe(b.params.length);
    expect(a.params[0]).toBe('A1');
    expect(b.params[0]).toBe('B2');
  });

  it('changes the text when a filter comes or goes', () => {
    const plain = pageQuery(dialect, source({ practiceId: P1 }), node, selOf(null))!;
    const filtered = pageQuery(dialect, source({ practiceId: P1, from: '2026-01-01' }), node, selOf(null))!;
    expect(filtered.text).not.toBe(plain.text);
    expect(filtered.params).toEqual([null, P1, '2026-01-01', 26]);
  });

  it('leaves SQL it does not know to drizzle', () => {
    const s = source({ practiceId: P1 });
    expect(pageQuery(dialect, { ...s, rows: sql`select * from ${claims} where ${claims.id} = ${sql.placeholder('id')}` }, node, selOf(null))).toBeNull();
    expect(pageQuery(dialect, { ...s, rows: sql`select * from ${claims} limit ${5}`.inlineParams() }, node, selOf(null))).toBeNull();
  });
});
