import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

export enum ContactChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  FAX = 'FAX',
  PORTAL_MESSAGE = 'PORTAL_MESSAGE',
  LETTER = 'LETTER',
  IN_PERSON = 'IN_PERSON',
}
registerEnumType(ContactChannel, { name: 'ContactChannel', description: 'How the contact happened.' });

export enum ContactDirection {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
}
registerEnumType(ContactDirection, { name: 'ContactDirection', description: 'INBOUND: they reached the office; OUTBOUND: the office reached them.' });

@ObjectType({ description: 'The other party of a contact (a patient\'s relative, a pharmacy, a specialist\'s office, a payer…).' })
export class ContactParty {
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) organization!: string | null;
  @Field(() => String, { nullable: true, description: 'E.164.' }) phone!: string | null;
  @Field(() => String, { nullable: true, description: 'E.164.' }) fax!: string | null;
}

@ObjectType({ description: 'A document a contact refers to.' })
export class ContactAttachment {
  @Field(() => String, { description: 'The document\'s reference in the document store.' }) reference!: string;
  @Field(() => String) label!: string;
}

@ObjectType({ description: 'One entry of the correspondence log: a call, email, fax, portal message, letter or visit at the desk. PHI: staff roles only.' })
export class Contact {
  @Field(() => ID) id!: string;
  @Field(() => ContactChannel) channel!: ContactChannel;
  @Field(() => ContactDirection) direction!: ContactDirection;
  @Field(() => ID, { nullable: true, description: 'The patient it was about, if any.' }) patientId!: string | null;
  @Field(() => ContactParty) party!: ContactParty;
  @Field(() => String) topic!: string;
  @Field(() => String) summary!: string;
  @Field(() => String, { nullable: true }) outcome!: string | null;
  @Field(() => [ContactAttachment]) attachments!: ContactAttachment[];
  @Field(() => DateTimeScalar) occurredAt!: Date;
  @Field(() => String, { description: 'The user who logged it.' }) loggedBy!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => Int) version!: number;
}

export const ContactConnection = Connection('Contact', Contact);
