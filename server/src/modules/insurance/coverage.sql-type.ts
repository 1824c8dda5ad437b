import { column, expr, many, sqlType } from '../../db/compile/sql-type.js';

const sub = (c: string, key: string) => `${c}.subscriber->>'${key}'`;

/** Coverage read by the selection compiler; mirrors coverage.mapper toCoverage. */
export const COVERAGE_SQL = sqlType({
  type: 'Coverage',
  table: 'coverages',
  // The audit names the patient; Coverage.payer is left to its loader.
  carries: ['id', 'patientId'],
  carriesForResolvers: ['payerId'],
  fields: {
    id: column('id'),
    patientId: column('patient_id'),
    payerId: column('payer_id'),
    planName: column('plan_name'),
    memberId: column('member_id'),
    groupNumber: column('group_number'),
    subscriberRelationship: column('subscriber_relationship'),
    subscriber: expr(
      (c) =>
        `case when ${c}.subscriber is null then null else json_build_object('name', json_build_object('given', ${sub(c, 'given')}, 'middle', ${sub(c, 'middle')}, 'family', ${sub(c, 'family')}), 'dateOfBirth', ${sub(c, 'dateOfBirth')}, 'sex', ${sub(c, 'sex')}, 'address', ${c}.subscriber->'address') end`,
    ),
    order: column('coverage_order'),
    effectiveDate: column('effective_date'),
    endDate: column('end_date'),
    copayOnCard: column('copay_cents'),
    status: column('status'),
    version: column('version'),
    createdAt: column('created_at'),
    updatedAt: column('updated_at'),
  },
});

/**
 * Patient.coverages (this module's relation on Patient), as findCoveragesOfPatients reads it: COB order;
 * with asOf, only ACTIVE coverages covering that date.
 */
export const PATIENT_COVERAGES_SQL = {
  type: 'Patient',
  fields: {
    coverages: many(
      (p, c, arg) => {
        const asOf = arg('asOf');
        const on = `${c}.patient_id = ${p}.id and ${c}.practice_id = ${p}.practice_id`;
        return asOf === null ? on : `${on} and ${c}.status = 'ACTIVE' and ${c}.effective_date <= ${asOf}::date and (${c}.end_date is null or ${c}.end_date >= ${asOf}::date)`;
      },
      (c) => `case ${c}.coverage_order when 'PRIMARY' then 1 when 'SECONDARY' then 2 else 3 end, ${c}.effective_date, ${c}.id`,
    ),
  },
};
