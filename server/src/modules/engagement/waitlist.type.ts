import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { accessText, CLINICAL_TEXT_READERS } from '../../graphql/access.js';
import { Connection } from '../../graphql/pagination.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';

export enum WaitlistStatus {
  WAITING = 'WAITING',
  OFFERED = 'OFFERED',
  BOOKED = 'BOOKED',
  CANCELLED = 'CANCELLED',
}
export enum WaitlistOfferStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(WaitlistStatus, { name: 'WaitlistStatus', description: 'WAITING for a slot, OFFERED one (a hold is pending), BOOKED, or CANCELLED.' });
registerEnumType(WaitlistOfferStatus, { name: 'WaitlistOfferStatus' });

@ObjectType({ description: 'A window the patient prefers, in the location\'s local time.' })
export class PreferredTime {
  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' }) weekdays!: number[];
  @Field(() => String, { description: 'HH:MM local.' }) start!: string;
  @Field(() => String, { description: 'HH:MM local.' }) end!: string;
}

@ObjectType({ description: 'A patient waiting for an earlier slot. PHI: reachable by PHI roles only.' })
export class WaitlistEntry {
  @Field(() => ID) id!: string;
  @Field(() => ID) patientId!: string;
  @Field(() => ID, { nullable: true, description: 'null: any provider.' }) providerId!: string | null;
  @Field(() => ID) appointmentTypeId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => [PreferredTime], { description: 'Empty: any time.' }) preferredTimes!: PreferredTime[];
  @Field(() => LocalDateScalar, { nullable: true }) earliestDate!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) latestDate!: string | null;
  @Field(() => WaitlistStatus) status!: WaitlistStatus;
  @Authorized(CLINICAL_TEXT_READERS)
  @Field(() => String, { nullable: true, description: `Free-text notes. ${accessText(CLINICAL_TEXT_READERS)}` }) notes!: string | null;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeScalar, { description: 'Earlier entries are offered slots first.' }) createdAt!: Date;
}

@ObjectType({ description: 'A waitlist candidate for a freed slot.' })
export class WaitlistMatch {
  @Field(() => WaitlistEntry) entry!: WaitlistEntry;
  @Field(() => Boolean, { description: 'The slot lies inside one of the patient\'s preferred windows (or they have none).' }) fitsPreferredTimes!: boolean;
}

export const WaitlistMatchConnection = Connection('WaitlistMatch', WaitlistMatch);

@ObjectType({ description: 'A slot offered to a waitlisted patient. The slot is held (an appointment with status HELD) until expiresAt.' })
export class WaitlistOffer {
  @Field(() => ID) id!: string;
  @Field(() => ID) waitlistEntryId!: string;
  @Field(() => ID, { description: 'The HELD appointment; BOOKED once accepted.' }) appointmentId!: string;
  @Field(() => WaitlistOfferStatus) status!: WaitlistOfferStatus;
  @Field(() => DateTimeScalar) expiresAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) respondedAt!: Date | null;
  @Field(() => Int) version!: number;
}
