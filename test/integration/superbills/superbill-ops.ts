/** GraphQL documents of the superbill tests (the SDK test uses the published operations instead). */
const FIELDS = `id number status appointmentId patientId renderingProviderId locationId payerId dateOfService placeOfServiceCode telehealth
  priorAuthorizationNumber copayCollected totalCharge balance supersedesId supersededById voidReason version
  billingProvider { name tin npi } referringProvider { name npi }
  diagnoses { pointer code description }
  lines { lineNumber code description modifiers units unitFee charge scheduleFee chargeOverrideReason diagnosisPointers note }`;
const PAYLOAD = `superbill { ${FIELDS} } warnings { code path message otherSuperbillId }`;

export const CREATE = `mutation C($input: CreateSuperbillInput!) { createSuperbill(input: $input) { ${PAYLOAD} } }`;
export const UPDATE = `mutation U($input: UpdateSuperbillInput!) { updateSuperbill(input: $input) { ${PAYLOAD} } }`;
export const FINALIZE = `mutation F($input: FinalizeSuperbillInput!) { finalizeSuperbill(input: $input) { ${PAYLOAD} } }`;
export const VOID = `mutation V($input: VoidSuperbillInput!) { voidSuperbill(input: $input) { ${PAYLOAD} } }`;
export const CORRECT = `mutation X($input: CorrectSuperbillInput!) { correctSuperbill(input: $input) { ${PAYLOAD} } }`;
export const GET = `query G($id: ID!) { superbill(id: $id) { ${FIELDS} } }`;
export const PDF = `query P($id: ID!) { superbillPdf(id: $id) { fileName contentType base64 byteLength } }`;
export const APPOINTMENT_SUPERBILL = `query A($id: ID!) { appointment(id: $id) { id superbill { id status } } }`;
export const PATIENT_SUPERBILLS = `query S($id: ID!) { patient(id: $id) { id superbills { id status } } }`;
export const LIST = `query L($filter: SuperbillFilter, $first: Int, $after: String, $last: Int, $before: String) {
  superbills(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id number dateOfService status totalCharge
      diagnoses { pointer code description } lines { code modifiers units charge diagnosisPointers }
      patient { id mrn legalName { given family } dateOfBirth } renderingProvider { id npi familyName } location { id name } } }
  } }`;
