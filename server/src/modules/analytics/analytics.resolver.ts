import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver } from 'type-graphql';
import { ANALYTICS_READERS, accessText } from '../../graphql/access.js';
import { requirePrincipal } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { MetricQueryInput } from './analytics.inputs.js';
import { answerMetric, type MetricAnswerData } from './analytics.service.js';
import { Analytics, AnalyticsRefresh, METRIC_TYPES } from './analytics.type.js';
import { METRICS, populationText } from './metric.registry.js';
import { lastRefresh } from './rollup.repo.js';
import { refreshRollups } from './rollup.service.js';

const ACCESS = accessText(ANALYTICS_READERS);

@Resolver(() => Analytics)
export class AnalyticsResolver {
  @Authorized(...ANALYTICS_READERS)
  @Query(() => Analytics, { description: `De-identified analytics of your practice: one field per metric, each measure described by its formula (the metrics dictionary). Every metric query is audited. ${ACCESS}` })
  async analytics(@Ctx() ctx: Context): Promise<Analytics> {
    return { asOf: await lastRefresh(ctx.db, requirePrincipal(ctx).practiceId) };
  }

  @Authorized(...ANALYTICS_READERS)
  @Mutation(() => AnalyticsRefresh, {
    description: `Bring your practice’s analytics rollups up to date now (the schedule does it too): the months changed since the last refresh are recomputed, or every month with full. ${ACCESS}`,
  })
  async refreshAnalytics(
    @Ctx() ctx: Context,
    @Arg('full', () => Boolean, { defaultValue: false, description: 'Rebuild every month instead of only those changed since the last refresh.' }) full: boolean,
  ): Promise<AnalyticsRefresh> {
    const done = await refreshRollups(ctx.db, requirePrincipal(ctx).practiceId, new Date(), { full });
    return { asOf: done.refreshedAt, cells: done.cells };
  }
}

/** One field resolver per metric of the registry on `Analytics`, generated so a new metric needs no resolver code. */
class AnalyticsMetricsResolver {}
for (const metric of METRICS) {
  const types = METRIC_TYPES.get(metric.name)!;
  const resolve = (query: MetricQueryInput, ctx: Context): Promise<MetricAnswerData> => {
    const { filters, ...rest } = query;
    return answerMetric(ctx.db, requirePrincipal(ctx), ctx.audit, metric, { ...rest, ...(filters ?? {}) }, { threshold: ctx.config.analyticsSuppressionThreshold, path: 'query', action: 'READ' });
  };
  const proto = AnalyticsMetricsResolver.prototype as unknown as Record<string, unknown>;
  proto[metric.name] = resolve;
  const descriptor = Object.getOwnPropertyDescriptor(proto, metric.name)!;
  const measures = metric.measures.map((m) => `${m.name}: ${m.formula}`).join(' ');
  Arg('query', () => MetricQueryInput)(proto, metric.name, 0);
  Ctx()(proto, metric.name, 1);
  FieldResolver(() => types.answer, { description: `${metric.description} Definition v${metric.version}. ${measures} ${populationText(metric.population)}` })(proto, metric.name, descriptor);
}
Resolver(() => Analytics)(AnalyticsMetricsResolver);
export { AnalyticsMetricsResolver };
