import { column, sqlType } from '../../db/compile/sql-type.js';

/** Payer read by the selection compiler (Claim.payer on the claims page); mirrors payer.service toPayer. */
export const PAYER_SQL = sqlType({
  type: 'Payer',
  table: 'payers',
  carries: ['id'],
  fields: {
    id: column('id'),
    name: column('name'),
    ediPayerId: column('edi_payer_id'),
    type: column('payer_type'),
    eligibilityRoute: column('eligibility_route'),
    claimsRoute: column('claims_route'),
    address: column('address'),
    phone: column('phone'),
    active: column('active'),
    telehealthModifier95: column('telehealth_modifier95'),
    timelyFilingDays: column('timely_filing_days'),
    appealDays: column('appeal_days'),
    priorAuthorizationRequired: column('prior_authorization_required'),
    version: column('version'),
    createdAt: column('created_at'),
  },
});
