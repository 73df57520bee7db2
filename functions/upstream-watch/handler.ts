/**
 * Scheduled (default every 6 hours): which upstream releases carry the catalogued fixes, whether the
 * deployed Argo CD has them; announces each newly fixed release once in Slack.
 */
import { createLogger } from '../../src/shared/telemetry';
import { runUpstreamWatch, type UpstreamWatchDeps } from '../../src/upstream';
import { buildUpstreamWatchDeps } from './deps';

const logger = createLogger();
let deps: Promise<UpstreamWatchDeps> | undefined;

export async function handler(): Promise<{ outcome: string }> {
  deps ??= buildUpstreamWatchDeps(process.env, logger);
  const { outcome } = await runUpstreamWatch(await deps);
  return { outcome };
}
