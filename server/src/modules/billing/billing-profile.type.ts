import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Address } from '../common/address.type.js';

@ObjectType({ description: 'How a location appears as the service facility on claims.' })
export class ServiceFacility {
  @Field(() => ID) locationId!: string;
  @Field(() => String, { nullable: true, description: 'Name billed as the service facility; null = the location’s name.' }) facilityName!: string | null;
  @Field(() => String, { nullable: true, description: 'The facility’s own type-2 NPI, when it has one.' }) npi!: string | null;
}

@ObjectType({ description: 'The practice’s billing identity (billing provider on claims). Not PHI.' })
export class BillingProfile {
  @Field(() => ID) id!: string;
  @Field(() => String) legalName!: string;
  @Field(() => String, { description: 'Employer identification number (EIN), 9 digits without the dash.' }) tin!: string;
  @Field(() => String, { description: 'The group’s organisation (type 2) NPI.' }) groupNpi!: string;
  @Field(() => String, { description: 'NUCC taxonomy code of the group.' }) taxonomyCode!: string;
  @Field(() => Address, { description: 'A street address (never a PO box).' }) billingAddress!: Address;
  @Field(() => Address, { nullable: true, description: 'Where payments go; null = the billing address.' }) payToAddress!: Address | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => [ServiceFacility], { description: 'Service-facility details per location (locations without one bill under their own name).' }) serviceFacilities!: ServiceFacility[];
  @Field(() => Int, { description: 'Pass it as expectedVersion when updating.' }) version!: number;
}

@ObjectType()
export class ProviderBilling {
  @Field(() => ID) providerId!: string;
  @Field(() => Boolean) billsUnderGroup!: boolean;
}
