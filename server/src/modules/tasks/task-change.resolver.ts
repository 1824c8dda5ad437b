import { Arg, Authorized, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { accessText, STAFF_PHI } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { Role } from '../../graphql/roles.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { throwIfInterrupted } from '../../realtime/pubsub.js';
import { type TaskChangedMessage, taskQueueTopic, taskUserTopic } from './task-change.publisher.js';
import { QUEUE_ROLES, TaskEventKind, TaskStatus } from './task.type.js';

@ObjectType({ description: 'A change to a task, pushed to its assignee and its queue. Ids only: fetch details with Query.task.' })
export class TaskChange {
  @Field(() => ID) taskId!: string;
  @Field(() => TaskEventKind) kind!: TaskEventKind;
  @Field(() => TaskStatus, { description: 'The status after the change.' }) status!: TaskStatus;
  @Field(() => String, { nullable: true }) assigneeUserId!: string | null;
  @Field(() => Role, { nullable: true }) queueRole!: Role | null;
  @Field(() => DateTimeScalar) at!: Date;
}

@Resolver(() => TaskChange)
export class TaskChangeResolver {
  @Authorized(STAFF_PHI)
  @Subscription(() => TaskChange, {
    description: `Live task changes: without \`role\`, of the tasks assigned to you (including those taken away from you); with \`role\`, of that role's queue. graphql-ws on /graphql. ${accessText(STAFF_PHI)}`,
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const principal = requirePrincipal(ctx);
      const role = args.role as Role | null | undefined;
      if (role != null && !QUEUE_ROLES.includes(role)) throw badInput([{ path: 'role', message: `has no queue; queues: ${QUEUE_ROLES.join(', ')}` }]);
      return ctx.pubsub.subscribe(role ? taskQueueTopic(principal.practiceId, role) : taskUserTopic(principal.practiceId, principal.userId));
    },
  })
  taskChanged(@Root() payload: TaskChangedMessage, @Arg('role', () => Role, { nullable: true }) _role: Role | null): TaskChange {
    const m = throwIfInterrupted(payload);
    return { taskId: m.taskId, kind: m.kind as TaskEventKind, status: m.status as TaskStatus, assigneeUserId: m.assigneeUserId, queueRole: m.queueRole as Role | null, at: new Date(m.at) };
  }
}
