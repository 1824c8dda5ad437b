import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Authorized } from 'type-graphql';
import { accessText, CLINICAL_TEXT_READERS, PATIENT_CONTACT_READERS, STAFF_PHI } from '../../graphql/access.js';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { Address } from '../common/address.type.js';

export enum SexAtBirth {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  UNKNOWN = 'UNKNOWN',
}
export enum PatientStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  DECEASED = 'DECEASED',
  MERGED = 'MERGED',
}
export enum PhoneKind {
  MOBILE = 'MOBILE',
  HOME = 'HOME',
  WORK = 'WORK',
}
registerEnumType(SexAtBirth, { name: 'SexAtBirth', description: 'Sex assigned at birth, as payers require it.' });
registerEnumType(PatientStatus, { name: 'PatientStatus' });
registerEnumType(PhoneKind, { name: 'PhoneKind' });

@ObjectType()
export class PersonName {
  @Field(() => String) given!: string;
  @Field(() => String, { nullable: true }) middle?: string | null;
  @Field(() => String) family!: string;
}

@ObjectType()
export class Phone {
  @Field(() => PhoneKind) kind!: PhoneKind;
  @Field(() => String, { description: 'E.164, e.g. +15555550123.' }) number!: string;
  @Field(() => Boolean) primary!: boolean;
}

@ObjectType()
export class EmergencyContact {
  @Field(() => String) name!: string;
  @Field(() => String) relationship!: string;
  @Field(() => String) phone!: string;
}

@ObjectType({ description: 'What the patient agreed to be contacted by.' })
export class CommunicationConsents {
  @Field(() => Boolean) sms!: boolean;
  @Field(() => Boolean) email!: boolean;
  @Field(() => Boolean) voicemail!: boolean;
  @Field(() => Boolean) portal!: boolean;
}

@ObjectType({
  description:
    'A patient of the practice. All fields are PHI: a Patient is reachable, at the root or nested, only by FRONT_DESK, CLINICIAN, BILLER, PRACTICE_ADMIN and partner clients with patients:read-demographics; fields beyond demographics say who else they need. Every read is audited.',
})
export class Patient {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Medical record number, unique in the practice.' }) mrn!: string;
  @Field(() => PersonName, { description: 'Legal name.' }) legalName!: PersonName;
  @Field(() => String, { nullable: true }) preferredName?: string | null;
  @Field(() => LocalDateScalar) dateOfBirth!: string;
  @Field(() => SexAtBirth) sexAtBirth!: SexAtBirth;
  @Authorized(STAFF_PHI)
  @Field(() => String, { nullable: true, description: `${accessText(STAFF_PHI)}` }) genderIdentity?: string | null;
  @Authorized(PATIENT_CONTACT_READERS)
  @Field(() => [Phone], { description: `${accessText(PATIENT_CONTACT_READERS)}` }) phones!: Phone[];
  @Authorized(PATIENT_CONTACT_READERS)
  @Field(() => String, { nullable: true, description: `${accessText(PATIENT_CONTACT_READERS)}` }) email?: string | null;
  @Field(() => Address, { nullable: true }) address?: Address | null;
  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. en, es, zh-Hant.' })
  preferredLanguage?: string | null;
  @Authorized(STAFF_PHI)
  @Field(() => [EmergencyContact], { description: `${accessText(STAFF_PHI)}` }) emergencyContacts!: EmergencyContact[];
  @Authorized(PATIENT_CONTACT_READERS)
  @Field(() => CommunicationConsents, { description: `How the patient agreed to be contacted. ${accessText(PATIENT_CONTACT_READERS)}` }) consents!: CommunicationConsents;
  @Field(() => PatientStatus) status!: PatientStatus;
  @Authorized(CLINICAL_TEXT_READERS)
  @Field(() => String, { nullable: true, description: `Free-text office notes (clinical and front-desk staff only: minimum necessary). ${accessText(CLINICAL_TEXT_READERS)}` })
  notes?: string | null;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it as expectedVersion when updating.' }) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}
