/**
 * Example analytics operations: the playground opens a tab for each, and the SDK's operations file
 * publishes the same ones (schema/operations/analytics.graphql; a test keeps the two in step).
 */
export interface AnalyticsExample {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

const lastYear = () => {
  const now = new Date();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1));
  const month = (d: Date) => d.toISOString().slice(0, 7);
  return { from: month(from), to: month(to) };
};

const example = (name: string, metric: string, measures: string, groupBy: string[], dims = 'providerName') => ({
  name,
  query: `# ${metric}: every measure's formula is in the Docs pane (Analytics.${metric}).
# Rows with suppressed: true count fewer than 11 patients; their measures are null.
query ${name}($query: MetricQueryInput!) {
  analytics {
    ${metric}(query: $query) {
      asOf
      version
      rows { bucket ${groupBy.length ? `${dims} ` : ''}suppressed ${measures} }
    }
  }
}
`,
  variables: { query: { ...lastYear(), grain: 'MONTH', groupBy } },
});

export const ANALYTICS_EXAMPLES: readonly AnalyticsExample[] = [
  example('VisitsByMonth', 'visits', 'visits', []),
  example('NoShowRateByProvider', 'noShowRate', 'dueAppointments noShows noShowRate', ['PROVIDER']),
  example('BookingLeadTimeByProvider', 'bookingLeadTime', 'appointments medianDays p90Days', ['PROVIDER']),
  example('VisitsByAgeBand', 'visits', 'visits', ['AGE_BAND'], 'ageBand'),
  example('TelehealthShareByMonth', 'telehealthShare', 'visits telehealthVisits telehealthShare', []),
  example('SlotUtilizationByProvider', 'slotUtilization', 'availableMinutes bookedMinutes utilization', ['PROVIDER']),
  example('NetCollectionRateByMonth', 'netCollectionRate', 'netPaymentsCents chargesCents contractualCents netCollectionRate', []),
  example('DenialRateByPayer', 'denialRate', 'adjudicatedClaims deniedClaims denialRate', ['PAYER'], 'payerName'),
];
