import { column, sqlType } from '../../db/compile/sql-type.js';

/**
 * Location read by the selection compiler; mirrors location.mapper toLocation except placeOfServiceName
 * (a table in Node): a selection asking for it leaves the location to its resolver and loader.
 */
export const LOCATION_SQL = sqlType({
  type: 'Location',
  table: 'locations',
  carries: ['id'],
  fields: {
    id: column('id'),
    name: column('name'),
    address: column('address'),
    phone: column('phone'),
    timeZone: column('time_zone'),
    placeOfServiceCode: column('place_of_service_code'),
    active: column('active'),
    version: column('version'),
    createdAt: column('created_at'),
    updatedAt: column('updated_at'),
  },
});
