import { IsBoolean, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsNotBlank } from '../../lib/validation.js';

@InputType({ description: 'A new room at one of your locations.' })
export class CreateRoomInput {
  @Field(() => ID) locationId!: string;
  @Field(() => String, { description: 'E.g. "Exam 1"; unique per location among active rooms, ignoring case.' }) @IsNotBlank() @Length(1, 60) name!: string;
}

@InputType({ description: 'Changes to a room; omitted fields stay as they are.' })
export class UpdateRoomInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one gets VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotBlank() @Length(1, 60) name?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'false deactivates the room (a patient already in it stays until the visit ends); true reactivates it.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}
