import { Arg, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Role } from '../../graphql/roles.js';
import { telehealthJoinUrl } from './telehealth.service.js';

@ObjectType({ description: 'Where the patient and provider join a telehealth visit. The URL is a secret: share it only with them.' })
class TelehealthJoinLink {
  @Field(() => ID) appointmentId!: string;
  @Field(() => String) url!: string;
}

@Resolver()
export class TelehealthResolver {
  @Authorized(Role.FRONT_DESK, Role.CLINICIAN, Role.PRACTICE_ADMIN)
  @Query(() => TelehealthJoinLink, {
    description: 'The join link of a telehealth appointment (made on first request, then stable). Roles: FRONT_DESK, CLINICIAN, PRACTICE_ADMIN.',
  })
  async telehealthJoinUrl(@Arg('appointmentId', () => ID) appointmentId: string, @Ctx() ctx: Context): Promise<TelehealthJoinLink> {
    return { appointmentId, url: await telehealthJoinUrl(ctx.db, requirePrincipal(ctx), ctx.audit, ctx.config.telehealthBaseUrl, appointmentId) };
  }
}
