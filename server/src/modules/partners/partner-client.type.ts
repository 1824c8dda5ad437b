import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/date-time.js';

@ObjectType({ description: 'A machine client of a partner company. It gets short-lived tokens at POST /oauth/token (client-credentials grant) and reaches only the fields its scopes name.' })
export class PartnerClient {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The public client_id to authenticate with at POST /oauth/token.' }) clientId!: string;
  @Field(() => String) name!: string;
  @Field(() => [String], { description: 'Granted OAuth scopes, e.g. patients:read-demographics, eligibility:write (see the README for what each reaches).' }) scopes!: string[];
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the current secret was issued.' }) secretRotatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Set once revoked: the secret no longer works and its tokens stop working within 30 seconds.' }) revokedAt!: Date | null;
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'A partner client with its secret. The secret is shown only here, once: store it now.' })
export class PartnerClientWithSecret {
  @Field(() => PartnerClient) client!: PartnerClient;
  @Field(() => String, { description: 'The client_secret. The server keeps only a hash: it cannot be shown again, only rotated.' }) clientSecret!: string;
}

@ObjectType()
export class PartnerClientPayload {
  @Field(() => PartnerClient) client!: PartnerClient;
}
