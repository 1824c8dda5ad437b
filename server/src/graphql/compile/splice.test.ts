import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../modules/audit/audit-trail.js';
import type { Principal } from '../auth.js';
import { pageRequest } from '../pagination.js';
import { MISSING } from './response-sql.js';
import { type EdgesSplice, placeSplices, type Splice, spliceBody, splicedConnection } from './splice.js';

const principal = { userId: 'u-1', practiceId: 'p-1', roles: ['BILLER'] } as unknown as Principal;

function splice(into: Splice[], audits: EdgesSplice['audits'] = []): EdgesSplice {
  return { edge: '', carries: [], audits, deliver: (json) => into.push({ path: ['list', 'edges'], json }) };
}

const reads = (audit: AuditTrail) => (audit as unknown as { reads: { entityType: string; entityId: string; patientId: string | null }[] }).reads.map((r) => `${r.entityType}:${r.entityId}:${r.patientId}`);

describe('splicing edges into a response body', () => {
  it('puts the edges where the executor left an empty list, and only there', () => {
    const splices: Splice[] = [{ path: ['list', 'edges'], json: '[{"node" : {"id" : "a"}}]' }];
    const data: Record<string, unknown> = { list: { edges: [], pageInfo: { hasNextPage: false } }, other: { edges: [] } };
    placeSplices(data, splices);
    const body = spliceBody(JSON.stringify({ data }), splices);
    expect(JSON.parse(body)).toEqual({ data: { list: { edges: [{ node: { id: 'a' } }], pageInfo: { hasNextPage: false } }, other: { edges: [] } } });
  });

  it('leaves a body alone when the field was nulled (an error, a failed audit flush), and never reads `$` patterns', () => {
    const splices: Splice[] = [{ path: ['list', 'edges'], json: '["$&$1"]' }];
    placeSplices({ list: null }, splices);
    placeSplices(null, splices);
    expect(spliceBody('{"data":{"list":null}}', splices)).toBe('{"data":{"list":null}}');
    const data = { list: { edges: [] } };
    placeSplices(data, splices);
    expect(JSON.parse(spliceBody(JSON.stringify(data), splices))).toEqual({ list: { edges: ['$&$1'] } });
  });

  it('audits each row in response order (backward pages reversed), then each presenter row by row, and empties the list the executor sees', () => {
    const into: Splice[] = [];
    const audit = new AuditTrail(principal, 'r-1', null);
    const read = { rows: [[['k3'], ['c3', 'p3', 'p3']], [['k2'], ['c2', 'p2', 'p2']], [['k1'], ['c1', 'p1', 'p1']]] as [unknown[], unknown[]][], edges: '[]', total: 9 };
    const page = pageRequest({ last: 2, before: Buffer.from('["k4"]').toString('base64url') });
    const c = splicedConnection(read, page, splice(into, [{ entity: 'Patient', idOf: 'patientId' }]), audit, 'Claim');
    expect(c!.edges).toEqual([]);
    expect(c!.totalCount).toBe(9);
    expect(c!.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true, startCursor: Buffer.from('["k2"]').toString('base64url'), endCursor: Buffer.from('["k3"]').toString('base64url') });
    expect(reads(audit)).toEqual(['Claim:c2:p2', 'Claim:c3:p3', 'Patient:p2:p2', 'Patient:p3:p3']);
    expect(into).toHaveLength(1);
  });

  it('gives the page back to the ordinary path when PostgreSQL marked a required relation missing: nothing audited or delivered', () => {
    const into: Splice[] = [];
    const audit = new AuditTrail(principal, 'r-1', null);
    const read = { rows: [[['k1'], ['c1', 'p1']]] as [unknown[], unknown[]][], edges: `[{"node" : {"location" : ${MISSING}}}]`, total: null };
    expect(splicedConnection(read, pageRequest({ first: 5 }), splice(into), audit, 'Superbill')).toBeNull();
    expect(reads(audit)).toEqual([]);
    expect(into).toEqual([]);
  });
});
