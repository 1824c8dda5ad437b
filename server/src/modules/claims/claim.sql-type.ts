import { column, elements, embedded, expr, many, one, sqlType } from '../../db/compile/sql-type.js';

// Pointer letters A–L for positions 1–12, '?' otherwise: the SQL form of superbill.rules pointerLetter.
const letter = (position: string) => `case when ${position} between 1 and 12 then chr(64 + ${position}) else '?' end`;
// Given, middle and family name joined by spaces, empty parts left out: the SQL form of claim.mapper nameOf.
const nameOf = (n: string) => `concat_ws(' ', nullif(${n}->>'given', ''), nullif(${n}->>'middle', ''), nullif(${n}->>'family', ''))`;
const individual = (p: (c: string) => string) => embedded({ npi: (c) => `${p(c)}->>'npi'`, name: (c) => nameOf(`${p(c)}->'name'`) }, (c) => `jsonb_typeof(${p(c)}) = 'object'`);
const snap = (c: string, path: string) => `${c}.snapshot${path}`;

/**
 * Claim read by the selection compiler (the claims page and the follow-up queue); mirrors claim.mapper
 * toClaim, reading what was billed from the frozen snapshot.
 */
export const CLAIM_SQL = sqlType({
  type: 'Claim',
  table: 'claims',
  // The audit names the patient; the relations left to loaders (payments, corrections, originalClaim, priorPayerClaim…) read the others.
  carries: ['id', 'patientId'],
  carriesForResolvers: ['payerId', 'coverageId', 'superbillId', 'originalClaimId', 'priorPayerClaimId'],
  fields: {
    id: column('id'),
    number: expr((c) => `${c}.number::text`),
    patientAccountNumber: column('patient_account_number'),
    status: column('status'),
    frequencyCode: column('frequency_code'),
    revision: column('revision'),
    version: column('version'),
    superbillId: column('superbill_id'),
    patientId: column('patient_id'),
    payerId: column('payer_id'),
    coverageId: column('coverage_id'),
    renderingProviderId: column('rendering_provider_id'),
    locationId: column('location_id'),
    originalClaimId: column('original_claim_id'),
    priorPayerClaimId: column('prior_payer_claim_id'),
    payerClaimNumber: column('payer_claim_number'),
    originalPayerClaimNumber: expr((c) => snap(c, `->>'originalPayerClaimNumber'`)),
    dateOfService: column('date_of_service'),
    placeOfServiceCode: expr((c) => snap(c, `->>'placeOfServiceCode'`)),
    totalCharge: column('total_charge_cents'),
    patientPaid: expr((c) => `(${snap(c, `->>'patientPaidCents'`)})::bigint`),
    priorAuthorizationNumber: expr((c) => snap(c, `->>'priorAuthorizationNumber'`)),
    subscriber: embedded({
      memberId: (c) => snap(c, `->'subscriber'->>'memberId'`),
      groupNumber: (c) => snap(c, `->'subscriber'->>'groupNumber'`),
      groupName: (c) => snap(c, `->'subscriber'->>'groupName'`),
      relationshipCode: (c) => snap(c, `->'patient'->>'relationshipToSubscriber'`),
      claimFilingIndicator: (c) => snap(c, `->'subscriber'->>'claimFilingIndicator'`),
    }),
    billingProvider: embedded({ name: (c) => snap(c, `->'billingProvider'->>'name'`), npi: (c) => snap(c, `->'billingProvider'->>'npi'`), tin: (c) => snap(c, `->'billingProvider'->>'tin'`) }),
    renderingProvider: individual((c) => snap(c, `->'renderingProvider'`)),
    referringProvider: individual((c) => snap(c, `->'referringProvider'`)),
    diagnoses: elements((c, d) => `jsonb_array_elements_text(${c}.snapshot->'diagnoses') with ordinality ${d}(code, o)`, (d) => `${d}.o`),
    lines: elements((c, l) => `jsonb_array_elements(${c}.snapshot->'lines') with ordinality ${l}(v, o)`, (l) => `${l}.o`),
    lastScrub: column('last_scrub'),
    assigneeId: column('assignee_id'),
    nextFollowUpOn: column('next_follow_up_on'),
    statusChangedAt: column('status_changed_at'),
    submittedAt: column('submitted_at'),
    acknowledgedAt: column('acknowledged_at'),
    createdAt: column('created_at'),
    updatedAt: column('updated_at'),
    payer: one((c, p) => `${p}.id = ${c}.payer_id and ${p}.practice_id = ${c}.practice_id`),
    patient: one((c, p) => `${p}.id = ${c}.patient_id and ${p}.practice_id = ${c}.practice_id`),
    history: many((c, h) => `${h}.claim_id = ${c}.id and ${h}.practice_id = ${c}.practice_id`, (h) => `${h}.seq`),
    lastStatusChange: one((c, h) => `${h}.claim_id = ${c}.id and ${h}.practice_id = ${c}.practice_id`, (h) => `${h}.seq desc`),
    notes: many((c, n) => `${n}.claim_id = ${c}.id and ${n}.practice_id = ${c}.practice_id`, (n) => `${n}.created_at, ${n}.id`),
  },
});

/** A diagnosis of the snapshot as toClaim maps it: pointer letter by position, code printed with its dot. */
export const CLAIM_DIAGNOSIS_SQL = sqlType({
  type: 'ClaimDiagnosis',
  carries: [],
  fields: {
    pointer: expr((d) => letter(`${d}.o::int`)),
    code: expr((d) => `case when length(${d}.code) > 3 then left(${d}.code, 3) || '.' || substr(${d}.code, 4) else ${d}.code end`),
  },
});

/** A service line of the snapshot as toClaim maps it. */
export const CLAIM_LINE_SQL = sqlType({
  type: 'ClaimLine',
  carries: [],
  fields: {
    lineNumber: expr((l) => `(${l}.v->>'position')::int`),
    code: expr((l) => `${l}.v->>'code'`),
    modifiers: expr((l) => `${l}.v->'modifiers'`),
    units: expr((l) => `(${l}.v->>'units')::int`),
    charge: expr((l) => `(${l}.v->>'chargeCents')::bigint`),
    // In array order without sorting each line's pointers, as for superbill lines.
    diagnosisPointers: expr((l) => `(select coalesce(json_agg(${letter('u.p::int')}), '[]'::json) from jsonb_array_elements_text(${l}.v->'diagnosisPointers') u(p))`),
    dateOfService: expr((l) => `${l}.v->>'dateOfService'`),
    placeOfServiceCode: expr((l) => `${l}.v->>'placeOfServiceCode'`),
    description: expr((l) => `${l}.v->>'description'`),
  },
});

/** A status change as toStatusChange maps it. */
export const CLAIM_STATUS_CHANGE_SQL = sqlType({
  type: 'ClaimStatusChange',
  table: 'claim_status_history',
  carries: [],
  fields: {
    from: column('from_status'),
    to: column('to_status'),
    revision: column('revision'),
    source: column('source'),
    reason: column('reason'),
    reference: column('reference'),
    changedBy: column('changed_by'),
    changedAt: column('changed_at'),
  },
});

/** A note as toNote maps it. */
export const CLAIM_NOTE_SQL = sqlType({
  type: 'ClaimNote',
  table: 'claim_notes',
  carries: [],
  fields: { id: column('id'), body: column('body'), authorId: column('author_id'), createdAt: column('created_at') },
});
