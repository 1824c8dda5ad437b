import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { DocumentType } from '../documents/document.type.js';
import { ReleaseStatus } from './release-status.js';

@ObjectType({ description: 'One status change of a release request.' })
export class ReleaseStatusChange {
  @Field(() => ReleaseStatus, { nullable: true, description: 'Null for the creation.' }) from!: ReleaseStatus | null;
  @Field(() => ReleaseStatus) to!: ReleaseStatus;
  @Field(() => String, { nullable: true, description: 'Why, or how it was sent.' }) note!: string | null;
  @Field(() => String, { description: 'The user who made the change.' }) changedBy!: string;
  @Field(() => DateTimeScalar) changedAt!: Date;
}

@ObjectType({ description: "A release-of-information request for a patient's records (PHI: reads are audited)." })
export class ReleaseRequest {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => String) requesterName!: string;
  @Field(() => String, { nullable: true }) requesterOrganization!: string | null;
  @Field(() => String, { nullable: true }) deliverTo!: string | null;
  @Field(() => String) purpose!: string;
  @Field(() => [DocumentType], { nullable: true, description: 'Types asked for (null: every type, or chosen versions).' }) documentTypes!: DocumentType[] | null;
  @Field(() => LocalDateScalar, { nullable: true }) fromDate!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) toDate!: string | null;
  @Field(() => [ID], { nullable: true, description: 'The chosen document versions, when the request names them.' }) documentIds!: string[] | null;
  @Field(() => ID) authorizationDocumentId!: string;
  @Field(() => LocalDateScalar) authorizationExpiresOn!: string;
  @Field(() => ReleaseStatus) status!: ReleaseStatus;
  @Field(() => String) requestedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The approval note or the reason for a denial.' }) decisionNote!: string | null;
  @Field(() => String, { nullable: true }) sentBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) sentAt!: Date | null;
  @Field(() => Int, { description: 'Pass it as expectedVersion.' }) version!: number;
}

@ObjectType({ description: 'A document version released in a disclosure (what it was, not its content).' })
export class DisclosedDocument {
  @Field(() => ID) documentId!: string;
  @Field(() => DocumentType) type!: DocumentType;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => LocalDateScalar) documentDate!: string;
  @Field(() => Int) revision!: number;
  @Field(() => String) sha256!: string;
}

@ObjectType({ description: "One entry of a patient's accounting of disclosures (HIPAA §164.528): when, to whom, why and what was released." })
export class Disclosure {
  @Field(() => ID, { description: 'The release request it came from.' }) releaseRequestId!: string;
  @Field(() => DateTimeScalar, { description: 'When the package was sent.' }) disclosedAt!: Date;
  @Field(() => String) recipientName!: string;
  @Field(() => String, { nullable: true }) recipientOrganization!: string | null;
  @Field(() => String, { nullable: true }) deliveredTo!: string | null;
  @Field(() => String) purpose!: string;
  @Field(() => String, { description: 'The user who sent it.' }) disclosedBy!: string;
  @Field(() => [DisclosedDocument], { description: 'Exactly the document versions released, newest document date first.' }) documents!: DisclosedDocument[];
}

@ObjectType({ description: 'The cover sheet of a sent release of information as a PDF.' })
export class ReleaseCoverSheet {
  @Field(() => String, { description: 'File name to save it under.' }) fileName!: string;
  @Field(() => String, { description: 'Always application/pdf.' }) contentType!: string;
  @Field(() => String, { description: 'The PDF bytes, base64-encoded.' }) base64!: string;
  @Field(() => Int, { description: 'Size of the PDF in bytes.' }) byteLength!: number;
}
