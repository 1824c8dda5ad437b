import { Field, ID, InputType, Int } from 'type-graphql';
import { LabMessageFormat } from './result.type.js';

@InputType({ description: 'A lab message uploaded by staff (the lab interface posts to /results/hl7 or /results/fhir instead).' })
export class ReceiveLabMessageInput {
  @Field(() => LabMessageFormat) format!: LabMessageFormat;
  @Field(() => String, { description: 'The HL7 v2 message (CR, LF or CRLF between segments), or the FHIR Bundle as JSON text.' }) labMessage!: string;
}

@InputType()
export class ResultVersionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType({ description: 'Match an unmatched result to a patient.' })
export class MatchResultInput {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => Int) expectedVersion!: number;
}
