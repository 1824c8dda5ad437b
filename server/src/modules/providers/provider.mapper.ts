import type { providers } from '../../db/schema/providers.js';
import type { Provider } from './provider.type.js';

export type ProviderRow = typeof providers.$inferSelect;

/** Table row → GraphQL object. */
export function toProvider(row: ProviderRow): Provider {
  return {
    id: row.id,
    givenName: row.givenName,
    familyName: row.familyName,
    credentials: row.credentials,
    npi: row.npi,
    taxonomyCode: row.taxonomyCode,
    specialty: row.specialty,
    active: row.active,
    billsUnderGroup: row.billsUnderGroup,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
