import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { Role } from '../../graphql/roles.js';
import { CreatePartnerClientInput, PartnerClientRefInput } from './partner-client.inputs.js';
import { listPartnerClients } from './partner-client.repo.js';
import * as service from './partner-client.service.js';
import { PartnerClient, PartnerClientPayload, PartnerClientWithSecret } from './partner-client.type.js';

@Resolver(() => PartnerClient)
export class PartnerClientResolver {
  @Authorized(Role.PRACTICE_ADMIN)
  @Query(() => [PartnerClient], { description: 'Partner clients of your practice (revoked ones too), by name. Secrets are never shown. Roles: PRACTICE_ADMIN.' })
  async partnerClients(@Ctx() ctx: Context): Promise<PartnerClient[]> {
    return (await listPartnerClients(ctx.db, requirePrincipal(ctx).practiceId)).map(service.toPartnerClient);
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => PartnerClientWithSecret, { description: 'Create a partner client with scopes; the answer holds its secret, shown this once. Roles: PRACTICE_ADMIN.' })
  createPartnerClient(@Arg('input', () => CreatePartnerClientInput) input: CreatePartnerClientInput, @Ctx() ctx: Context): Promise<PartnerClientWithSecret> {
    return service.createPartnerClient(ctx.db, requirePrincipal(ctx), ctx.audit, input);
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => PartnerClientWithSecret, { description: 'Replace a client\'s secret (the old one stops working at once; issued tokens live until they expire). The new secret is shown this once. Roles: PRACTICE_ADMIN.' })
  rotatePartnerClientSecret(@Arg('input', () => PartnerClientRefInput) input: PartnerClientRefInput, @Ctx() ctx: Context): Promise<PartnerClientWithSecret> {
    return service.rotatePartnerClientSecret(ctx.db, requirePrincipal(ctx), ctx.audit, input);
  }

  @Authorized(Role.PRACTICE_ADMIN)
  @Mutation(() => PartnerClientPayload, { description: 'Revoke a client for good: no new tokens, and its tokens stop working within 30 seconds. Roles: PRACTICE_ADMIN.' })
  async revokePartnerClient(@Arg('input', () => PartnerClientRefInput) input: PartnerClientRefInput, @Ctx() ctx: Context): Promise<PartnerClientPayload> {
    return { client: await service.revokePartnerClient(ctx.db, requirePrincipal(ctx), ctx.audit, input) };
  }
}
