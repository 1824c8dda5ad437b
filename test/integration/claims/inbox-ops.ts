/** GraphQL documents and helpers of the clearinghouse inbox tests (the SDK publishes the operations in schema/operations/clearinghouse-inbox.graphql). */
import { eq, sql } from 'drizzle-orm';
import { claims } from '../../../server/src/db/schema/claims.js';
import { type claimWorld, finalizedSuperbill } from '../../factories/claim.factory.js';
import type { TestServer } from '../../helpers/test-server.js';
import { CREATE_CLAIMS, SCRUB } from './claim-ops.js';
import { readyClaim } from './claim-submit-ops.js';

const FILE_FIELDS = 'id kind status remoteName sha256 interchangeControlNumber groupControlNumber receivedAt processedAt problem acknowledgmentId remittanceId';
export const POLL = `mutation P { pollClearinghouse { fetched mailboxProblem processed { ${FILE_FIELDS} } } }`;
export const FILES = `query F($filter: ClearinghouseFileFilter, $first: Int, $after: String, $last: Int, $before: String) { clearinghouseFiles(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
  totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } edges { cursor node { ${FILE_FIELDS} } } } }`;
export const REPROCESS = `mutation R($input: ReprocessClearinghouseFileInput!) { reprocessClearinghouseFile(input: $input) { reprocessed file { ${FILE_FIELDS} batches { id status } } } }`;
export const FILES_NESTED = `query F { clearinghouseFiles(first: 20) { edges { node { id kind batches { id status } remittance { id status } } } } }`;

type World = Awaited<ReturnType<typeof claimWorld>>;

/**
 * READY claims of the world's patient, one per member id (written into each claim's snapshot before the
 * scrub, as if billed to that member id), on successive March 2026 days so none duplicates another.
 * The first is the world's own superbill. @returns the claim ids in order
 */
export async function readyClaimsFor(server: TestServer, w: World, memberIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, memberId] of memberIds.entries()) {
    let id: string;
    if (i === 0) id = await readyClaim(server, w);
    else {
      const sb = await finalizedSuperbill(w, { diagnoses: ['I10'], lines: [{ code: '99214', units: 1, diagnosisPointers: ['A'] }] }, new Date(Date.UTC(2026, 2, 10 + i, 15)));
      const created = await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: sb } });
      if (created.errors) throw new Error(JSON.stringify(created.errors));
      id = created.data!.createClaims.claims[0].id as string;
    }
    await server.database.db
      .update(claims)
      .set({ snapshot: sql`jsonb_set(jsonb_set(${claims.snapshot}, '{billingProvider,address,postalCode}', '"122071234"'), '{subscriber,memberId}', to_jsonb(${memberId}::text))` })
      .where(eq(claims.id, id));
    const scrubbed = await server.gql(w.biller, SCRUB, { input: { id } });
    if (scrubbed.errors || scrubbed.data!.scrubClaim.claim.status !== 'READY') throw new Error(JSON.stringify(scrubbed.errors ?? scrubbed.data!.scrubClaim.claim.lastScrub));
    ids.push(id);
  }
  return ids;
}
