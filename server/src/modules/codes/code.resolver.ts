import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../graphql/auth.js';
import { accessText } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { BILLING_READ_ROLES } from '../billing-access.js';
import { diagnosisCodes, procedureCodes } from './code-search.service.js';
import { CodeSearchArgs, ValidateCodesInput } from './code.inputs.js';
import { checkCodes } from './code.service.js';
import { BillingCode, BillingCodeConnection, type CodeProblemReason, CodeValidation } from './code.type.js';

@Resolver(() => BillingCode)
export class CodeResolver {
  @Authorized(...BILLING_READ_ROLES)
  @Query(() => BillingCodeConnection, { description: `ICD-10-CM codes of the release in force on the date of service, by code prefix or words (typo-tolerant), ranked. ${accessText(BILLING_READ_ROLES)}` })
  async diagnosisCodes(@Args(() => CodeSearchArgs) args: CodeSearchArgs, @Ctx() ctx: Context) {
    requirePrincipal(ctx);
    return diagnosisCodes(ctx.db, args);
  }

  @Authorized(...BILLING_READ_ROLES)
  @Query(() => BillingCodeConnection, { description: `CPT/HCPCS procedure codes on the date of service: HCPCS Level II in force, the practice’s licensed CPT import, and the CPT codes its charge master labels. ${accessText(BILLING_READ_ROLES)}` })
  async procedureCodes(@Args(() => CodeSearchArgs) args: CodeSearchArgs, @Ctx() ctx: Context) {
    return procedureCodes(ctx.db, requirePrincipal(ctx).practiceId, args);
  }

  @Authorized(...BILLING_READ_ROLES)
  @Query(() => CodeValidation, { description: `Checks diagnoses, procedures and modifiers against the code sets in force on the date of service (valid, billable); returns every problem with its path. ${accessText(BILLING_READ_ROLES)}` })
  async validateCodes(@Arg('input', () => ValidateCodesInput) input: ValidateCodesInput, @Ctx() ctx: Context): Promise<CodeValidation> {
    const problems = await checkCodes(ctx.db, requirePrincipal(ctx).practiceId, input);
    return { valid: problems.length === 0, problems: problems.map((p) => ({ path: p.path, code: p.code, reason: p.reason as CodeProblemReason, message: p.message })) };
  }
}
