import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { patients } from './patients.js';
import { practices } from './practices.js';

/**
 * The office's task inbox. A task sits with a user (assignee) or in a role's queue (no assignee); a
 * claimed queue task keeps its queue role. `source_key` makes machine-made tasks idempotent: one task per
 * key per practice, ever ("referral:<id>:awaiting-report").
 */
export const tasks = pgTable(
  'tasks',
  {
    ...domainColumns(),
    title: text().notNull(),
    description: text(),
    patientId: uuid().references(() => patients.id),
    /** What the task is about: CONTACT, REFERRAL, ORDER, CLAIM, PATIENT, SUPPLY_ITEM, RESULT (with about_id), or null. */
    aboutType: text(),
    aboutId: uuid(),
    assigneeUserId: text(),
    queueRole: text(),
    /** LOW, NORMAL, HIGH or URGENT. */
    priority: text().notNull().default('NORMAL'),
    dueDate: date({ mode: 'string' }),
    /** OPEN, IN_PROGRESS, DONE or CANCELLED. */
    status: text().notNull().default('OPEN'),
    sourceKey: text(),
    createdBy: text().notNull(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('tasks_source_key').on(t.practiceId, t.sourceKey),
    index().on(t.practiceId, t.assigneeUserId, t.status),
    index().on(t.practiceId, t.queueRole, t.status),
    index().on(t.practiceId, t.patientId),
    index().on(t.practiceId, t.aboutType, t.aboutId),
    check('tasks_status', sql`${t.status} in ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')`),
    check('tasks_priority', sql`${t.priority} in ('LOW', 'NORMAL', 'HIGH', 'URGENT')`),
    check('tasks_about', sql`(${t.aboutType} is null) = (${t.aboutId} is null) and (${t.aboutType} is null or ${t.aboutType} in ('CONTACT', 'REFERRAL', 'ORDER', 'CLAIM', 'PATIENT', 'SUPPLY_ITEM', 'RESULT'))`),
    check('tasks_queue_role', sql`${t.queueRole} is null or ${t.queueRole} in ('FRONT_DESK', 'CLINICIAN', 'BILLER', 'PRACTICE_ADMIN')`),
    check('tasks_owner', sql`${t.assigneeUserId} is not null or ${t.queueRole} is not null`),
  ],
);

/** A task's history, append-only (the database refuses UPDATE and DELETE): every change and comment. */
export const taskEvents = pgTable(
  'task_events',
  {
    seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id),
    /** CREATED, STATUS_CHANGED, CLAIMED, REASSIGNED, UPDATED or COMMENTED. */
    kind: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    assigneeUserId: text(),
    queueRole: text(),
    comment: text(),
    byUserId: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.practiceId, t.taskId, t.seq), check('task_events_kind', sql`${t.kind} in ('CREATED', 'STATUS_CHANGED', 'CLAIMED', 'REASSIGNED', 'UPDATED', 'COMMENTED')`)],
);
