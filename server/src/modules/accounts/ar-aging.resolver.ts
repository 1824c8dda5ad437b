import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { LocalDateScalar } from '../../graphql/scalars/local-date.js';
import { AR_READERS } from './accounts.roles.js';
import { arAging } from './ar-aging.service.js';
import { ArAgingBasis, ArAgingGroupBy, ArAgingReport } from './ar-aging.type.js';

@Resolver(() => ArAgingReport)
export class ArAgingResolver {
  @Authorized(...AR_READERS)
  @Query(() => ArAgingReport, { description: `Accounts receivable as of a date: insurance and patient balances in 0–30, 31–60, 61–90, 91–120 and 120+ day buckets per payer, patient, provider or location; the totals equal the ledger. ${accessText(AR_READERS)}` })
  arAging(
    @Arg('asOf', () => LocalDateScalar) asOf: string,
    @Arg('groupBy', () => ArAgingGroupBy) groupBy: ArAgingGroupBy,
    @Arg('basis', () => ArAgingBasis, { defaultValue: ArAgingBasis.DATE_OF_SERVICE, description: 'What balances age from; on SUBMISSION, balances on no submitted claim age from the date of service (see agedFromDateOfService).' }) basis: ArAgingBasis,
    @Ctx() ctx: Context,
  ): Promise<ArAgingReport> {
    return arAging(ctx.db, requirePrincipal(ctx).practiceId, ctx.audit, asOf, groupBy, basis);
  }
}
