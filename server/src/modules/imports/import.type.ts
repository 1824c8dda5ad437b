import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

@ObjectType({ description: 'A problem of an import: the file line (the header is line 1), the column (null for the whole line) and why. Never a cell value.' })
export class ImportProblem {
  @Field(() => Int) line!: number;
  @Field(() => String, { nullable: true }) column!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType({
  description:
    'How far an import has got. While it runs this comes from the memory of the server process that runs it (on PGlite the import’s transaction holds the only database connection, so progress cannot be stored beside it); a finished import answers from its record.',
})
export class ImportProgress {
  @Field(() => Int, { description: 'Data rows read so far (the header excluded).' }) rowsRead!: number;
  @Field(() => Int, { nullable: true, description: 'Bytes of the file read so far (null once finished: the record keeps rows, not bytes).' }) bytesRead!: number | null;
  @Field(() => Int, { nullable: true, description: 'The file’s size when the upload announced it (Content-Length).' }) totalBytes!: number | null;
  @Field(() => Int, { nullable: true, description: 'Whole percent done by bytes (100 once finished); null while running when the size is unknown.' }) percent!: number | null;
  @Field(() => Boolean, { description: 'True once the import is recorded (DRY_RUN, COMMITTED or REJECTED).' }) finished!: boolean;
}

@ObjectType({ description: 'One run of a CSV import (uploaded to POST /imports/<target>): who, when, which file, what came of it.' })
export class Import {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'PATIENTS, PROVIDERS, APPOINTMENT_TYPES, SUPPLY_ITEMS, OPENING_STOCK, COVERAGES, PAYERS or FEE_SCHEDULES.' }) target!: string;
  @Field(() => String, { description: 'RUNNING (not recorded yet), DRY_RUN (nothing written), COMMITTED (every row, or in GOOD_ROWS mode every good row, written) or REJECTED (problems; nothing written).' }) status!: string;
  @Field(() => String, { description: 'ALL_OR_NOTHING, or GOOD_ROWS (good rows written, bad ones downloadable from GET /imports/<id>/rejected.csv).' }) mode!: string;
  @Field(() => String, { description: 'SHA-256 of the file’s bytes: the same file is committed at most once per target. Empty while running.' }) fileSha256!: string;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => Int, { description: 'Data rows read (the header excluded).' }) rows!: number;
  @Field(() => Int, { description: 'All problems found (the first 1,000 are kept).' }) problemCount!: number;
  @Field(() => Int, { description: 'Rows a GOOD_ROWS commit left out (in the rejected-rows CSV).' }) rejectedRows!: number;
  @Field(() => ImportProgress) progress!: ImportProgress;
  @Field(() => String) createdBy!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

export const ImportConnection = Connection('Import', Import);

@ObjectType({ description: 'One column of a saved mapping: the file’s header cell and the target column it fills (null: ignored).' })
export class ImportMappingColumn {
  @Field(() => String) header!: string;
  @Field(() => String, { nullable: true }) column!: string | null;
}

@ObjectType({ description: 'A practice’s saved column mapping for a target, used by default for a file whose header cells are exactly these (in any order, compared without case, spaces, dashes or underscores).' })
export class ImportMapping {
  @Field(() => ID) id!: string;
  @Field(() => String) target!: string;
  @Field(() => [ImportMappingColumn]) columns!: ImportMappingColumn[];
  @Field(() => String) createdBy!: string;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

@InputType()
export class ImportMappingColumnInput {
  @Field(() => String) @IsString() @Length(1, 200) header!: string;
  @Field(() => String, { nullable: true, description: 'A column of the target, or null to ignore the file’s column.' }) @IsOptional() @IsString() column!: string | null;
}

@InputType()
export class SaveImportMappingInput {
  @Field(() => String, { description: 'The import target (e.g. PATIENTS).' }) target!: string;
  @Field(() => [ImportMappingColumnInput], { description: 'Every header cell of the files this mapping is for.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested()
  columns!: ImportMappingColumnInput[];
}

@ObjectType()
export class SaveImportMappingPayload {
  @Field(() => ImportMapping) mapping!: ImportMapping;
}
