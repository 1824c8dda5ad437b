import { ArrayMaxSize, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { IsNotBlank, IsUsPhone } from '../../lib/validation.js';
import { CreateTaskFollowUpInput } from '../tasks/task.inputs.js';
import { ContactChannel, ContactDirection } from './contact.type.js';

@InputType()
export class ContactPartyInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) organization?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUsPhone() phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsUsPhone() fax?: string | null;
}

@InputType()
export class ContactAttachmentInput {
  @Field(() => String) @IsNotBlank() @Length(1, 500) reference!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 200) label!: string;
}

@InputType({ description: 'A contact to log; `followUp` also creates a task about it in the same transaction.' })
export class LogContactInput {
  @Field(() => ContactChannel) channel!: ContactChannel;
  @Field(() => ContactDirection) direction!: ContactDirection;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'must be an id' }) patientId?: string | null;
  @Field(() => ContactPartyInput, { nullable: true }) @IsOptional() @ValidateNested() party?: ContactPartyInput | null;
  @Field(() => String) @IsNotBlank() @Length(1, 200) topic!: string;
  @Field(() => String) @IsNotBlank() @Length(1, 8000) summary!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) outcome?: string | null;
  @Field(() => [ContactAttachmentInput], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @ValidateNested({ each: true }) attachments?: ContactAttachmentInput[] | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it happened; defaults to now. Not in the future.' }) occurredAt?: Date | null;
  @Field(() => CreateTaskFollowUpInput, { nullable: true }) @IsOptional() @ValidateNested() followUp?: CreateTaskFollowUpInput | null;
}

@InputType({ description: 'Narrows the correspondence log; the conditions combine (AND).' })
export class ContactFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'must be an id' }) patientId?: string | null;
  @Field(() => ContactChannel, { nullable: true }) channel?: ContactChannel | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Occurred at or after.' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Occurred before.' }) to?: Date | null;
}
