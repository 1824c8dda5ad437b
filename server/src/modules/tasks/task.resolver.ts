import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { accessText, PATIENT_READERS, STAFF_PHI } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { pageRequest } from '../../graphql/pagination.js';
import { Role } from '../../graphql/roles.js';
import { selects } from '../../graphql/selection.js';
import { RelayPageArgs } from '../common/page.args.js';
import { presentPatient } from '../patients/patient.service.js';
import { Patient } from '../patients/patient.type.js';
import { ClaimTaskInput, CommentOnTaskInput, CreateTaskInput, ReassignTaskInput, TaskFilter, UpdateTaskStatusInput } from './task.inputs.js';
import { toTaskEvent } from './task.mapper.js';
import { findTask, listTasks } from './task-read.service.js';
import * as service from './task.service.js';
import { QUEUE_ROLES, Task, TaskConnection, TaskEvent, TaskEventKind } from './task.type.js';

@ObjectType()
class TaskPayload {
  @Field(() => Task) task!: Task;
}

const deps = (ctx: Context) => ({ db: ctx.db, principal: requirePrincipal(ctx), audit: ctx.audit, pubsub: ctx.pubsub });

@Resolver(() => Task)
export class TaskResolver {
  @Authorized(STAFF_PHI)
  @Query(() => Task, { description: `One task. Another practice's task is NOT_FOUND. ${accessText(STAFF_PHI)}` })
  task(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Task> {
    return findTask(ctx.db, requirePrincipal(ctx), ctx.audit, id);
  }

  @Authorized(STAFF_PHI)
  @Query(() => TaskConnection, { description: `Tasks assigned to you (open and in progress unless filtered), overdue first, then URGENT → LOW, then by due date. ${accessText(STAFF_PHI)}` })
  myTasks(@Arg('filter', () => TaskFilter, { nullable: true }) filter: TaskFilter | null, @Args(() => RelayPageArgs) page: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const principal = requirePrincipal(ctx);
    return listTasks(ctx.db, principal, ctx.audit, { userId: principal.userId }, filter, pageRequest(page), selects(info, 'totalCount'));
  }

  @Authorized(STAFF_PHI)
  @Query(() => TaskConnection, { description: `The unclaimed tasks waiting in a role's queue, overdue first, then URGENT → LOW, then by due date. ${accessText(STAFF_PHI)}` })
  taskQueue(@Arg('role', () => Role) role: Role, @Arg('filter', () => TaskFilter, { nullable: true }) filter: TaskFilter | null, @Args(() => RelayPageArgs) page: RelayPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (!QUEUE_ROLES.includes(role)) throw badInput([{ path: 'role', message: `has no queue; queues: ${QUEUE_ROLES.join(', ')}` }]);
    return listTasks(ctx.db, requirePrincipal(ctx), ctx.audit, { queueRole: role }, filter, pageRequest(page), selects(info, 'totalCount'));
  }

  @Authorized(STAFF_PHI)
  @Mutation(() => TaskPayload, { description: `Create a task for a user or a role queue, optionally about a record. ${accessText(STAFF_PHI)}` })
  async createTask(@Arg('input', () => CreateTaskInput) input: CreateTaskInput, @Ctx() ctx: Context): Promise<TaskPayload> {
    return { task: await service.createTask(deps(ctx), input) };
  }

  @Authorized(STAFF_PHI)
  @Mutation(() => TaskPayload, { description: `Change a task's status (start, put back, done, cancel). ${accessText(STAFF_PHI)}` })
  async updateTaskStatus(@Arg('input', () => UpdateTaskStatusInput) input: UpdateTaskStatusInput, @Ctx() ctx: Context): Promise<TaskPayload> {
    return { task: await service.updateTaskStatus(deps(ctx), input) };
  }

  @Authorized(STAFF_PHI)
  @Mutation(() => TaskPayload, { description: `Claim a task from a queue you belong to. ${accessText(STAFF_PHI)}` })
  async claimTask(@Arg('input', () => ClaimTaskInput) input: ClaimTaskInput, @Ctx() ctx: Context): Promise<TaskPayload> {
    return { task: await service.claimTask(deps(ctx), input) };
  }

  @Authorized(STAFF_PHI)
  @Mutation(() => TaskPayload, { description: `Give a task to a user or put it back in a queue. ${accessText(STAFF_PHI)}` })
  async reassignTask(@Arg('input', () => ReassignTaskInput) input: ReassignTaskInput, @Ctx() ctx: Context): Promise<TaskPayload> {
    return { task: await service.reassignTask(deps(ctx), input) };
  }

  @Authorized(STAFF_PHI)
  @Mutation(() => TaskPayload, { description: `Comment on a task (kept in its history). ${accessText(STAFF_PHI)}` })
  async commentOnTask(@Arg('input', () => CommentOnTaskInput) input: CommentOnTaskInput, @Ctx() ctx: Context): Promise<TaskPayload> {
    return { task: await service.commentOnTask(deps(ctx), input) };
  }

  @FieldResolver(() => [TaskEvent], { description: 'Every change and comment, oldest first (one batched query per request).' })
  async history(@Root() task: Task, @Ctx() ctx: Context): Promise<TaskEvent[]> {
    return (await ctx.loaders.taskEvents.load(task.id)).map(toTaskEvent);
  }

  @FieldResolver(() => [TaskEvent], { description: 'The comments of the history, oldest first.' })
  async comments(@Root() task: Task, @Ctx() ctx: Context): Promise<TaskEvent[]> {
    return (await ctx.loaders.taskEvents.load(task.id)).filter((e) => e.kind === TaskEventKind.COMMENTED).map(toTaskEvent);
  }

  @Authorized(PATIENT_READERS)
  @FieldResolver(() => Patient, { nullable: true, description: `The patient the task concerns (one batched query per request). Same rule as Query.patient: ${accessText(PATIENT_READERS)}` })
  async patient(@Root() task: Task, @Ctx() ctx: Context): Promise<Patient | null> {
    if (!task.patientId) return null;
    return presentPatient(ctx.audit, task.patientId, await ctx.loaders.patient.load(task.patientId));
  }
}
