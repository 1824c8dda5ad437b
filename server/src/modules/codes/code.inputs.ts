import { ArrayMaxSize, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

@ArgsType()
export class CodeSearchArgs {
  @Field(() => String, { description: 'A code prefix (E11, e11.6, 9921) or words; typos are tolerated (diabetis).' })
  @IsString()
  @Length(1, 100)
  search!: string;
  @Field(() => LocalDateScalar, { description: 'Date of service: searches the code set release in force on it.' }) dateOfService!: string;
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 200 (default 20).' }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@InputType({ description: 'The codes of one encounter to check against the code sets in force on its date of service.' })
export class ValidateCodesInput {
  @Field(() => LocalDateScalar) dateOfService!: string;
  @Field(() => [String], { defaultValue: [], description: 'ICD-10-CM codes, with or without the dot.' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  diagnoses!: string[];
  @Field(() => [String], { defaultValue: [], description: 'CPT or HCPCS Level II codes.' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  procedures!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Two-character modifiers.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(4, { each: true })
  modifiers!: string[];
}
