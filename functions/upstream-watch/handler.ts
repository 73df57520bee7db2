/**
 * Scheduled (default every 6 hours): which upstream releases carry the catalogued fixes, whether the
 * deployed Argo CD has them; announces each newly fixed release once in Slack.
 */
import { createUpstreamWatchHandler } from './deps';

export const handler = await createUpstreamWatchHandler(process.env);
