import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { Role } from '../../graphql/roles.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { accessText, SCHEDULE_READERS } from '../../graphql/access.js';
import { CreateAvailabilityExceptionInput, CreateAvailabilityRuleInput } from './availability.inputs.js';
import { listExceptions, listRules } from './availability.repo.js';
import * as service from './availability.service.js';
import { AvailabilityException, AvailabilityRule, toAvailabilityException, toAvailabilityRule } from './availability.type.js';

@ObjectType()
class AvailabilityRulePayload {
  @Field(() => AvailabilityRule) rule!: AvailabilityRule;
}

@ObjectType()
class AvailabilityExceptionPayload {
  @Field(() => AvailabilityException) exception!: AvailabilityException;
}

@Resolver()
export class AvailabilityResolver {
  @Authorized(SCHEDULE_READERS)
  @Query(() => [AvailabilityRule], { description: `Active weekly working hours, by provider and weekday (a configuration list, not paged). ${accessText(SCHEDULE_READERS)}` })
  async availabilityRules(@Arg('providerId', () => ID, { nullable: true }) providerId: string | null, @Arg('locationId', () => ID, { nullable: true }) locationId: string | null, @Ctx() ctx: Context): Promise<AvailabilityRule[]> {
    return (await listRules(ctx.db, requirePrincipal(ctx).practiceId, providerId, locationId)).map(toAvailabilityRule);
  }

  @Authorized(SCHEDULE_READERS)
  @Query(() => [AvailabilityException], { description: `Active exceptions of a provider overlapping [from, to), at most 366 days. ${accessText(SCHEDULE_READERS)}` })
  async availabilityExceptions(@Arg('providerId', () => ID) providerId: string, @Arg('from', () => DateTimeScalar) from: Date, @Arg('to', () => DateTimeScalar) to: Date, @Ctx() ctx: Context): Promise<AvailabilityException[]> {
    const span = to.getTime() - from.getTime();
    if (span <= 0 || span > 366 * 86_400_000) throw badInput([{ path: 'to', message: 'must be after from and at most 366 days later' }]);
    return (await listExceptions(ctx.db, requirePrincipal(ctx).practiceId, providerId, from, to)).map(toAvailabilityException);
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => AvailabilityRulePayload, { description: 'Adds weekly working hours for a provider at a location. Roles: PRACTICE_ADMIN.' })
  async createAvailabilityRule(@Arg('input', () => CreateAvailabilityRuleInput) input: CreateAvailabilityRuleInput, @Ctx() ctx: Context): Promise<AvailabilityRulePayload> {
    return { rule: await service.createRule(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => AvailabilityRulePayload, { description: 'Retires weekly working hours. Roles: PRACTICE_ADMIN.' })
  async deactivateAvailabilityRule(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AvailabilityRulePayload> {
    return { rule: await service.deactivateRule(ctx.db, requirePrincipal(ctx), ctx.audit, id) };
  }

  @Authorized(Role.PRACTICE_ADMIN, Role.FRONT_DESK)
  @Mutation(() => AvailabilityExceptionPayload, { description: 'Adds time off, extra hours or blocked time. Existing bookings are not moved. Roles: PRACTICE_ADMIN, FRONT_DESK.' })
  async createAvailabilityException(@Arg('input', () => CreateAvailabilityExceptionInput) input: CreateAvailabilityExceptionInput, @Ctx() ctx: Context): Promise<AvailabilityExceptionPayload> {
    return { exception: await service.createException(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }

  @Authorized(Role.PRACTICE_ADMIN, Role.FRONT_DESK)
  @Mutation(() => AvailabilityExceptionPayload, { description: 'Withdraws an exception. Roles: PRACTICE_ADMIN, FRONT_DESK.' })
  async deactivateAvailabilityException(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AvailabilityExceptionPayload> {
    return { exception: await service.deactivateException(ctx.db, requirePrincipal(ctx), ctx.audit, id) };
  }
}
