import { ArrayMaxSize, IsOptional, Length, Matches, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';

@InputType({ description: 'One price to set. An existing entry with the same code, modifiers and effectiveFrom is replaced.' })
export class FeeEntryInput {
  @Field(() => String) @Matches(/^([0-9]{4}[0-9FTU]|[A-Va-v][0-9]{4})$/, { message: 'must be a CPT or HCPCS Level II code' }) code!: string;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(4) @Matches(/^[0-9A-Za-z]{2}$/, { each: true, message: 'must be 2-character modifiers' }) modifiers!: string[];
  @Field(() => MoneyScalar, { description: 'In cents.' }) @Min(0) amount!: number;
  @Field(() => LocalDateScalar) effectiveFrom!: string;
  @Field(() => LocalDateScalar, { nullable: true }) effectiveTo?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) label?: string | null;
}

@InputType()
export class UpsertFeeScheduleEntriesInput {
  @Field(() => ID, { nullable: true, description: 'The payer whose contract to change; omit for the charge master.' }) payerId?: string | null;
  @Field(() => [FeeEntryInput]) @ArrayMaxSize(1000) @ValidateNested({ each: true }) entries!: FeeEntryInput[];
}

@InputType()
export class ImportFeeScheduleCsvInput {
  @Field(() => ID, { nullable: true, description: 'The payer whose contract the file is; omit for the charge master.' }) payerId?: string | null;
  @Field(() => String, { description: 'The whole schedule as CSV (columns code,modifiers,amount,effective_from,effective_to,label; amounts in dollars like 125.00). It replaces every entry of the schedule.' })
  @Length(1, 2_000_000)
  csv!: string;
}

@ArgsType()
export class FeeForArgs {
  @Field(() => String) code!: string;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(4) modifiers!: string[];
  @Field(() => ID, { nullable: true, description: 'The payer whose contracted allowed amount to include.' }) payerId?: string | null;
  @Field(() => LocalDateScalar) dateOfService!: string;
}

@ArgsType()
export class FeeEntriesArgs {
  @Field(() => String, { nullable: true, description: 'Only this code.' }) code?: string | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
