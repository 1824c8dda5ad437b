import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsNotBlank } from '../../lib/validation.js';
import { IntakePatientField, IntakeQuestionType, IntakeSection } from './intake-question.js';

@InputType({ description: 'One question of a form being defined.' })
export class IntakeQuestionInput {
  @Field(() => String, { description: 'Lowercase letters, digits and _ (up to 40), unique in the form.' }) key!: string;
  @Field(() => IntakeSection) section!: IntakeSection;
  @Field(() => String) @Length(1, 300) label!: string;
  @Field(() => IntakeQuestionType) type!: IntakeQuestionType;
  @Field(() => Boolean, { defaultValue: false }) required!: boolean;
  @Field(() => [String], { nullable: true, description: 'CHOICE only: 2–50 choices.' }) @IsOptional() choices?: string[] | null;
  @Field(() => IntakePatientField, { nullable: true, description: 'DEMOGRAPHICS TEXT only: the patient field a reviewed answer may update.' }) patientField?: IntakePatientField | null;
}

@InputType()
export class CreateIntakeFormInput {
  @Field(() => String, { description: 'Unique in the practice (1–120 characters).' }) @IsNotBlank() @Length(1, 120) name!: string;
  @Field(() => [IntakeQuestionInput]) @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) questions!: IntakeQuestionInput[];
}

@InputType({ description: 'A new version of a form; answers already submitted keep the version they answered.' })
export class ReviseIntakeFormInput {
  @Field(() => ID) formId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => [IntakeQuestionInput]) @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) questions!: IntakeQuestionInput[];
}

@InputType()
export class SendIntakeFormInput {
  @Field(() => ID) appointmentId!: string;
  @Field(() => ID) formId!: string;
  @Field(() => Int, { defaultValue: 72, description: 'Hours the link stays valid (1–336, default 72).' }) @IsInt() @Min(1) @Max(336) expiresInHours!: number;
}

@InputType()
export class ReviewIntakeInput {
  @Field(() => ID) submissionId!: string;
  @Field(() => Boolean, { defaultValue: false, description: "Update the patient's record from the DEMOGRAPHICS answers mapped to patient fields (through the patient service: versioned and audited)." }) applyDemographics!: boolean;
  @Field(() => Int, { nullable: true, description: "With applyDemographics: the patient's version you reviewed against; a stale one gets VERSION_CONFLICT." }) expectedPatientVersion?: number | null;
  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "Update the patient's primary coverage from the INSURANCE answers mapped to COVERAGE_ fields, through the coverage service in the same transaction (history and audit): a new primary coverage when none is in force on its start date (COVERAGE_EFFECTIVE_DATE, else today), the same payer's coverage updated, another payer's coverage ended the day before the new one starts. An unknown payer or a half-answered subscriber is BAD_USER_INPUT naming the answer, and nothing is applied.",
  })
  applyCoverage!: boolean;
  @Field(() => Int, { nullable: true, description: 'With applyCoverage, when the patient has a primary coverage in force: its version you reviewed against; a stale one gets VERSION_CONFLICT.' }) expectedCoverageVersion?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
}
