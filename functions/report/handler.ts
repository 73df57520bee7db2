/**
 * Scheduled (default Monday 09:00 in REPORT_TIMEZONE): the platform team's report on the last complete
 * period, posted once per period and channel, with its chart in the thread.
 * A bad setting fails every invocation with a ConfigError naming it.
 */
import { createReportHandler } from './deps';

export const handler = await createReportHandler(process.env);
