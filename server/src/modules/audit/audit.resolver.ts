import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Connection, pageRequest } from '../../graphql/pagination.js';
import { Role } from '../../graphql/roles.js';
import { AuditEventFilter } from './audit.inputs.js';
import { listAuditEvents } from './audit.service.js';
import { AuditEvent } from './audit-event.type.js';

export const AuditEventConnection = Connection('AuditEvent', AuditEvent);

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized(Role.PRACTICE_ADMIN)
  @Query(() => AuditEventConnection, {
    description: "Your practice's audit trail, newest first; totalCount is not computed (null). Roles: PRACTICE_ADMIN.",
  })
  auditEvents(
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (1–200, default 50).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return listAuditEvents(ctx.db, requirePrincipal(ctx), filter ?? {}, pageRequest({ first, after }));
  }
}
