import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../server/src/db/client.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { build835 } from '../../../server/src/x12/x12-835-writer.js';
import { acceptedClaim, post835, remittanceWorld, type RemittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The remittances page is read by the selection compiler (one statement for the page, its claims, lines
// and adjustments); `remittance(id)` still maps rows and loads nested fields. Both must answer the same.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const ADJ = 'group reasonCode reasonDescription amount quantity';
const EVERY_FIELD = `id status traceNumber tracePayerId payerName payerIdentifier payeeNpi total handlingCode paymentMethod paymentDate productionDate
  interchangeControlNumber transactionControlNumber issues { kind code message claimIndex lineNumber } postedBy postedAt
  providerAdjustments { providerIdentifier fiscalPeriodDate reasonCode reference amount }
  claims { id remittanceId claimIndex claimId candidateClaimId outcome unmatchedReason reversed patientAccountNumber payerClaimNumber statusCode charge paid
    patientResponsibility claimFilingIndicator remarkCodes receivedAt adjustments { ${ADJ} } claim { id status } remittance { id }
    lines { id lineNumber claimLinePosition procedureCode modifiers charge paid allowed units serviceDate lineItemControlNumber remarkCodes adjustments { ${ADJ} } } }`;
/** What the bench's remittances page shows. */
const PAGE_FIELDS = `id status payerName paymentDate total traceNumber postedAt
  claims { id claimIndex patientAccountNumber statusCode outcome charge paid patientResponsibility adjustments { group reasonCode amount }
    lines { lineNumber procedureCode charge paid adjustments { group reasonCode amount } } }`;
const page = (fields: string, args = 'first: 50') => `query CompiledRemittances { remittances(${args}) { totalCount edges { cursor node { ${fields} } } } }`;
const one = (fields: string) => `query OldPath($id: ID!) { remittance(id: $id) { ${fields} } }`;

type Node = Record<string, any> & { id: string };

/**
 * A practice with 5 remittances in every shape the mapper handles: one file of every simulator rule
 * (CO-45 with PR-2 on a line, a denial with RARCs, a partial), a reversal with its correction and PLB FB,
 * a duplicate claim in the unmatched queue, and a refused (unbalanced) file with its issues.
 */
async function world(): Promise<{ w: RemittanceWorld; ids: string[] }> {
  const w = await remittanceWorld(server);
  const byRule = [];
  for (const digit of ['1', '3', '5', '6', '7']) byRule.push(await acceptedClaim(w, digit));
  const ids: string[] = [];
  const posted = async (x12: string, key: string) => {
    const res = await post835(w, x12, key);
    expect(res.errors).toBeUndefined();
    ids.push(res.data!.postRemittance.remittance.id);
  };
  await posted(simulated835(byRule.map((c) => submittedOf(c))).x12, 'page-all-rules');
  await posted(simulated835([submittedOf(byRule[4]!, true)]).x12, 'page-reversal');
  await posted(simulated835([submittedOf(byRule[0]!, true)]).x12, 'page-duplicate');
  const { remittance } = simulated835([submittedOf(await acceptedClaim(w, '1'))]);
  const unbalanced = { ...remittance, claims: remittance.claims.map((x) => ({ ...x, paidCents: x.paidCents + 100 })) };
  const refused = await post835(w, build835(unbalanced, { senderId: 'SIMCH', receiverId: 'MEDOFFICE', usage: 'T' }, 778, new Date('2026-03-20T12:00:00Z')), 'page-refused');
  ids.push(refused.errors![0]!.extensions.remittanceId as string);
  await posted(simulated835([submittedOf(await acceptedClaim(w, '0'))]).x12, 'page-paid');
  // The first request of a practice also checks that the practice exists (then cached): warm it.
  await server.gql(w.biller, '{ remittances(first: 1) { totalCount } }');
  return { w, ids };
}

describe('the compiled remittances page', () => {
  let w: RemittanceWorld;
  let ids: string[];
  beforeAll(async () => {
    ({ w, ids } = await world());
  });

  it('answers every field exactly as the mapped and loaded remittance(id) does', async () => {
    const res = await server.gql(w.biller, page(EVERY_FIELD));
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.remittances.edges.map((e: { node: Node }) => e.node) as Node[];
    expect(nodes.map((n) => n.id)).toEqual([...ids].reverse());
    expect(res.data!.remittances.totalCount).toBe(5);
    for (const node of nodes) {
      const old = await server.gql(w.biller, one(EVERY_FIELD), { id: node.id });
      expect(old.errors).toBeUndefined();
      expect(node).toEqual(old.data!.remittance);
    }
    // Spot checks, so equality above is not equality of two wrong answers.
    const [allRules, reversal, duplicate, refused] = ids.map((id) => nodes.find((n) => n.id === id)!);
    expect(allRules!.claims.map((c: Node) => [c.claimIndex, c.outcome, c.statusCode, c.reversed])).toEqual([
      [0, 'POSTED', '1', false], [1, 'POSTED', '1', false], [2, 'POSTED', '4', false], [3, 'POSTED', '1', false], [4, 'POSTED', '1', true],
    ]);
    // Coinsurance: CO-45 then PR-2 on each line, in file order.
    expect(allRules!.claims[1].lines[0].adjustments.map((a: Node) => [a.group, a.reasonCode])).toEqual([['CO', '45'], ['PR', '2']]);
    expect(allRules!.claims[2].lines[0].remarkCodes).toEqual(['M62']);
    expect(reversal!.claims.map((c: Node) => [c.outcome, c.statusCode])).toEqual([['REVERSAL', '22'], ['POSTED', '1']]);
    expect(reversal!.providerAdjustments.map((p: Node) => p.reasonCode)).toEqual(['FB']);
    expect(duplicate!.claims.map((c: Node) => [c.outcome, c.unmatchedReason, c.claim])).toEqual([['UNMATCHED', 'ALREADY_ADJUDICATED', null]]);
    expect(duplicate!.claims[0].candidateClaimId).toBeTruthy();
    expect(refused!).toMatchObject({ status: 'REFUSED', claims: [] });
    expect(refused!.issues.map((i: Node) => i.code).sort()).toEqual(['CLAIM', 'CLAIM_LINES', 'PAYMENT']);
  });

  it('keeps CAS adjustments in file order after their rows move on disk, on the page and in remittance(id)', async () => {
    const lineAdjustments = `id claims { lines { id adjustments { group reasonCode } } adjustments { group reasonCode } }`;
    const before = await server.gql(w.biller, one(lineAdjustments), { id: ids[0] });
    const line = before.data!.remittance.claims[1].lines[0];
    expect(line.adjustments).toEqual([{ group: 'CO', reasonCode: '45' }, { group: 'PR', reasonCode: '2' }]);
    // A no-op update writes a new version of the row after the others: physical (ctid) order is now PR-2, CO-45.
    await server.database.db.execute(sql`update remittance_adjustments set amount_cents = amount_cents where remittance_line_id = ${line.id} and group_code = 'CO'`);
    const moved = rowsOf<{ group_code: string }>(await server.database.db.execute(sql`select group_code from remittance_adjustments where remittance_line_id = ${line.id} order by ctid`));
    expect(moved.map((r) => r.group_code)).toEqual(['PR', 'CO']);
    const after = await server.gql(w.biller, one(lineAdjustments), { id: ids[0] });
    expect(after.data!.remittance).toEqual(before.data!.remittance);
    const paged = await server.gql(w.biller, page(lineAdjustments));
    expect(paged.data!.remittances.edges.find((e: { node: Node }) => e.node.id === ids[0]).node).toEqual(before.data!.remittance);
  });

  it('a page with claims, lines and adjustments is one statement plus the audit flush, whatever its length, forward and backward', async () => {
    const small = await server.gql(w.biller, page(PAGE_FIELDS, 'first: 2'));
    const large = await server.gql(w.biller, page(PAGE_FIELDS));
    expect(large.errors).toBeUndefined();
    expect(large.data!.remittances.edges).toHaveLength(5);
    expect(small.extensions?.stats?.sqlStatements).toBe(2);
    expect(large.extensions?.stats?.sqlStatements).toBe(2);
    const cursor = large.data!.remittances.edges[4].cursor;
    const back = await server.gql(w.biller, page(PAGE_FIELDS, `last: 3, before: "${cursor}"`));
    expect(back.extensions?.stats?.sqlStatements).toBe(2);
    expect(back.data!.remittances.edges).toEqual(large.data!.remittances.edges.slice(1, 4));
    // Forward from a compiled cursor: the next page starts right after it.
    const after = await server.gql(w.biller, page(PAGE_FIELDS, `first: 2, after: "${large.data!.remittances.edges[1].cursor}"`));
    expect(after.data!.remittances.edges).toEqual(large.data!.remittances.edges.slice(2, 4));
  });

  it('records the same audit entries as the loaders did: each CLP with its patient, in page and file order', async () => {
    const res = await server.gql(w.biller, page('id claims { id }').replace('CompiledRemittances', 'AuditedRemittances'));
    const nodes = res.data!.remittances.edges.map((e: { node: Node }) => e.node) as Node[];
    const reads = (await auditEntries(server.database.db, { practiceId: w.practiceId, action: 'READ' })).filter((e) => e.operationName === 'AuditedRemittances');
    const expected = await server.gql(w.biller, `query Patients { remittances(first: 50) { edges { node { claims { id claim { patientId } } } } } }`);
    const patients = new Map<string, string | null>(expected.data!.remittances.edges.flatMap((e: any) => e.node.claims.map((c: any) => [c.id, c.claim?.patientId ?? null])));
    expect(reads.map((e) => [e.entityType, e.entityId, e.patientId])).toEqual(nodes.flatMap((n) => n.claims.map((c: Node) => ['RemittanceClaim', c.id, patients.get(c.id)])));
    expect(new Set(reads.map((e) => e.batchId)).size).toBe(1);
  });

  it('roles still apply: the front desk is FORBIDDEN, and another practice sees none of these', async () => {
    const desk = await server.gql(await w.token([Role.FRONT_DESK]), page('id claims { id }'));
    expect(desk.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const other = await remittanceWorld(server);
    const theirs = await server.gql(other.biller, page('id claims { id }'));
    expect(theirs.data!.remittances).toMatchObject({ totalCount: 0, edges: [] });
  });
});
