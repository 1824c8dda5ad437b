import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Authorized } from 'type-graphql';
import { Role } from '../../graphql/roles.js';
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
    'A patient of the practice. All fields are PHI: reachable only through root fields allowed to FRONT_DESK, CLINICIAN, BILLER, PRACTICE_ADMIN and PARTNER; every read is audited.',
})
export class Patient {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Medical record number, unique in the practice.' }) mrn!: string;
  @Field(() => PersonName, { description: 'Legal name.' }) legalName!: PersonName;
  @Field(() => String, { nullable: true }) preferredName?: string | null;
  @Field(() => LocalDateScalar) dateOfBirth!: string;
  @Field(() => SexAtBirth) sexAtBirth!: SexAtBirth;
  @Field(() => String, { nullable: true }) genderIdentity?: string | null;
  @Field(() => [Phone]) phones!: Phone[];
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => Address, { nullable: true }) address?: Address | null;
  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. en, es, zh-Hant.' })
  preferredLanguage?: string | null;
  @Field(() => [EmergencyContact]) emergencyContacts!: EmergencyContact[];
  @Field(() => CommunicationConsents) consents!: CommunicationConsents;
  @Field(() => PatientStatus) status!: PatientStatus;
  @Authorized(Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.PRACTICE_ADMIN)
  @Field(() => String, { nullable: true, description: 'Free-text office notes. Not for PARTNER clients.' })
  notes?: string | null;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it as expectedVersion when updating.' }) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}
