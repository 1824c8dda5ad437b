import { column, sqlType } from '../../db/compile/sql-type.js';

/** Provider read by the selection compiler; mirrors provider.mapper toProvider. */
export const PROVIDER_SQL = sqlType({
  type: 'Provider',
  table: 'providers',
  carries: ['id'],
  fields: {
    id: column('id'),
    givenName: column('given_name'),
    familyName: column('family_name'),
    credentials: column('credentials'),
    npi: column('npi'),
    taxonomyCode: column('taxonomy_code'),
    specialty: column('specialty'),
    active: column('active'),
    billsUnderGroup: column('bills_under_group'),
    version: column('version'),
    createdAt: column('created_at'),
    updatedAt: column('updated_at'),
  },
});
