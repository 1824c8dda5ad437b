import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Connection, pageRequest } from '../../graphql/pagination.js';
import { Role } from '../../graphql/roles.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { RelayPageArgs } from '../common/page.args.js';
import { AuditChainAnchorInput, AuditEventFilter } from './audit.inputs.js';
import { listAuditEvents } from './audit.service.js';
import { AuditTrailVerification } from './audit-chain.type.js';
import { verifyAuditTrail } from './audit-chain.service.js';
import { AuditEvent } from './audit-event.type.js';

export const AuditEventConnection = Connection('AuditEvent', AuditEvent);

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized(Role.PRACTICE_ADMIN)
  @Query(() => AuditEventConnection, {
    description:
      "Your practice's audit trail, newest first: first/after pages toward older events, last/before toward newer ones. totalCount is not computed (null). Each read of the trail is itself recorded. Roles: PRACTICE_ADMIN.",
  })
  auditEvents(
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Args(() => RelayPageArgs) page: RelayPageArgs,
    @Ctx() ctx: Context,
  ) {
    return listAuditEvents(ctx.db, requirePrincipal(ctx), ctx.audit, filter ?? {}, pageRequest(page));
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Query(() => AuditTrailVerification, {
    description:
      "Recomputes your practice's tamper-evident audit chain for the batches recorded in [from, to) (both optional) and reports the first break, if any. The verification is recorded in the audit trail. Roles: PRACTICE_ADMIN.",
  })
  verifyAuditTrail(
    @Arg('from', () => DateTimeScalar, { nullable: true, description: 'Start of the window (inclusive); omit for the start of the chain.' }) from: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true, description: 'End of the window (exclusive); omit for the end of the chain.' }) to: Date | null,
    @Arg('anchor', () => AuditChainAnchorInput, { nullable: true, description: 'A head exported earlier to check against (see docs/operations.md).' })
    anchor: AuditChainAnchorInput | null,
    @Ctx() ctx: Context,
  ) {
    return verifyAuditTrail(ctx.db, requirePrincipal(ctx), ctx.audit, from ?? null, to ?? null, anchor ?? null);
  }
}
