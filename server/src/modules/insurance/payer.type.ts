import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';
import { Address } from '../common/address.type.js';

export enum PayerType {
  COMMERCIAL = 'COMMERCIAL',
  MEDICARE = 'MEDICARE',
  MEDICAID = 'MEDICAID',
  MEDICARE_ADVANTAGE = 'MEDICARE_ADVANTAGE',
  TRICARE = 'TRICARE',
  WORKERS_COMP = 'WORKERS_COMP',
  AUTO = 'AUTO',
  SELF_PAY = 'SELF_PAY',
  OTHER = 'OTHER',
}
registerEnumType(PayerType, { name: 'PayerType', description: 'Kind of payer.' });

@ObjectType({ description: 'An insurance company or program in the practice’s payer directory. Not PHI.' })
export class Payer {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'EDI payer id the clearinghouse routes on (NM1*PR … PI).' }) ediPayerId!: string;
  @Field(() => PayerType) type!: PayerType;
  @Field(() => String, { description: 'Clearinghouse route for eligibility (270/271).' }) eligibilityRoute!: string;
  @Field(() => String, { description: 'Clearinghouse route for claims (837).' }) claimsRoute!: string;
  @Field(() => Address, { nullable: true }) address?: Address | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Boolean, { description: 'Modifier 95 is required on telehealth lines (checked on superbills).' }) telehealthModifier95!: boolean;
  @Field(() => Int, { description: 'Days from the date of service within which the payer accepts a claim (the scrubber\'s timely-filing edit).' }) timelyFilingDays!: number;
  @Field(() => Int, { description: 'Days from a denial within which the payer accepts an appeal.' }) appealDays!: number;
  @Field(() => Boolean, { description: 'The payer wants a prior authorization number on claims when no eligibility answer says otherwise (scrubber).' }) priorAuthorizationRequired!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
}
