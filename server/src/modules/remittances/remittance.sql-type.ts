import { column, expr, many, sqlType } from '../../db/compile/sql-type.js';

// CAS adjustments in file order (their position within the claim or the line), here and in the loaders
// (findAdjustmentsOf), so both paths answer the same list.
const adjustmentOrder = (a: string) => `${a}.position`;

/**
 * Remittance read by the selection compiler (the remittances page); mirrors remittance.mapper
 * toRemittance. The file itself (raw_x12) is never read.
 */
export const REMITTANCE_SQL = sqlType({
  type: 'Remittance',
  table: 'remittances',
  carries: ['id'],
  fields: {
    id: column('id'),
    status: column('status'),
    traceNumber: column('trace_number'),
    tracePayerId: column('trace_payer_id'),
    payerName: column('payer_name'),
    payerIdentifier: column('payer_identifier'),
    payeeNpi: column('payee_npi'),
    total: column('total_cents'),
    handlingCode: column('handling_code'),
    paymentMethod: column('payment_method'),
    paymentDate: column('payment_date'),
    productionDate: column('production_date'),
    interchangeControlNumber: column('interchange_control_number'),
    transactionControlNumber: column('transaction_control_number'),
    issues: column('problems'),
    postedBy: column('posted_by'),
    postedAt: column('posted_at'),
    claims: many((r, c) => `${c}.remittance_id = ${r}.id and ${c}.practice_id = ${r}.practice_id`, (c) => `${c}.claim_index`),
    providerAdjustments: many((r, p) => `${p}.remittance_id = ${r}.id and ${p}.practice_id = ${r}.practice_id`, (p) => `${p}.position`),
  },
});

/**
 * A CLP as presentRemittanceClaim maps it. Carries the ids the audit (patientId) and the resolvers left
 * to loaders (claim, remittance) need.
 */
export const REMITTANCE_CLAIM_SQL = sqlType({
  type: 'RemittanceClaim',
  table: 'remittance_claims',
  carries: ['id', 'patientId', 'claimId', 'remittanceId'],
  fields: {
    id: column('id'),
    remittanceId: column('remittance_id'),
    claimIndex: column('claim_index'),
    claimId: column('claim_id'),
    candidateClaimId: column('candidate_claim_id'),
    outcome: column('outcome'),
    unmatchedReason: column('unmatched_reason'),
    reversed: expr((c) => `(${c}.reversed_by_id is not null)`),
    patientAccountNumber: column('patient_account_number'),
    payerClaimNumber: column('payer_claim_number'),
    statusCode: column('status_code'),
    charge: column('charge_cents'),
    paid: column('paid_cents'),
    patientResponsibility: column('patient_responsibility_cents'),
    claimFilingIndicator: column('claim_filing_indicator'),
    remarkCodes: column('remark_codes'),
    receivedAt: column('created_at'),
    patientId: column('patient_id'),
    lines: many((c, l) => `${l}.remittance_claim_id = ${c}.id and ${l}.practice_id = ${c}.practice_id`, (l) => `${l}.line_number`),
    // Claim-level adjustments only: the line-level ones are on the lines.
    adjustments: many((c, a) => `${a}.remittance_claim_id = ${c}.id and ${a}.remittance_line_id is null and ${a}.practice_id = ${c}.practice_id`, adjustmentOrder),
  },
});

/** An SVC line as toLine maps it. */
export const REMITTANCE_LINE_SQL = sqlType({
  type: 'RemittanceLine',
  table: 'remittance_lines',
  carries: [],
  fields: {
    id: column('id'),
    lineNumber: column('line_number'),
    claimLinePosition: column('claim_line_position'),
    procedureCode: column('procedure_code'),
    modifiers: column('modifiers'),
    charge: column('charge_cents'),
    paid: column('paid_cents'),
    allowed: column('allowed_cents'),
    units: column('units'),
    serviceDate: column('service_date'),
    lineItemControlNumber: column('line_item_control_number'),
    remarkCodes: column('remark_codes'),
    adjustments: many((l, a) => `${a}.remittance_line_id = ${l}.id and ${a}.practice_id = ${l}.practice_id`, adjustmentOrder),
  },
});

/** A CAS adjustment as toAdjustment maps it, with the CARC's description from the imported list. */
export const REMITTANCE_ADJUSTMENT_SQL = sqlType({
  type: 'RemittanceAdjustment',
  table: 'remittance_adjustments',
  carries: [],
  fields: {
    group: column('group_code'),
    reasonCode: column('reason_code'),
    reasonDescription: expr((a) => `(select cc.description from carc_codes cc where cc.code = ${a}.reason_code)`),
    amount: column('amount_cents'),
    quantity: column('quantity'),
  },
});

/** A PLB adjustment as toProviderAdjustment maps it. */
export const PROVIDER_ADJUSTMENT_SQL = sqlType({
  type: 'ProviderAdjustment',
  table: 'remittance_provider_adjustments',
  carries: [],
  fields: {
    providerIdentifier: column('provider_id'),
    fiscalPeriodDate: column('fiscal_period_date'),
    reasonCode: column('reason_code'),
    reference: column('reference'),
    amount: column('amount_cents'),
  },
});
