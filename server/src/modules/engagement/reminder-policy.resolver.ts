import { ArrayMaxSize, ArrayMinSize, IsInt, Max, Min } from 'class-validator';
import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Role } from '../../graphql/roles.js';
import { getReminderOffsets, setReminderOffsets } from './reminder-policy.service.js';

@ObjectType({ description: 'When reminders go out, as minutes before the visit. Applies to visits booked or moved afterwards.' })
class ReminderPolicy {
  @Field(() => [Int]) offsetsMinutes!: number[];
  @Field(() => Boolean, { description: 'True while the practice uses the defaults (48 h and 2 h).' }) isDefault!: boolean;
}

@InputType()
class SetReminderOffsetsInput {
  @Field(() => [Int], { description: '1–5 offsets, each 5 minutes to 30 days before the visit; [] is not allowed (cancel reminders instead).' })
  @ArrayMinSize(1) @ArrayMaxSize(5) @IsInt({ each: true }) @Min(5, { each: true }) @Max(43_200, { each: true })
  offsetsMinutes!: number[];
}

@ObjectType()
class ReminderPolicyPayload {
  @Field(() => ReminderPolicy) policy!: ReminderPolicy;
}

@Resolver(() => ReminderPolicy)
export class ReminderPolicyResolver {
  @Authorized(Role.PRACTICE_ADMIN, Role.FRONT_DESK)
  @Query(() => ReminderPolicy, { description: 'Your practice\'s reminder offsets. Roles: PRACTICE_ADMIN, FRONT_DESK.' })
  reminderPolicy(@Ctx() ctx: Context): Promise<ReminderPolicy> {
    return getReminderOffsets(ctx.db, requirePrincipal(ctx));
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => ReminderPolicyPayload, { description: 'Set when reminders go out for visits booked or moved from now on. Roles: PRACTICE_ADMIN.' })
  async setReminderOffsets(@Arg('input', () => SetReminderOffsetsInput) input: SetReminderOffsetsInput, @Ctx() ctx: Context): Promise<ReminderPolicyPayload> {
    return { policy: await setReminderOffsets(ctx.db, requirePrincipal(ctx), ctx.audit, input.offsetsMinutes) };
  }
}
