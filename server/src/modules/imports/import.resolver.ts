import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { pageRequest, toConnection } from '../../graphql/pagination.js';
import { listImportMappings, saveImportMapping } from './import-mapping.service.js';
import { runningImport } from './import-progress.js';
import { findImport, listImports } from './import.repo.js';
import { IMPORT_RUNNERS, targetsFor } from './import.targets.js';
import { toImport, toImportMapping, toRunningImport } from './import.mapper.js';
import { Import, ImportConnection, ImportMapping, ImportProblem, SaveImportMappingInput, SaveImportMappingPayload } from './import.type.js';

const RUN = `${accessText(IMPORT_RUNNERS)} Each role sees the targets it may import (PATIENTS: FRONT_DESK, PRACTICE_ADMIN; PAYERS and FEE_SCHEDULES: BILLER, PRACTICE_ADMIN; COVERAGES: all three; the rest PRACTICE_ADMIN, FRONT_DESK as for their mutations).`;

@ArgsType()
class ImportsArgs {
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@Resolver()
export class ImportResolver {
  @Authorized(IMPORT_RUNNERS)
  @Query(() => ImportConnection, { description: `Import runs of your practice, newest first. ${RUN}` })
  async imports(@Args(() => ImportsArgs) args: ImportsArgs, @Ctx() ctx: Context) {
    const page = pageRequest(args);
    const before = page.cursor ? page.cursor[0] : null;
    if (before !== null && !(page.cursor!.length === 1 && Number.isSafeInteger(before))) throw badInput([{ path: 'after', message: 'is not a cursor issued by this connection' }]);
    const principal = requirePrincipal(ctx);
    const rows = await listImports(ctx.db, principal.practiceId, targetsFor(principal), before as number | null, page.limit);
    return toConnection(rows, page, (r) => [r.number], toImport);
  }

  @Authorized(IMPORT_RUNNERS)
  @Query(() => Import, {
    description: `One import: its record once finished, or while it runs (status RUNNING) its progress — poll it with the id you passed to POST /imports/<target>?id=…. Running imports are answered by the server process that runs them. NOT_FOUND when it is not yours. ${RUN}`,
  })
  async import(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Import> {
    const principal = requirePrincipal(ctx);
    // The progress store first: on PGlite a running commit holds the only connection until it ends.
    const running = runningImport(principal.practiceId, id);
    const row = running ? null : await findImport(ctx.db, principal.practiceId, id);
    const found = running ? toRunningImport(running) : row && toImport(row);
    if (!found || !targetsFor(principal).includes(found.target)) throw notFound('Import', id);
    return found;
  }

  @Authorized(IMPORT_RUNNERS)
  @Query(() => [ImportProblem], { description: `The problems of an import run (the first 1,000), in file order. NOT_FOUND when it is not yours. ${RUN}` })
  async importProblems(@Arg('importId', () => ID) importId: string, @Ctx() ctx: Context): Promise<ImportProblem[]> {
    const principal = requirePrincipal(ctx);
    const row = await findImport(ctx.db, principal.practiceId, importId);
    if (!row || !targetsFor(principal).includes(row.target)) throw notFound('Import', importId);
    return row.problems;
  }

  @Authorized(IMPORT_RUNNERS)
  @Query(() => [ImportMapping], { description: `The practice’s saved column mappings of the targets you may import, by target. ${RUN}` })
  async importMappings(@Ctx() ctx: Context): Promise<ImportMapping[]> {
    return (await listImportMappings(ctx.db, requirePrincipal(ctx))).map(toImportMapping);
  }

  @Authorized(IMPORT_RUNNERS)
  @Mutation(() => SaveImportMappingPayload, {
    description: `Save the practice’s column mapping of a target (replacing the one before): later files whose header cells are exactly these are read through it. Every required column must be mapped, none twice. ${RUN}`,
  })
  async saveImportMapping(@Arg('input', () => SaveImportMappingInput) input: SaveImportMappingInput, @Ctx() ctx: Context): Promise<SaveImportMappingPayload> {
    return { mapping: toImportMapping(await saveImportMapping(ctx.db, requirePrincipal(ctx), ctx.audit, input)) };
  }
}
