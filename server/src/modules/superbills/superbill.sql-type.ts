import { column, embedded, expr, many, one, sqlType } from '../../db/compile/sql-type.js';

// Pointer letters A–L for positions 1–12, '?' otherwise: the SQL form of superbill.rules pointerLetter.
const letter = (position: string) => `case when ${position} between 1 and 12 then chr(64 + ${position}) else '?' end`;

/** Superbill read by the selection compiler (the superbills page); mirrors superbill.mapper toSuperbill. */
export const SUPERBILL_SQL = sqlType({
  type: 'Superbill',
  table: 'superbills',
  // The patient the audit names; the relations left to loaders (provider, location, appointment) read the others.
  carries: ['id', 'patientId'],
  carriesForResolvers: ['renderingProviderId', 'locationId', 'appointmentId'],
  fields: {
    id: column('id'),
    number: expr((r) => `${r}.number::text`),
    status: column('status'),
    appointmentId: column('appointment_id'),
    patientId: column('patient_id'),
    renderingProviderId: column('rendering_provider_id'),
    locationId: column('location_id'),
    payerId: column('payer_id'),
    billingProvider: column('billing_provider'),
    referringProvider: embedded({ name: (r) => `${r}.referring_provider_name`, npi: (r) => `${r}.referring_provider_npi` }, (r) => `coalesce(${r}.referring_provider_name, '') <> ''`),
    dateOfService: column('date_of_service'),
    placeOfServiceCode: column('place_of_service_code'),
    telehealth: column('telehealth'),
    priorAuthorizationNumber: column('prior_authorization_number'),
    copayCollected: column('copay_collected_cents'),
    totalCharge: column('total_charge_cents'),
    balance: expr((r) => `greatest(0, ${r}.total_charge_cents - ${r}.copay_collected_cents)`),
    supersedesId: column('supersedes_id'),
    supersededById: column('superseded_by_id'),
    finalizedAt: column('finalized_at'),
    finalizedBy: column('finalized_by'),
    voidReason: column('void_reason'),
    voidedAt: column('voided_at'),
    createdAt: column('created_at'),
    updatedAt: column('updated_at'),
    version: column('version'),
    diagnoses: many((s, d) => `${d}.superbill_id = ${s}.id and ${d}.practice_id = ${s}.practice_id`, (d) => `${d}.position`),
    lines: many((s, l) => `${l}.superbill_id = ${s}.id and ${l}.practice_id = ${s}.practice_id`, (l) => `${l}.position`),
    patient: one((s, p) => `${p}.id = ${s}.patient_id and ${p}.practice_id = ${s}.practice_id`),
    renderingProvider: one((s, p) => `${p}.id = ${s}.rendering_provider_id and ${p}.practice_id = ${s}.practice_id`),
    location: one((s, l) => `${l}.id = ${s}.location_id and ${l}.practice_id = ${s}.practice_id`),
  },
});

/** A diagnosis as toDiagnosis maps it: pointer letter, code printed with its dot. */
export const SUPERBILL_DIAGNOSIS_SQL = sqlType({
  type: 'SuperbillDiagnosis',
  table: 'superbill_diagnoses',
  carries: [],
  fields: {
    pointer: expr((d) => letter(`${d}.position`)),
    code: expr((d) => `case when length(${d}.code) > 3 then left(${d}.code, 3) || '.' || substr(${d}.code, 4) else ${d}.code end`),
    description: column('description'),
  },
});

/** A service line as toLine maps it. */
export const SUPERBILL_LINE_SQL = sqlType({
  type: 'SuperbillLine',
  table: 'superbill_lines',
  carries: [],
  fields: {
    lineNumber: column('position'),
    code: column('code'),
    description: column('description'),
    modifiers: column('modifiers'),
    units: column('units'),
    unitFee: column('unit_fee_cents'),
    charge: column('charge_cents'),
    scheduleFee: column('schedule_fee_cents'),
    chargeOverrideReason: column('charge_override_reason'),
    // unnest feeds the aggregate in array order (a function scan straight into it); ordering the aggregate
    // would make PostgreSQL sort each line's pointers, ~0.3 ms a page of 100 lines.
    diagnosisPointers: expr((l) => `(select coalesce(json_agg(${letter('u.p')}), '[]'::json) from unnest(${l}.diagnosis_pointers) u(p))`),
    note: column('note'),
  },
});
