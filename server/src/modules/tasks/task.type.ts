import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { Role } from '../../graphql/roles.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

export enum TaskStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TaskStatus, { name: 'TaskStatus', description: 'OPEN → IN_PROGRESS → DONE, or CANCELLED; IN_PROGRESS may go back to OPEN. DONE and CANCELLED are final.' });

export enum TaskPriority {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(TaskPriority, { name: 'TaskPriority', description: 'Lists show URGENT first, then HIGH, NORMAL, LOW (after overdue tasks).' });

export enum TaskAboutType {
  CONTACT = 'CONTACT',
  REFERRAL = 'REFERRAL',
  ORDER = 'ORDER',
  CLAIM = 'CLAIM',
  PATIENT = 'PATIENT',
  SUPPLY_ITEM = 'SUPPLY_ITEM',
  /** A lab result (report) to review. */
  RESULT = 'RESULT',
}
registerEnumType(TaskAboutType, { name: 'TaskAboutType', description: 'The kind of record a task is about.' });

export enum TaskEventKind {
  CREATED = 'CREATED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  CLAIMED = 'CLAIMED',
  REASSIGNED = 'REASSIGNED',
  UPDATED = 'UPDATED',
  COMMENTED = 'COMMENTED',
}
registerEnumType(TaskEventKind, { name: 'TaskEventKind', description: 'What happened to a task.' });

/** The roles that have a task queue. */
export const QUEUE_ROLES: readonly Role[] = [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.PRACTICE_ADMIN];

/** Allowed status changes; DONE and CANCELLED are final. */
export const TASK_TRANSITIONS: Record<TaskStatus, TaskStatus[]> = {
  OPEN: [TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.CANCELLED],
  IN_PROGRESS: [TaskStatus.OPEN, TaskStatus.DONE, TaskStatus.CANCELLED],
  DONE: [],
  CANCELLED: [],
};

@ObjectType({ description: 'What a task is about: a record of the given type. Fetch it with that type\'s query.' })
export class TaskAbout {
  @Field(() => TaskAboutType) type!: TaskAboutType;
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'One entry of a task\'s history (append-only): a change or a comment, who and when.' })
export class TaskEvent {
  @Field(() => TaskEventKind) kind!: TaskEventKind;
  @Field(() => TaskStatus, { nullable: true }) fromStatus!: TaskStatus | null;
  @Field(() => TaskStatus, { nullable: true }) toStatus!: TaskStatus | null;
  @Field(() => String, { nullable: true, description: 'The assignee after the change (CREATED, CLAIMED, REASSIGNED).' }) assigneeUserId!: string | null;
  @Field(() => Role, { nullable: true, description: 'The queue after the change (CREATED, REASSIGNED).' }) queueRole!: Role | null;
  @Field(() => String, { nullable: true, description: 'The comment (COMMENTED) or the note given with a change.' }) comment!: string | null;
  @Field(() => String) byUserId!: string;
  @Field(() => DateTimeScalar) at!: Date;
}

@ObjectType({ description: 'A task of the office inbox, with a user or in a role\'s queue. PHI: staff roles only.' })
export class Task {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => ID, { nullable: true, description: 'The patient it concerns, if any.' }) patientId!: string | null;
  @Field(() => TaskAbout, { nullable: true, description: 'The record it is about (a contact, referral, order, claim, result, patient or supply item).' }) about!: TaskAbout | null;
  @Field(() => String, { nullable: true, description: 'The user working it; null while it waits in its queue.' }) assigneeUserId!: string | null;
  @Field(() => Role, { nullable: true, description: 'The role queue it belongs to (kept when someone claims it).' }) queueRole!: Role | null;
  @Field(() => TaskPriority) priority!: TaskPriority;
  @Field(() => LocalDateScalar, { nullable: true }) dueDate!: string | null;
  @Field(() => Boolean, { description: 'Open or in progress with a due date before today (the practice\'s first location\'s time zone).' }) overdue!: boolean;
  @Field(() => TaskStatus) status!: TaskStatus;
  @Field(() => String, { nullable: true, description: 'Set on tasks made by the system: one task per key, ever.' }) sourceKey!: string | null;
  @Field(() => String) createdBy!: string;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it as expectedVersion when changing the task.' }) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it became DONE or CANCELLED.' }) closedAt!: Date | null;
}

export const TaskConnection = Connection('Task', Task);
