import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { selects } from '../../graphql/selection.js';
import { Patient } from '../patients/patient.type.js';
import { STATEMENT_READERS, STATEMENT_WRITERS } from './accounts.roles.js';
import { GenerateStatementsInput, PatientStatementConnection, StatementsArgs } from './statement.inputs.js';
import { toStatement, toStatementLine } from './statement.mapper.js';
import { statementPdf } from './statement-print.service.js';
import { findStatement, generateStatements, statementPage } from './statement.service.js';
import { GenerateStatementsPayload, PatientStatement, StatementLine, StatementPdf } from './statement.type.js';

const READERS = accessText(STATEMENT_READERS);
const WRITERS = accessText(STATEMENT_WRITERS);

@Resolver(() => PatientStatement)
export class StatementResolver {
  @Authorized(...STATEMENT_READERS)
  @Query(() => PatientStatement, { description: `One patient statement (audited read). ${READERS}` })
  statement(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PatientStatement> {
    return findStatement(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, id);
  }

  @Authorized(...STATEMENT_READERS)
  @Query(() => PatientStatementConnection, { description: `Patient statements of your practice, newest statement date first, filtered by patient, cycle or date range (audited reads). ${READERS}` })
  statements(@Args(() => StatementsArgs) args: StatementsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return statementPage(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, args, selects(info, 'totalCount'));
  }

  @Authorized(...STATEMENT_READERS)
  @Query(() => StatementPdf, { description: `A stored statement as a PDF, rendered from its snapshot and returned as base64 bytes; the export is audited. ${READERS}` })
  statementPdf(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<StatementPdf> {
    return statementPdf(ctx.db, ctx.loaders, ctx.audit, requirePrincipal(ctx).practiceId, id);
  }

  @Authorized(...STATEMENT_WRITERS)
  @Mutation(() => GenerateStatementsPayload, {
    description: `Make this cycle's statements (the month of asOf) for every patient whose patient part is at least minimumBalance: one per patient and cycle, so a rerun makes only the missing ones. ${WRITERS}`,
  })
  async generateStatements(@Arg('input', () => GenerateStatementsInput) input: GenerateStatementsInput, @Ctx() ctx: Context): Promise<GenerateStatementsPayload> {
    return generateStatements(ctx.db, requirePrincipal(ctx), ctx.audit, input);
  }

  @FieldResolver(() => [StatementLine], { description: 'The ledger entries since the previous statement, oldest first.' })
  async lines(@Root() s: PatientStatement, @Ctx() ctx: Context): Promise<StatementLine[]> {
    return (await ctx.loaders.statementLines.load(s.id)).map(toStatementLine);
  }
}

/** Patient.statements lives here: the patients module knows nothing of statements. */
@Resolver(() => Patient)
export class PatientStatementsResolver {
  @Authorized(...STATEMENT_READERS)
  @FieldResolver(() => [PatientStatement], { description: `The patient's statements, newest first (audited reads). ${READERS}` })
  async statements(@Root() p: Patient, @Ctx() ctx: Context): Promise<PatientStatement[]> {
    const rows = await ctx.loaders.patientStatements.load(p.id);
    for (const r of rows) ctx.audit.read('PatientStatement', r.id, r.patientId);
    return rows.map(toStatement);
  }
}
