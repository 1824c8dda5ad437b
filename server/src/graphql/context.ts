import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { AuditTrail } from '../modules/audit/audit-trail.js';
import type { Principal } from './auth.js';
import type { PubSub } from '../realtime/pubsub.js';
import type { Loaders } from './loaders.js';

/** Per-request context. Loaders and the audit trail are created per request, never shared. */
export interface Context {
  requestId: string;
  principal?: Principal;
  db: Db;
  loaders: Loaders;
  audit: AuditTrail;
  /** Live events (subscriptions); publish after the transaction commits. */
  pubsub: PubSub;
  config: Config;
}
