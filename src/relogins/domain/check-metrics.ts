/** The re-login check's per-client metrics, with the trigger's namespace and dimensions (never a user). Pure. */
import { METRICS, metricDatum, type PublishedMetric } from '../../shared/metric-catalog';
import type { MetricDatum } from '../../shared/ports/metrics-publisher';
import { round } from '../../shared/stats';
import type { ReLoginAssessment } from './relogin-assessment';

function clientDimensions(userPoolId: string, clientId: string) {
  return { UserPoolId: userPoolId, ClientId: clientId };
}

/** The report's aggregate metrics. */
export function reportMetrics(assessment: ReLoginAssessment, timestamp: number): MetricDatum[] {
  const dimensions = clientDimensions(assessment.userPoolId, assessment.clientId);
  const datum = (metric: PublishedMetric, value: number) => metricDatum(metric, value, dimensions, timestamp);
  return [
    datum(METRICS.ActiveUsers, assessment.totals.activeUsers),
    datum(METRICS.HeavyReLoginUsers, assessment.heavyUsers.length),
    datum(METRICS.ReLoginsPerActiveUser, round(assessment.reLoginsPerActiveUser, 3)),
    ...(assessment.reLoginIntervalP50Minutes === null
      ? []
      : [datum(METRICS.ReLoginIntervalP50, round(assessment.reLoginIntervalP50Minutes, 1))]),
    ...(assessment.reLoginIntervalP90Minutes === null
      ? []
      : [datum(METRICS.ReLoginIntervalP90, round(assessment.reLoginIntervalP90Minutes, 1))]),
    datum(METRICS.EstimatedMinutesLost, round(assessment.estimatedMinutesLost, 1)),
  ];
}

/** `CheckFailures`: one client's check failed this run. */
export function checkFailureDatum(userPoolId: string, clientId: string, timestamp: number): MetricDatum {
  return metricDatum(METRICS.CheckFailures, 1, clientDimensions(userPoolId, clientId), timestamp);
}
