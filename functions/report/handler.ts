/**
 * Scheduled (default Monday 09:00 in REPORT_TIMEZONE): the platform team's report on the last complete
 * period, posted once per period and channel, with its chart in the thread.
 * A bad setting fails every invocation with a ConfigError naming it.
 */
import { runReport } from '../../src/reports';
import { scheduledJob } from '../../src/shared/lambda-startup';
import { startReport } from './deps';

const { startup, telemetry } = await startReport(process.env);

export const handler = scheduledJob(telemetry, startup, runReport);
