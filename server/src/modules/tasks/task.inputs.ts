import { IsIn, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Role } from '../../graphql/roles.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { IsNotBlank } from '../../lib/validation.js';
import { QUEUE_ROLES, TaskAboutType, TaskPriority, TaskStatus } from './task.type.js';

const QUEUE_MESSAGE = `must be one of ${QUEUE_ROLES.join(', ')}`;

@InputType({ description: 'The record a task is about; it must exist in your practice.' })
export class TaskAboutInput {
  @Field(() => TaskAboutType) type!: TaskAboutType;
  @Field(() => ID) @IsUUID('all', { message: 'must be an id' }) id!: string;
}

@InputType({ description: 'A new task. Give an assignee, a queue role, or both; with neither the task is yours.' })
export class CreateTaskInput {
  @Field(() => String) @IsNotBlank() @Length(1, 200) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 4000) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'Defaults to the patient of `about` when it has one.' }) @IsOptional() @IsUUID('all', { message: 'must be an id' }) patientId?: string | null;
  @Field(() => TaskAboutInput, { nullable: true }) @IsOptional() @ValidateNested() about?: TaskAboutInput | null;
  @Field(() => String, { nullable: true, description: 'A user id (the subject of their token).' }) @IsOptional() @IsNotBlank() @Length(1, 200) assigneeUserId?: string | null;
  @Field(() => Role, { nullable: true }) @IsOptional() @IsIn(QUEUE_ROLES, { message: QUEUE_MESSAGE }) queueRole?: Role | null;
  @Field(() => TaskPriority, { nullable: true, description: 'Defaults to NORMAL.' }) priority?: TaskPriority | null;
  @Field(() => LocalDateScalar, { nullable: true }) dueDate?: string | null;
}

@InputType()
export class UpdateTaskStatusInput {
  @Field(() => ID) id!: string;
  @Field(() => TaskStatus) status!: TaskStatus;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'A note kept in the history with the change.' }) @IsOptional() @Length(1, 4000) comment?: string | null;
}

@InputType({ description: 'Take a task waiting in a queue: it becomes yours and IN_PROGRESS. Only members of the queue\'s role (or PRACTICE_ADMIN) may claim.' })
export class ClaimTaskInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType({ description: 'Give a task to a user, or put it (back) in a role queue with no assignee. Exactly one of the two.' })
export class ReassignTaskInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 200) assigneeUserId?: string | null;
  @Field(() => Role, { nullable: true }) @IsOptional() @IsIn(QUEUE_ROLES, { message: QUEUE_MESSAGE }) queueRole?: Role | null;
}

@InputType()
export class CommentOnTaskInput {
  @Field(() => ID) id!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 4000) comment!: string;
}

@InputType({ description: 'Narrows a task list; the conditions combine (AND).' })
export class TaskFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only overdue tasks (due before today).' }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Only tasks due today.' }) dueToday?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'Only tasks about this patient.' }) @IsOptional() @IsUUID('all', { message: 'must be an id' }) patientId?: string | null;
  @Field(() => [TaskStatus], { nullable: true, description: 'Defaults to [OPEN, IN_PROGRESS].' }) statuses?: TaskStatus[] | null;
}

@InputType({ description: 'A follow-up task created together with the record it is about (assignee and/or queue; with neither it is yours).' })
export class CreateTaskFollowUpInput {
  @Field(() => String) @IsNotBlank() @Length(1, 200) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 200) assigneeUserId?: string | null;
  @Field(() => Role, { nullable: true }) @IsOptional() @IsIn(QUEUE_ROLES, { message: QUEUE_MESSAGE }) queueRole?: Role | null;
  @Field(() => TaskPriority, { nullable: true }) priority?: TaskPriority | null;
  @Field(() => LocalDateScalar, { nullable: true }) dueDate?: string | null;
}
