/** GraphQL documents of the submission tests (the SDK publishes them in schema/operations/claims-submission.graphql). */
import { eq, sql } from 'drizzle-orm';
import { billingProfiles } from '../../../server/src/db/schema/billing.js';
import { claims } from '../../../server/src/db/schema/claims.js';
import { locations } from '../../../server/src/db/schema/locations.js';
import { patients } from '../../../server/src/db/schema/patients.js';
import type { claimWorld } from '../../factories/claim.factory.js';
import type { TestServer } from '../../helpers/test-server.js';
import { CREATE_CLAIMS, SCRUB } from './claim-ops.js';

export const BATCH_FIELDS = `id createdAt sentAt submittedBy claimsRoute ediPayerId claimCount status interchangeControlNumber referenceId transportError
  ack999 { status accepted controlNumber errors problems } answers { kind accepted problems } claims { id status revision }`;
export const SUBMIT = `mutation S($input: SubmitClaimsInput!) { submitClaims(input: $input) { replayed notSentClaimIds batches { ${BATCH_FIELDS} x12 } } }`;
export const BATCHES = `query B($first: Int, $after: String, $last: Int, $before: String) { claimBatches(first: $first, after: $after, last: $last, before: $before) {
  pageInfo { hasNextPage hasPreviousPage endCursor startCursor } edges { cursor node { id claimCount status } } } }`;
export const BATCH = `query B($id: ID!) { claimBatch(id: $id) { ${BATCH_FIELDS} x12 } }`;
export const BATCH_NO_X12 = `query B($id: ID!) { claimBatch(id: $id) { id status } }`;
export const CLAIM_ANSWERS = `query C($id: ID!) { claim(id: $id) { id status revision payerClaimNumber acknowledgedAt submittedAt patientAccountNumber
  history { from to source reason reference }
  acknowledgments { kind batchId revision outcome payerClaimNumber reason statuses { category categoryDescription code entity } }
  statusInquiries { id outcome reason traceNumber payerClaimNumber charge paid adjudicationDate checkDate checkNumber problems status { category code entity } } } }`;
const INQUIRY = 'id claimId outcome reason traceNumber payerClaimNumber charge paid adjudicationDate checkDate checkNumber problems status { category code entity categoryDescription }';
export const CHECK_STATUS = `mutation C($input: CheckClaimStatusInput!) { checkClaimStatus(input: $input) { inquiry { ${INQUIRY} } claim { id status payerClaimNumber } } }`;
export const CHECK_STALE = `mutation C($input: CheckStaleClaimStatusesInput!) { checkStaleClaimStatuses(input: $input) { inquiries { ${INQUIRY} } } }`;
export const CLAIM_FORM = `query F($id: ID!, $patientCopy: Boolean) { claimForm(id: $id, patientCopy: $patientCopy) { fileName contentType base64 byteLength } }`;

type World = Awaited<ReturnType<typeof claimWorld>>;

/** The world's claim, created and scrubbed clean (READY), with what the 837P needs and the scrubber does not check yet (billing phone, 9-digit ZIPs, patient address). @returns its id */
export async function readyClaim(server: TestServer, w: World): Promise<string> {
  // The 837P submitter contact (PER) needs the billing phone, which the claim copies at creation.
  // The guide wants a 9-digit ZIP for the service facility (and the billing provider, frozen with the superbill: patched below).
  const zip9 = { city: 'Albany', state: 'NY', postalCode: '122071234', country: 'US' };
  await server.database.db.update(billingProfiles).set({ phone: '+15185550100' }).where(eq(billingProfiles.practiceId, w.practiceId));
  await server.database.db.update(locations).set({ address: { line1: '200 Clinic Road', ...zip9 } }).where(eq(locations.id, w.location.id));
  // A subscriber who is the patient needs an address in the 837P (loop 2010BA).
  await server.database.db.update(patients).set({ address: { line1: '1 Synthetic Lane', city: 'Albany', state: 'NY', postalCode: '12207', country: 'US' } }).where(eq(patients.id, w.patient.id));
  const created = await server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId: w.superbillId } });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data!.createClaims.claims[0].id as string;
  await server.database.db.update(claims).set({ snapshot: sql`jsonb_set(${claims.snapshot}, '{billingProvider,address,postalCode}', '"122071234"')` }).where(eq(claims.id, id));
  const scrubbed = await server.gql(w.biller, SCRUB, { input: { id } });
  if (scrubbed.errors || scrubbed.data!.scrubClaim.claim.status !== 'READY') throw new Error(JSON.stringify(scrubbed.errors ?? scrubbed.data!.scrubClaim.claim.lastScrub));
  return id;
}
