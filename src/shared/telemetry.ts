/** One Powertools Logger and EMF Metrics pair per function, built once per cold start. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { redact, redactingJsonReplacer } from './redaction';

export const SERVICE_NAME = 'argocd-relogin-monitor';

/** What a function logs and measures with; `metrics` only for functions that write EMF (the trigger). */
export interface Telemetry {
  logger: Logger;
  metrics?: Metrics;
}

/** Every string of every line it writes goes out redacted (`./redaction.ts`). */
export function createLogger(): Logger {
  return new Logger({ serviceName: SERVICE_NAME, jsonReplacerFn: redactingJsonReplacer });
}

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const NO_METRICS_WARNING = 'No application metrics to publish';

/**
 * Powertools Metrics' own warnings, written through the Logger so they carry the request id. The
 * end-of-invocation flush warns when nothing was measured, which is normal here (an ignored or duplicate
 * sign-in measures nothing): that one is logged at debug level.
 */
function metricsWarningsTo(logger: Logger): Record<LogLevel, (...content: unknown[]) => void> {
  const to =
    (level: LogLevel) =>
    (...content: unknown[]) =>
      (logger[level] as (...content: unknown[]) => void).call(logger, ...content);
  return {
    debug: to('debug'),
    info: to('info'),
    warn: (...content) => {
      const [message] = content;
      const normal = typeof message === 'string' && message.startsWith(NO_METRICS_WARNING);
      to(normal ? 'debug' : 'warn')(...content);
    },
    error: to('error'),
  };
}

/** EMF metrics carrying only the dimensions the caller adds (no default `service` dimension). */
export function createEmfMetrics(namespace: string, logger: Logger = createLogger()): Metrics {
  const metrics = new Metrics({ namespace, serviceName: SERVICE_NAME, logger: metricsWarningsTo(logger) });
  metrics.clearDefaultDimensions();
  return metrics;
}

/** An error as a log attribute, its message redacted (also for a logger that does not redact). */
export function errorDetails(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: redact(error.message) }
    : { name: 'NonError', message: redact(String(error)) };
}

/**
 * `read()`'s value, or null when it fails: for a side view whose absence weakens a job but must not stop
 * it. The failure is logged as a warning saying what `goesOn` without it.
 */
export async function readOrNull<T>(
  logger: Pick<Logger, 'warn'>,
  what: string,
  goesOn: string,
  read: () => Promise<T>,
): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    logger.warn(`could not read ${what}; ${goesOn} goes on without it`, { error: errorDetails(error) });
    return null;
  }
}
