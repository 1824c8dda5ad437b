import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

export enum DocumentType {
  REFERRAL_LETTER = 'REFERRAL_LETTER',
  OUTSIDE_RECORD = 'OUTSIDE_RECORD',
  CONSENT = 'CONSENT',
  ID_CARD = 'ID_CARD',
  INSURANCE_CARD = 'INSURANCE_CARD',
  LAB_REPORT = 'LAB_REPORT',
  CORRESPONDENCE = 'CORRESPONDENCE',
  PAYER_CORRESPONDENCE = 'PAYER_CORRESPONDENCE',
  OTHER = 'OTHER',
}
registerEnumType(DocumentType, {
  name: 'DocumentType',
  description: 'What a document is. INSURANCE_CARD and PAYER_CORRESPONDENCE (EOBs, payer letters, denials) are the billing documents — the only ones a BILLER sees or uploads.',
});

export enum DocumentStatus {
  CURRENT = 'CURRENT',
  SUPERSEDED = 'SUPERSEDED',
  ENTERED_IN_ERROR = 'ENTERED_IN_ERROR',
}
registerEnumType(DocumentStatus, { name: 'DocumentStatus', description: 'CURRENT: the latest version; SUPERSEDED: a newer version exists (this one stays readable); ENTERED_IN_ERROR: filed by mistake (kept, never deleted).' });

@ObjectType({ description: 'Why and by whom a document version was marked entered in error.' })
export class DocumentEnteredInError {
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => String, { description: 'The user who marked it.' }) by!: string;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: 'One version of a document attached to a patient. Its content is downloaded over HTTP at `contentPath` (GET with the same bearer token; audited). PHI.' })
export class Document {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => DocumentType) type!: DocumentType;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => LocalDateScalar, { description: 'The date the document bears.' }) documentDate!: string;
  @Field(() => String, { nullable: true, description: 'Where it came from (an outside practice, a lab, the patient…).' }) source!: string | null;
  @Field(() => String, { nullable: true }) author!: string | null;
  @Field(() => String, { description: 'Detected from the content (application/pdf, image/png, image/jpeg, image/tiff, text/plain).' }) mediaType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => String, { description: 'SHA-256 of the content, lowercase hex.' }) sha256!: string;
  @Field(() => Int, { description: '1 for the first version, +1 for each newer one.' }) revision!: number;
  @Field(() => ID, { nullable: true, description: 'The version this one replaced.' }) supersedesId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The version that replaced this one.' }) supersededById!: string | null;
  @Field(() => DocumentStatus) status!: DocumentStatus;
  @Field(() => DocumentEnteredInError, { nullable: true }) enteredInError!: DocumentEnteredInError | null;
  @Field(() => String, { description: 'The user who uploaded it.' }) uploadedBy!: string;
  @Field(() => String, { description: 'Where to GET the content, relative to the server root: /documents/<id>/content.' }) contentPath!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

export const DocumentConnection = Connection('Document', Document);
