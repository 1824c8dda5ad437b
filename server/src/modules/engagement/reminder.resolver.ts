import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { pageRequest } from '../../graphql/pagination.js';
import { accessText } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { Scope, scope } from '../../graphql/scopes.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import * as service from './reminder.service.js';
import { ReminderMessage, ReminderMessageConnection } from './reminder.type.js';

/** A reminder sender: a partner client with reminders:send, or a practice admin. */
const SENDERS = [Role.PRACTICE_ADMIN, scope(Scope.REMINDERS_SEND)];

@InputType()
class MarkReminderSentInput {
  @Field(() => ID) id!: string;
}

@ObjectType()
class MarkReminderSentPayload {
  @Field(() => ReminderMessage) reminder!: ReminderMessage;
  @Field(() => Boolean, { description: 'True for the one call that moved it to SENT; false for repeats (nothing changed: do not send again).' })
  transitioned!: boolean;
}

@Resolver(() => ReminderMessage)
export class ReminderResolver {
  @Authorized(SENDERS)
  @Query(() => ReminderMessageConnection, { description: `Pending reminders due at or before \`before\`, soonest first, for a sender worker. ${accessText(SENDERS)}` })
  async dueReminders(
    @Arg('before', () => DateTimeScalar) before: Date,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (1–200, default 50).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return service.dueReminders(ctx.db, requirePrincipal(ctx), ctx.audit, before, pageRequest({ first, after }));
  }

  @Authorized(SENDERS)
  @Mutation(() => MarkReminderSentPayload, { description: `Record that a reminder was sent. Exactly once: repeats change nothing and report transitioned=false. ${accessText(SENDERS)}` })
  async markReminderSent(@Arg('input', () => MarkReminderSentInput) input: MarkReminderSentInput, @Ctx() ctx: Context): Promise<MarkReminderSentPayload> {
    return service.markReminderSent(ctx.db, requirePrincipal(ctx), ctx.audit, input.id);
  }
}
