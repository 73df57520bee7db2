/** One Powertools Logger and EMF Metrics pair per function, built once per cold start. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const SERVICE_NAME = 'argocd-relogin-monitor';

export function createLogger(): Logger {
  return new Logger({ serviceName: SERVICE_NAME });
}

/** EMF metrics carrying only the dimensions the caller adds (no default `service` dimension). */
export function createEmfMetrics(namespace: string): Metrics {
  const metrics = new Metrics({ namespace, serviceName: SERVICE_NAME });
  metrics.clearDefaultDimensions();
  return metrics;
}

export function errorDetails(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'NonError', message: String(error) };
}
