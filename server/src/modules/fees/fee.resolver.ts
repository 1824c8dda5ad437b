import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import { accessText } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { BILLING_READ_ROLES, BILLING_WRITE_ROLES } from '../billing-access.js';
import { exportFeeCsv, importFeeCsv, upsertFeeEntries } from './fee-admin.service.js';
import { FeeEntriesArgs, FeeForArgs, ImportFeeScheduleCsvInput, UpsertFeeScheduleEntriesInput } from './fee.inputs.js';
import { toFeeEntry, toFeeSchedule } from './fee.mapper.js';
import { listSchedules } from './fee.repo.js';
import { feeEntriesPage } from './fee-entries.service.js';
import { feeFor } from './fee.service.js';
import { FeeCsvError, FeeQuote, FeeSchedule, FeeScheduleEntry, FeeScheduleEntryConnection } from './fee.type.js';

@ObjectType()
class UpsertFeeScheduleEntriesPayload {
  @Field(() => FeeSchedule) schedule!: FeeSchedule;
  @Field(() => [FeeScheduleEntry], { description: 'The entries written, in input order.' }) entries!: FeeScheduleEntry[];
}

@ObjectType({ description: 'Outcome of a CSV import: either every row imported, or errors and nothing changed.' })
class ImportFeeScheduleCsvPayload {
  @Field(() => FeeSchedule, { nullable: true, description: 'The schedule, null when the file had errors.' }) schedule!: FeeSchedule | null;
  @Field(() => Int) imported!: number;
  @Field(() => [FeeCsvError], { description: 'Row-level errors; when not empty nothing was imported.' }) errors!: FeeCsvError[];
}

const ROLES_READ = accessText(BILLING_READ_ROLES);
const ROLES_WRITE = accessText(BILLING_WRITE_ROLES);

@Resolver(() => FeeSchedule)
export class FeeResolver {
  @Authorized(...BILLING_READ_ROLES)
  @Query(() => [FeeSchedule], { description: `The practice’s fee schedules: the charge master first, then payer contracts by name. ${ROLES_READ}` })
  async feeSchedules(@Ctx() ctx: Context): Promise<FeeSchedule[]> {
    return (await listSchedules(ctx.db, requirePrincipal(ctx).practiceId)).map(toFeeSchedule);
  }

  @Authorized(...BILLING_READ_ROLES)
  @FieldResolver(() => FeeScheduleEntryConnection, { description: `Entries ordered by code, modifiers and start date. ${ROLES_READ}` })
  async entries(@Root() schedule: FeeSchedule, @Args(() => FeeEntriesArgs) args: FeeEntriesArgs, @Ctx() ctx: Context) {
    return feeEntriesPage(ctx.db, requirePrincipal(ctx).practiceId, schedule.id, args);
  }

  @Authorized(...BILLING_READ_ROLES)
  @Query(() => FeeQuote, { description: `The charge (charge master) and, with a payer, the contracted allowed amount of a code + modifiers on a date of service; the exact modifier set first, else the price without modifiers. ${ROLES_READ}` })
  async feeFor(@Args(() => FeeForArgs) args: FeeForArgs, @Ctx() ctx: Context): Promise<FeeQuote> {
    const q = await feeFor(ctx.db, requirePrincipal(ctx).practiceId, args);
    return { code: q.code, modifiers: q.modifiers ? q.modifiers.split(',') : [], charge: q.chargeCents, allowed: q.allowedCents, label: q.label };
  }

  @Authorized(...BILLING_READ_ROLES)
  @Query(() => String, { description: `A fee schedule as CSV (code,modifiers,amount,effective_from,effective_to,label; amounts in dollars). ${ROLES_READ}` })
  async exportFeeScheduleCsv(@Arg('payerId', () => ID, { nullable: true, description: 'Omit for the charge master.' }) payerId: string | null, @Ctx() ctx: Context): Promise<string> {
    return exportFeeCsv(ctx.db, requirePrincipal(ctx), payerId ?? null);
  }

  @Authorized(...BILLING_WRITE_ROLES)
  @Mutation(() => UpsertFeeScheduleEntriesPayload, { description: `Set prices in the charge master or a payer contract (created when missing); same code, modifiers and start date replaces. All or nothing. ${ROLES_WRITE}` })
  async upsertFeeScheduleEntries(@Arg('input', () => UpsertFeeScheduleEntriesInput) input: UpsertFeeScheduleEntriesInput, @Ctx() ctx: Context): Promise<UpsertFeeScheduleEntriesPayload> {
    const r = await upsertFeeEntries(ctx.db, requirePrincipal(ctx), ctx.audit, input.payerId ?? null, input.entries);
    return { schedule: toFeeSchedule(r.schedule), entries: r.entries.map(toFeeEntry) };
  }

  @Authorized(...BILLING_WRITE_ROLES)
  @Mutation(() => ImportFeeScheduleCsvPayload, { description: `Replace a fee schedule with a CSV; row errors (line, column, message) come back and nothing is imported when any row is bad. ${ROLES_WRITE}` })
  async importFeeScheduleCsv(@Arg('input', () => ImportFeeScheduleCsvInput) input: ImportFeeScheduleCsvInput, @Ctx() ctx: Context): Promise<ImportFeeScheduleCsvPayload> {
    const r = await importFeeCsv(ctx.db, requirePrincipal(ctx), ctx.audit, input.payerId ?? null, input.csv);
    return { schedule: r.schedule && toFeeSchedule(r.schedule), imported: r.imported, errors: r.errors };
  }
}
