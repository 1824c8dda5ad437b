import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';

export enum CodeSource {
  ICD10CM = 'ICD10CM',
  HCPCS = 'HCPCS',
  CPT = 'CPT',
  FEE_SCHEDULE = 'FEE_SCHEDULE',
}
registerEnumType(CodeSource, {
  name: 'CodeSource',
  description: 'Where a code and its text come from: an official code set, the practice’s licensed CPT import, or (CPT without one) the practice’s own charge-master label.',
});

export enum CodeProblemReason {
  MALFORMED = 'MALFORMED',
  UNKNOWN = 'UNKNOWN',
  NOT_IN_FORCE = 'NOT_IN_FORCE',
  NOT_BILLABLE = 'NOT_BILLABLE',
  NO_CODE_SET = 'NO_CODE_SET',
}
registerEnumType(CodeProblemReason, {
  name: 'CodeProblemReason',
  description: 'MALFORMED: not shaped like a code of its kind. UNKNOWN: in no release. NOT_IN_FORCE: in another release, not the one in force on the date of service. NOT_BILLABLE: a category (header), not full specificity. NO_CODE_SET: no release in force on that date.',
});

@ObjectType({ description: 'A diagnosis or procedure code as of a date of service. Reference data, not PHI.' })
export class BillingCode {
  @Field(() => String, { description: 'The code as printed: ICD-10-CM with its dot (E11.9), CPT/HCPCS as is.' }) code!: string;
  @Field(() => String, { nullable: true, description: 'Long description; null for a CPT code the practice has not labelled.' }) description!: string | null;
  @Field(() => String, { nullable: true }) shortDescription!: string | null;
  @Field(() => Boolean, { description: 'False for a category (header) code: known, but refused on a claim line.' }) billable!: boolean;
  @Field(() => CodeSource) source!: CodeSource;
}

export const BillingCodeConnection = Connection('BillingCode', BillingCode);

@ObjectType({ description: 'One problem with one code of a validateCodes request.' })
export class CodeProblem {
  @Field(() => String, { description: 'Where: diagnoses.<i>, procedures.<i> or modifiers.<i> (0-based).' }) path!: string;
  @Field(() => String, { description: 'The code as given.' }) code!: string;
  @Field(() => CodeProblemReason) reason!: CodeProblemReason;
  @Field(() => String) message!: string;
}

@ObjectType({ description: 'The outcome of validateCodes: every problem, in input order.' })
export class CodeValidation {
  @Field(() => Boolean, { description: 'True when there is no problem.' }) valid!: boolean;
  @Field(() => [CodeProblem]) problems!: CodeProblem[];
}
