import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { pageRequest, toConnection } from '../../graphql/pagination.js';
import { findImport, listImports } from './import.repo.js';
import { IMPORT_RUNNERS } from './import.targets.js';
import { toImport } from './import.mapper.js';
import { ImportConnection, ImportProblem } from './import.type.js';

const RUN = accessText(IMPORT_RUNNERS);

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
    const rows = await listImports(ctx.db, requirePrincipal(ctx).practiceId, before as number | null, page.limit);
    return toConnection(rows, page, (r) => [r.number], toImport);
  }

  @Authorized(IMPORT_RUNNERS)
  @Query(() => [ImportProblem], { description: `The problems of an import run (the first 1,000), in file order. NOT_FOUND when it is not yours. ${RUN}` })
  async importProblems(@Arg('importId', () => ID) importId: string, @Ctx() ctx: Context): Promise<ImportProblem[]> {
    const row = await findImport(ctx.db, requirePrincipal(ctx).practiceId, importId);
    if (!row) throw notFound('Import', importId);
    return row.problems;
  }
}
