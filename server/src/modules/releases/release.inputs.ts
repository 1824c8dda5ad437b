import { ArrayMaxSize, ArrayMinSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { IsNotBlank } from '../../lib/validation.js';
import { DocumentType } from '../documents/document.type.js';

@InputType({ description: 'A release-of-information request. Which records: either chosen document versions (documentIds), or document types and/or a document date range (the current versions matching when it is sent).' })
export class CreateReleaseRequestInput {
  @Field(() => ID) patientId!: string;
  @Field(() => String, { description: 'The person the records go to (1–200 characters).' }) @IsNotBlank() @Length(1, 200) requesterName!: string;
  @Field(() => String, { nullable: true, description: 'Their organization (up to 200 characters).' }) @IsOptional() @Length(1, 200) requesterOrganization?: string | null;
  @Field(() => String, { nullable: true, description: 'Where to send the package (address, fax, secure mail), up to 500 characters.' }) @IsOptional() @Length(1, 500) deliverTo?: string | null;
  @Field(() => String, { description: 'Why the records are released, as the authorization states it (1–500 characters).' }) @IsNotBlank() @Length(1, 500) purpose!: string;
  @Field(() => [DocumentType], { nullable: true, description: 'Only documents of these types (omit for every type).' }) @IsOptional() @ArrayMinSize(1) documentTypes?: DocumentType[] | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Only documents dated on or after this day.' }) fromDate?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Only documents dated on or before this day.' }) toDate?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Exactly these document versions (instead of types and dates); up to 200.' }) @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(200) documentIds?: string[] | null;
  @Field(() => ID, { description: "The patient's signed authorization: a CONSENT document of this patient, not entered in error." }) authorizationDocumentId!: string;
  @Field(() => LocalDateScalar, { description: 'The last day (the practice\'s calendar) the authorization allows a release; today or later.' }) authorizationExpiresOn!: string;
  @Field(() => String, { nullable: true, description: 'Client-chosen key (8–100 characters): a retry with the same key returns the same request.' }) @IsOptional() @Length(8, 100) idempotencyKey?: string | null;
}

@InputType({ description: 'Approves a REQUESTED release.' })
export class ApproveReleaseRequestInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'Kept in the history (up to 500 characters).' }) @IsOptional() @Length(1, 500) note?: string | null;
}

@InputType({ description: 'Denies a REQUESTED release.' })
export class DenyReleaseRequestInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { description: 'Why (1–500 characters).' }) @IsNotBlank() @Length(1, 500) reason!: string;
}

@InputType({ description: 'Records that an APPROVED release was sent.' })
export class SendReleaseRequestInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'How it was sent (tracking number, fax confirmation), kept in the history.' }) @IsOptional() @Length(1, 500) note?: string | null;
}
