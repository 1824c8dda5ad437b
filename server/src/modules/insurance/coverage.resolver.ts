import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { accessText, COVERAGE_READERS } from '../../graphql/access.js';
import { Role } from '../../graphql/roles.js';
import { todayIn } from '../../lib/dates.js';
import { AddCoverageInput, EndCoverageInput, ReorderCoveragesInput, UpdateCoverageInput } from './coverage.inputs.js';
import * as service from './coverage.service.js';
import { Coverage, type CoverageOrder, type CoverageStatus, CoverageVersion } from './coverage.type.js';
import { toPayer } from './payer.service.js';
import { Payer } from './payer.type.js';

const WRITERS = [Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN];
// The latest calendar date anywhere on Earth, so a DOB entered "today" is never "in the future".
const today = () => todayIn('Pacific/Kiritimati');

@ObjectType()
class CoveragePayload {
  @Field(() => Coverage) coverage!: Coverage;
}

@ObjectType()
class ReorderCoveragesPayload {
  @Field(() => [Coverage], { description: 'The coverages in their new order.' }) coverages!: Coverage[];
}

@Resolver(() => Coverage)
export class CoverageResolver {
  @Authorized(COVERAGE_READERS)
  @Query(() => Coverage, { description: `One coverage of your practice. ${accessText(COVERAGE_READERS)}` })
  async coverage(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Coverage> {
    return service.presentCoverage(ctx.audit, id, await ctx.loaders.coverage.load(id));
  }

  @FieldResolver(() => Payer, { nullable: true })
  async payer(@Root() c: Coverage, @Ctx() ctx: Context): Promise<Payer | null> {
    const row = await ctx.loaders.payer.load(c.payerId);
    return row ? toPayer(row) : null;
  }

  @Authorized(Role.FRONT_DESK, Role.BILLER, Role.PRACTICE_ADMIN)
  @FieldResolver(() => [CoverageVersion], { description: 'Every version, oldest first. Roles: FRONT_DESK, BILLER, PRACTICE_ADMIN.' })
  async history(@Root() c: Coverage, @Ctx() ctx: Context): Promise<CoverageVersion[]> {
    const rows = await ctx.loaders.coverageHistory.load(c.id);
    return rows.map((h) => {
      const s = h.snapshot as { coverageOrder: CoverageOrder; effectiveDate: string; endDate: string | null; memberId: string; status: CoverageStatus };
      return { version: h.coverageVersion, action: h.action, changedBy: h.changedBy, changedAt: h.createdAt, order: s.coverageOrder, effectiveDate: s.effectiveDate, endDate: s.endDate, memberId: s.memberId, status: s.status };
    });
  }

  @Authorized(...WRITERS)
  @Mutation(() => CoveragePayload, { description: 'Add a coverage to a patient. Roles: FRONT_DESK, BILLER, PRACTICE_ADMIN.' })
  async addCoverage(@Arg('input', () => AddCoverageInput) input: AddCoverageInput, @Ctx() ctx: Context): Promise<CoveragePayload> {
    return { coverage: await service.addCoverage(ctx.db, requirePrincipal(ctx), ctx.audit, input, today()) };
  }

  @Authorized(...WRITERS)
  @Mutation(() => CoveragePayload, { description: 'Update a coverage at a known version; history is kept. Roles: FRONT_DESK, BILLER, PRACTICE_ADMIN.' })
  async updateCoverage(@Arg('input', () => UpdateCoverageInput) input: UpdateCoverageInput, @Ctx() ctx: Context): Promise<CoveragePayload> {
    const coverage = await service.updateCoverage(ctx.db, requirePrincipal(ctx), ctx.audit, input, today());
    ctx.loaders.coverage.clear(coverage.id);
    return { coverage };
  }

  @Authorized(...WRITERS)
  @Mutation(() => CoveragePayload, { description: 'End a coverage on its last covered day. Roles: FRONT_DESK, BILLER, PRACTICE_ADMIN.' })
  async endCoverage(@Arg('input', () => EndCoverageInput) input: EndCoverageInput, @Ctx() ctx: Context): Promise<CoveragePayload> {
    const coverage = await service.endCoverage(ctx.db, requirePrincipal(ctx), ctx.audit, input);
    ctx.loaders.coverage.clear(coverage.id);
    return { coverage };
  }

  @Authorized(...WRITERS)
  @Mutation(() => ReorderCoveragesPayload, { description: 'Set primary/secondary/tertiary order of a patient’s coverages. Roles: FRONT_DESK, BILLER, PRACTICE_ADMIN.' })
  async reorderCoverages(@Arg('input', () => ReorderCoveragesInput) input: ReorderCoveragesInput, @Ctx() ctx: Context): Promise<ReorderCoveragesPayload> {
    const coverages = await service.reorderCoverages(ctx.db, requirePrincipal(ctx), ctx.audit, input);
    for (const c of coverages) ctx.loaders.coverage.clear(c.id);
    return { coverages };
  }
}

