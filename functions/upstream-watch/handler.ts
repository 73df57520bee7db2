/**
 * Scheduled (default every 6 hours): which upstream releases carry the catalogued fixes, whether the
 * deployed Argo CD has them; announces each newly fixed release once in Slack.
 */
import { scheduledJob } from '../../src/shared/lambda-startup';
import { startUpstreamWatch, watchUpstream } from './deps';

const { startup, telemetry } = await startUpstreamWatch(process.env);

export const handler = scheduledJob(telemetry, startup, watchUpstream);
