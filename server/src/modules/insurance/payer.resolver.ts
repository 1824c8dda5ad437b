import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { accessText, REFERENCE_READERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { AddPayerInput } from './payer.inputs.js';
import { listPayers } from './payer.repo.js';
import { addPayer, toPayer } from './payer.service.js';
import { Payer } from './payer.type.js';

@ObjectType()
class AddPayerPayload {
  @Field(() => Payer) payer!: Payer;
}

@Resolver(() => Payer)
export class PayerResolver {
  @Authorized(REFERENCE_READERS)
  @Query(() => [Payer], { description: `The practice’s payer directory, by name. ${accessText(REFERENCE_READERS)}` })
  async payers(@Arg('activeOnly', () => Boolean, { defaultValue: true }) activeOnly: boolean, @Ctx() ctx: Context): Promise<Payer[]> {
    return (await listPayers(ctx.db, requirePrincipal(ctx).practiceId, activeOnly)).map(toPayer);
  }

  @Authorized(Role.BILLER, Role.PRACTICE_ADMIN)
  @Mutation(() => AddPayerPayload, { description: 'Add a payer to the directory. Roles: BILLER, PRACTICE_ADMIN.' })
  async addPayer(@Arg('input', () => AddPayerInput) input: AddPayerInput, @Ctx() ctx: Context): Promise<AddPayerPayload> {
    return { payer: await addPayer(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }
}
