import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { MoneyScalar } from '../../graphql/scalars/money.js';
import { IsLocalDate } from '../../lib/validation.js';
import { RelayPageArgs } from '../common/page.args.js';
import { PatientStatement } from './statement.type.js';

@InputType({ description: 'A statement run for one monthly cycle (the month of asOf).' })
export class GenerateStatementsInput {
  @Field(() => LocalDateScalar, { description: 'The statement date (not after today on the practice calendar, not before a patient\'s latest statement cycle).' }) @IsLocalDate() asOf!: string;
  @Field(() => MoneyScalar, { description: 'Only patients whose patient part is at least this many cents (≥ 1) get a statement.' }) minimumBalance!: number;
  @Field(() => Int, { defaultValue: 30, description: 'Days from asOf to the due date (1–90).' }) @IsInt() @Min(1) @Max(90) dueInDays!: number;
}

@InputType({ description: 'Which statements to list; every given condition must hold.' })
export class StatementFilter {
  @Field(() => ID, { nullable: true }) patientId?: string | null;
  @Field(() => String, { nullable: true, description: 'A cycle, YYYY-MM.' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/) cycle?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'First statement date (inclusive).' }) @IsOptional() @IsLocalDate() from?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last statement date (inclusive).' }) @IsOptional() @IsLocalDate() to?: string | null;
}

@ArgsType()
export class StatementsArgs extends RelayPageArgs {
  @Field(() => StatementFilter, { nullable: true }) filter?: StatementFilter | null;
}

export const PatientStatementConnection = Connection('PatientStatement', PatientStatement);
