import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { Address } from '../common/address.type.js';
import { ContactAttachment } from '../correspondence/contact.type.js';

export enum ReferralDirection {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
}
registerEnumType(ReferralDirection, { name: 'ReferralDirection', description: 'OUTGOING: we refer a patient to a specialist. INCOMING: an outside office refers a patient to us.' });

export enum ReferralStatus {
  DRAFT = 'DRAFT',
  RECEIVED = 'RECEIVED',
  SENT = 'SENT',
  SCHEDULED = 'SCHEDULED',
  SEEN = 'SEEN',
  REPORT_RECEIVED = 'REPORT_RECEIVED',
  CLOSED = 'CLOSED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'OUTGOING: DRAFT → SENT → SCHEDULED → SEEN → REPORT_RECEIVED → CLOSED (the report was reviewed), or DECLINED / CANCELLED. INCOMING: RECEIVED → SCHEDULED → SEEN → CLOSED, or DECLINED / CANCELLED.',
});

export enum ReferralUrgency {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
  STAT = 'STAT',
}
registerEnumType(ReferralUrgency, { name: 'ReferralUrgency', description: 'How soon the patient should be seen.' });

@ObjectType({ description: 'An outside provider of the practice\'s directory (a specialist it refers to, or an office that refers to it). No PHI.' })
export class ExternalProvider {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: '10 digits, Luhn-checked.' }) npi!: string;
  @Field(() => String, { nullable: true, description: 'NUCC taxonomy code.' }) taxonomyCode!: string | null;
  @Field(() => String, { nullable: true }) specialty!: string | null;
  @Field(() => String, { nullable: true }) organization!: string | null;
  @Field(() => Address, { nullable: true }) address!: Address | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) fax!: string | null;
  @Field(() => [ID], { description: 'Payers (of your practice) this provider accepts.' }) acceptedPayerIds!: string[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'The payer\'s authorization for the referral.' })
export class ReferralAuthorization {
  @Field(() => String, { nullable: true }) number!: string | null;
  @Field(() => Int, { nullable: true, description: 'Visits authorized.' }) visits!: number | null;
  @Field(() => Int, { description: 'Visits used (one per SEEN).' }) visitsUsed!: number;
  @Field(() => Int, { nullable: true, description: 'visits − visitsUsed, when visits are limited.' }) visitsLeft!: number | null;
  @Field(() => LocalDateScalar, { nullable: true }) validFrom!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validTo!: string | null;
}

@ObjectType({ description: 'One status change of a referral: who and when.' })
export class ReferralHistoryEntry {
  @Field(() => ReferralStatus, { nullable: true }) fromStatus!: ReferralStatus | null;
  @Field(() => ReferralStatus) toStatus!: ReferralStatus;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String) byUserId!: string;
  @Field(() => DateTimeScalar) at!: Date;
}

@ObjectType({ description: 'A referral, outgoing or incoming. PHI: staff roles only.' })
export class Referral {
  @Field(() => ID) id!: string;
  @Field(() => ReferralDirection) direction!: ReferralDirection;
  @Field(() => ID) patientId!: string;
  @Field(() => ID, { nullable: true, description: 'OUTGOING: the referring provider here. INCOMING: the provider here the patient is referred to, if named.' }) providerId!: string | null;
  @Field(() => ID, { description: 'OUTGOING: the specialist. INCOMING: the referring outside provider.' }) externalProviderId!: string;
  @Field(() => String) reason!: string;
  @Field(() => [String], { description: 'ICD-10-CM codes, without the dot.' }) diagnosisCodes!: string[];
  @Field(() => ReferralUrgency) urgency!: ReferralUrgency;
  @Field(() => [ContactAttachment], { description: 'Records sent with it (document references).' }) attachments!: ContactAttachment[];
  @Field(() => ReferralAuthorization) authorization!: ReferralAuthorization;
  @Field(() => ReferralStatus) status!: ReferralStatus;
  @Field(() => LocalDateScalar, { nullable: true }) sentOn!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The appointment: the specialist\'s (OUTGOING) or ours (INCOMING).' }) scheduledFor!: Date | null;
  @Field(() => LocalDateScalar, { nullable: true }) seenOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) reportReceivedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'The clinician who reviewed the report and closed the loop.' }) reviewedBy!: string | null;
  @Field(() => String, { nullable: true }) declineReason!: string | null;
  @Field(() => ID, { nullable: true, description: 'INCOMING: the booking request on the waitlist.' }) waitlistEntryId!: string | null;
  @Field(() => ID, { nullable: true, description: 'INCOMING: our visit, once booked.' }) appointmentId!: string | null;
  @Field(() => Int, { description: 'Days since it was sent (SENT) or seen (SEEN), else null.', nullable: true }) daysWaiting!: number | null;
  @Field(() => String) createdBy!: string;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

@ObjectType({ description: 'A referral letter, ready to fax.' })
export class ReferralLetter {
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'Always application/pdf.' }) contentType!: string;
  @Field(() => String, { description: 'The PDF bytes, base64-encoded.' }) base64!: string;
  @Field(() => Int) byteLength!: number;
}

export const ReferralConnection = Connection('Referral', Referral);
export const ExternalProviderConnection = Connection('ExternalProvider', ExternalProvider);
