import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';

/**
 * Partner clients: machine clients of other companies (a billing service, a reminder vendor) that get
 * short-lived tokens with the OAuth 2.0 client-credentials grant. Only a SHA-256 hash of the secret is
 * kept (the secret is 32 random bytes, so a slow hash adds nothing); the client id is public. A revoked
 * client stays for the audit trail and can never be reactivated.
 */
export const partnerClients = pgTable(
  'partner_clients',
  {
    ...domainColumns(),
    clientId: text().notNull(),
    name: text().notNull(),
    scopes: text().array().notNull(),
    secretHash: text().notNull(),
    secretRotatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex().on(t.clientId),
    uniqueIndex('partner_clients_active_name').on(t.practiceId, sql`lower(${t.name})`).where(sql`${t.revokedAt} is null`),
    check('partner_clients_scopes_nonempty', sql`cardinality(${t.scopes}) >= 1`),
  ],
);
