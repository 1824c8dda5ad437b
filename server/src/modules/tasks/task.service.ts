import { isNull, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { tasks } from '../../db/schema/tasks.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { Role } from '../../graphql/roles.js';
import { isUuid } from '../../lib/uuid.js';
import type { PubSub } from '../../realtime/pubsub.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findAboutRecord } from './task-about.repo.js';
import { type TaskChange, publishTaskChanges } from './task-change.publisher.js';
import type { ClaimTaskInput, CommentOnTaskInput, CreateTaskInput, ReassignTaskInput, UpdateTaskStatusInput } from './task.inputs.js';
import { toTask } from './task.mapper.js';
import * as repo from './task.repo.js';
import { TASK_TRANSITIONS, type Task, TaskAboutType, TaskStatus } from './task.type.js';

interface Deps {
  db: Db;
  principal: Principal;
  audit: AuditTrail;
  pubsub: PubSub;
}

const CLOSED: string[] = [TaskStatus.DONE, TaskStatus.CANCELLED];

/**
 * Creates a task by hand. The `about` record must exist in the practice; the task's patient defaults to its
 * patient and may not differ from it. With neither assignee nor queue the task is the caller's.
 * @throws BAD_USER_INPUT (patient differs from the record's), NOT_FOUND (about record or patient)
 */
export async function createTask({ db, principal, audit, pubsub }: Deps, input: CreateTaskInput): Promise<Task> {
  const p = principal.practiceId;
  let patientId = input.patientId ?? null;
  if (input.about) {
    const record = await findAboutRecord(db, p, input.about.type, input.about.id);
    if (!record) throw notFound(input.about.type, input.about.id);
    if (patientId && record.patientId && patientId !== record.patientId) throw badInput([{ path: 'input.patientId', message: 'is not the patient of the record the task is about' }]);
    patientId = patientId ?? record.patientId;
  }
  if (input.patientId && !(await findAboutRecord(db, p, TaskAboutType.PATIENT, input.patientId))) throw notFound('Patient', input.patientId);
  const assigneeUserId = input.assigneeUserId?.trim() || (input.queueRole ? null : principal.userId);
  const row = await db.transaction(async (tx) => {
    const [t] = await repo.insertTasks(tx, p, [
      { title: input.title.trim(), description: input.description?.trim() || null, patientId, aboutType: input.about?.type ?? null, aboutId: input.about?.id ?? null, assigneeUserId, queueRole: input.queueRole ?? null, priority: input.priority ?? 'NORMAL', dueDate: input.dueDate ?? null, createdBy: principal.userId },
    ]);
    await repo.insertTaskEvents(tx, p, [{ taskId: t!.id, kind: 'CREATED', toStatus: t!.status, assigneeUserId: t!.assigneeUserId, queueRole: t!.queueRole, byUserId: principal.userId }]);
    await audit.write(tx, 'CREATE', 'Task', t!.id, t!.patientId);
    return t!;
  });
  await publishTaskChanges(pubsub, p, [{ ...row, kind: 'CREATED' }]);
  return toTask(row);
}

async function current(db: Db, principal: Principal, id: string, expectedVersion: number | null): Promise<repo.TaskRow> {
  const [row] = isUuid(id) ? await repo.findTasksByIds(db, principal.practiceId, [id]) : [];
  if (!row) throw notFound('Task', id);
  if (expectedVersion !== null && row.version !== expectedVersion) throw versionConflict('Task', id, expectedVersion, row.version);
  return row;
}

/** Runs a guarded update with its history event and audit row, then publishes; a lost race is re-diagnosed. */
async function change(deps: Deps, before: repo.TaskRow, expectedVersion: number, set: PgUpdateSetSource<typeof tasks>, event: Omit<repo.NewTaskEvent, 'taskId' | 'byUserId'>, kind: string, guard?: SQL): Promise<Task> {
  const { db, principal, audit, pubsub } = deps;
  const p = principal.practiceId;
  const row = await db.transaction(async (tx) => {
    const r = await repo.updateTaskIf(tx, p, before.id, expectedVersion, set, guard);
    if (!r) return null;
    await repo.insertTaskEvents(tx, p, [{ ...event, taskId: r.id, byUserId: principal.userId }]);
    await audit.write(tx, 'UPDATE', 'Task', r.id, r.patientId);
    return r;
  });
  if (!row) {
    const now = await current(db, principal, before.id, null);
    if (kind === 'CLAIMED' && now.assigneeUserId) throw badInput([{ path: 'input.id', message: 'was claimed by another user' }]);
    throw versionConflict('Task', before.id, expectedVersion, now.version);
  }
  const changed: TaskChange = { ...row, previousAssigneeUserId: before.assigneeUserId, kind };
  await publishTaskChanges(pubsub, p, [changed]);
  return toTask(row);
}

/**
 * Moves a task along OPEN → IN_PROGRESS → DONE / CANCELLED (IN_PROGRESS may go back to OPEN).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (transition not allowed; a queue task must be claimed before work starts)
 */
export async function updateTaskStatus(deps: Deps, input: UpdateTaskStatusInput): Promise<Task> {
  const before = await current(deps.db, deps.principal, input.id, input.expectedVersion);
  if (!TASK_TRANSITIONS[before.status as TaskStatus].includes(input.status)) throw badInput([{ path: 'input.status', message: `cannot change from ${before.status} to ${input.status}` }]);
  if (input.status === TaskStatus.IN_PROGRESS && !before.assigneeUserId) throw badInput([{ path: 'input.status', message: 'a queue task is claimed before work starts (claimTask)' }]);
  const closing = CLOSED.includes(input.status);
  return change(deps, before, input.expectedVersion, { status: input.status, closedAt: closing ? sql`now()` : null }, { kind: 'STATUS_CHANGED', fromStatus: before.status, toStatus: input.status, comment: input.comment?.trim() || null }, 'STATUS_CHANGED');
}

/**
 * Takes a task waiting in a queue: it becomes the caller's and IN_PROGRESS. Of concurrent claims one wins.
 * @throws NOT_FOUND, VERSION_CONFLICT, FORBIDDEN-like BAD_USER_INPUT (not in the queue's role, not waiting in a queue, already claimed)
 */
export async function claimTask(deps: Deps, input: ClaimTaskInput): Promise<Task> {
  const before = await current(deps.db, deps.principal, input.id, null);
  if (!before.queueRole || CLOSED.includes(before.status)) throw badInput([{ path: 'input.id', message: 'is not waiting in a queue' }]);
  if (before.assigneeUserId) throw badInput([{ path: 'input.id', message: before.assigneeUserId === deps.principal.userId ? 'is already yours' : 'was claimed by another user' }]);
  const roles = deps.principal.roles as string[];
  if (!roles.includes(before.queueRole) && !roles.includes(Role.PRACTICE_ADMIN)) throw badInput([{ path: 'input.id', message: `is in the ${before.queueRole} queue; only that role (or PRACTICE_ADMIN) claims from it` }]);
  if (before.version !== input.expectedVersion) throw versionConflict('Task', input.id, input.expectedVersion, before.version);
  return change(deps, before, input.expectedVersion, { assigneeUserId: deps.principal.userId, status: TaskStatus.IN_PROGRESS }, { kind: 'CLAIMED', fromStatus: before.status, toStatus: TaskStatus.IN_PROGRESS, assigneeUserId: deps.principal.userId, queueRole: before.queueRole }, 'CLAIMED', isNull(tasks.assigneeUserId));
}

/**
 * Gives a task to a user (keeping its queue), or puts it back in a queue with no assignee (IN_PROGRESS → OPEN).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (neither or both targets, closed task)
 */
export async function reassignTask(deps: Deps, input: ReassignTaskInput): Promise<Task> {
  const toUser = input.assigneeUserId?.trim() || null;
  if ((toUser === null) === (input.queueRole == null)) throw badInput([{ path: 'input.assigneeUserId', message: 'give exactly one of assigneeUserId or queueRole' }]);
  const before = await current(deps.db, deps.principal, input.id, input.expectedVersion);
  if (CLOSED.includes(before.status)) throw badInput([{ path: 'input.id', message: `is ${before.status} and cannot be reassigned` }]);
  const set = toUser ? { assigneeUserId: toUser } : { assigneeUserId: null, queueRole: input.queueRole!, status: TaskStatus.OPEN };
  const after = { assigneeUserId: set.assigneeUserId, queueRole: toUser ? before.queueRole : input.queueRole! };
  return change(deps, before, input.expectedVersion, set, { kind: 'REASSIGNED', fromStatus: before.status, toStatus: set.status ?? before.status, ...after }, 'REASSIGNED');
}

/**
 * Adds a comment to a task's history (comments never conflict with other changes: no version).
 * @throws NOT_FOUND
 */
export async function commentOnTask({ db, principal, audit, pubsub }: Deps, input: CommentOnTaskInput): Promise<Task> {
  const p = principal.practiceId;
  await current(db, principal, input.id, null);
  const row = await db.transaction(async (tx) => {
    const r = (await repo.touchTask(tx, p, input.id))!;
    await repo.insertTaskEvents(tx, p, [{ taskId: r.id, kind: 'COMMENTED', comment: input.comment.trim(), byUserId: principal.userId }]);
    await audit.write(tx, 'UPDATE', 'Task', r.id, r.patientId);
    return r;
  });
  await publishTaskChanges(pubsub, p, [{ ...row, kind: 'COMMENTED' }]);
  return toTask(row);
}
