/** GraphQL documents of the claim tests (the SDK publishes the same operations in schema/operations/claims.graphql). */
export const CLAIM_FIELDS = `id number patientAccountNumber status frequencyCode revision version superbillId patientId payerId coverageId renderingProviderId locationId
  originalClaimId payerClaimNumber originalPayerClaimNumber dateOfService placeOfServiceCode totalCharge patientPaid priorAuthorizationNumber
  subscriber { memberId groupNumber groupName relationshipCode claimFilingIndicator }
  billingProvider { name npi tin } renderingProvider { npi name } referringProvider { npi name }
  diagnoses { pointer code }
  lines { lineNumber code modifiers units charge diagnosisPointers dateOfService placeOfServiceCode description }
  lastScrub { at revision clean findings { code severity message path } }
  assigneeId nextFollowUpOn submittedAt acknowledgedAt`;

export const CREATE_CLAIMS = `mutation C($input: CreateClaimsInput!) { createClaims(input: $input) { existing claims { ${CLAIM_FIELDS} } } }`;
export const SCRUB = `mutation S($input: ScrubClaimInput!) { scrubClaim(input: $input) { claim { ${CLAIM_FIELDS} } } }`;
export const UPDATE_CLAIM = `mutation U($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { ${CLAIM_FIELDS} } } }`;
export const REPLACE_CLAIM = `mutation R($input: ReplaceClaimInput!) { replaceClaim(input: $input) { original { ${CLAIM_FIELDS} } correction { ${CLAIM_FIELDS} } } }`;
export const CLOSE_CLAIM = `mutation X($input: CloseClaimInput!) { closeClaim(input: $input) { claim { id status version history { from to source reason } } } }`;
export const VOID_CLAIM = `mutation V($input: VoidClaimInput!) { voidClaim(input: $input) { original { ${CLAIM_FIELDS} } correction { ${CLAIM_FIELDS} } } }`;
export const ASSIGN = `mutation A($input: AssignClaimInput!) { assignClaim(input: $input) { claim { id assigneeId version } } }`;
export const FOLLOW_UP = `mutation F($input: SetClaimFollowUpInput!) { setFollowUpDate(input: $input) { claim { id nextFollowUpOn } } }`;
export const NOTE = `mutation N($input: AddClaimNoteInput!) { addClaimNote(input: $input) { note { id body authorId } claim { id } } }`;
export const GET_CLAIM = `query G($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS}
  payer { id name } history { from to revision source reason reference changedBy changedAt } notes { body authorId }
  originalClaim { id } corrections { id frequencyCode } } }`;
export const SUPERBILL_CLAIMS = `query B($id: ID!) { superbill(id: $id) { id claims { id status frequencyCode } } }`;
export const LIST_CLAIMS = `query L($filter: ClaimFilter, $first: Int, $after: String, $last: Int, $before: String) {
  claims(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id number status dateOfService totalCharge payer { id name } lines { code } } } } }`;
export const QUEUE = `query Q($filter: ClaimFollowUpFilter, $first: Int, $after: String) {
  claimsNeedingFollowUp(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { reason timelyFilingDeadline daysToTimelyFiling claim { id status assigneeId } } } } }`;
