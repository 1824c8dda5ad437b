import type { Role } from '../../graphql/roles.js';
import type { TaskEventRow, TaskRow } from './task.repo.js';
import type { Task, TaskAboutType, TaskEvent, TaskEventKind, TaskPriority, TaskStatus } from './task.type.js';

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    patientId: row.patientId,
    about: row.aboutType && row.aboutId ? { type: row.aboutType as TaskAboutType, id: row.aboutId } : null,
    assigneeUserId: row.assigneeUserId,
    queueRole: row.queueRole as Role | null,
    priority: row.priority as TaskPriority,
    dueDate: row.dueDate,
    overdue: Boolean(row.overdue),
    status: row.status as TaskStatus,
    sourceKey: row.sourceKey,
    createdBy: row.createdBy,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}

export function toTaskEvent(row: TaskEventRow): TaskEvent {
  return {
    kind: row.kind as TaskEventKind,
    fromStatus: row.fromStatus as TaskStatus | null,
    toStatus: row.toStatus as TaskStatus | null,
    assigneeUserId: row.assigneeUserId,
    queueRole: row.queueRole as Role | null,
    comment: row.comment,
    byUserId: row.byUserId,
    at: row.at,
  };
}
