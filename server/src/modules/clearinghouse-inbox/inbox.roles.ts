import type { Access } from '../../graphql/scopes.js';
import { BILLING_WRITERS } from '../../graphql/access.js';
import { CLAIM_BATCH_READERS } from '../claims/claim-batch.roles.js';

/** Who sees the clearinghouse inbox (the files, not their text): the readers of claim batches — billers, admins, billing partner clients. */
export const INBOX_READERS: readonly Access[] = CLAIM_BATCH_READERS;
/** Who polls the mailbox (and so applies acknowledgments and posts ERAs): billers, admins, billing:write partner clients. */
export const INBOX_POLLERS: readonly Access[] = BILLING_WRITERS;
