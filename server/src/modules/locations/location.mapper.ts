import type { locations } from '../../db/schema/locations.js';
import { placeOfServiceName } from '../../lib/place-of-service.js';
import type { Location } from './location.type.js';

export type LocationRow = typeof locations.$inferSelect;

/** Table row → GraphQL object. */
export function toLocation(row: LocationRow): Location {
  return {
    id: row.id,
    name: row.name,
    address: { ...row.address, line2: row.address.line2 ?? null },
    phone: row.phone,
    timeZone: row.timeZone,
    placeOfServiceCode: row.placeOfServiceCode,
    placeOfServiceName: placeOfServiceName(row.placeOfServiceCode),
    active: row.active,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
