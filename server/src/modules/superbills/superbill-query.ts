import { IsOptional } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Connection } from '../../graphql/pagination.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { IsLocalDate } from '../../lib/validation.js';
import { RelayPageArgs } from '../common/page.args.js';
import { SuperbillStatus } from './superbill-status.js';
import { Superbill } from './superbill.type.js';

@InputType({ description: 'Which superbills to list; every given condition must hold.' })
export class SuperbillFilter {
  @Field(() => [SuperbillStatus], { nullable: true }) status?: SuperbillStatus[] | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'First date of service (inclusive).' }) @IsOptional() @IsLocalDate() from?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last date of service (inclusive).' }) @IsOptional() @IsLocalDate() to?: string | null;
  @Field(() => ID, { nullable: true }) renderingProviderId?: string | null;
  @Field(() => ID, { nullable: true }) patientId?: string | null;
  @Field(() => ID, { nullable: true }) locationId?: string | null;
}

@ArgsType()
export class SuperbillsArgs extends RelayPageArgs {
  @Field(() => SuperbillFilter, { nullable: true }) filter?: SuperbillFilter | null;
}

export const SuperbillConnection = Connection('Superbill', Superbill);
