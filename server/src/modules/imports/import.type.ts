import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

@ObjectType({ description: 'A problem of an import: the file line (the header is line 1), the column (null for the whole line) and why. Never a cell value.' })
export class ImportProblem {
  @Field(() => Int) line!: number;
  @Field(() => String, { nullable: true }) column!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType({ description: 'One run of a CSV import (uploaded to POST /imports/<target>): who, when, which file, what came of it.' })
export class Import {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'PATIENTS, PROVIDERS, APPOINTMENT_TYPES, SUPPLY_ITEMS or OPENING_STOCK.' }) target!: string;
  @Field(() => String, { description: 'DRY_RUN (nothing written), COMMITTED (every row written) or REJECTED (problems; nothing written).' }) status!: string;
  @Field(() => String, { description: 'SHA-256 of the file’s bytes: the same file is committed at most once per target.' }) fileSha256!: string;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => Int, { description: 'Data rows read (the header excluded).' }) rows!: number;
  @Field(() => Int, { description: 'All problems found (the first 1,000 are kept).' }) problemCount!: number;
  @Field(() => String) createdBy!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

export const ImportConnection = Connection('Import', Import);
