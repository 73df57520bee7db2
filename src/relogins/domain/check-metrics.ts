/** The re-login check's per-client metrics, with the trigger's namespace and dimensions (never a user). Pure. */
import { METRICS, metricDatum, type PublishedMetric } from '../../shared/metric-catalog';
import type { MetricDatum } from '../../shared/ports/metrics-publisher';
import { round } from '../../shared/stats';
import type { ReLoginReport } from './relogin-report';

function clientDimensions(userPoolId: string, clientId: string) {
  return { UserPoolId: userPoolId, ClientId: clientId };
}

/** The report's aggregate metrics. */
export function reportMetrics(report: ReLoginReport, timestamp: number): MetricDatum[] {
  const dimensions = clientDimensions(report.userPoolId, report.clientId);
  const datum = (metric: PublishedMetric, value: number) => metricDatum(metric, value, dimensions, timestamp);
  return [
    datum(METRICS.ActiveUsers, report.totals.activeUsers),
    datum(METRICS.HeavyReLoginUsers, report.heavyUsers.length),
    datum(METRICS.ReLoginsPerActiveUser, round(report.reLoginsPerActiveUser, 3)),
    ...(report.reLoginIntervalP50Minutes === null
      ? []
      : [datum(METRICS.ReLoginIntervalP50, round(report.reLoginIntervalP50Minutes, 1))]),
    ...(report.reLoginIntervalP90Minutes === null
      ? []
      : [datum(METRICS.ReLoginIntervalP90, round(report.reLoginIntervalP90Minutes, 1))]),
    datum(METRICS.EstimatedMinutesLost, round(report.estimatedMinutesLost, 1)),
  ];
}

/** `CheckFailures`: one client's check failed this run. */
export function checkFailureDatum(userPoolId: string, clientId: string, timestamp: number): MetricDatum {
  return metricDatum(METRICS.CheckFailures, 1, clientDimensions(userPoolId, clientId), timestamp);
}
