/**
 * Scheduled (EventBridge) re-login check: metrics, advice and, when due, one Slack alert per app client.
 * A bad setting fails every invocation with a ConfigError naming it.
 */
import { runReLoginCheck } from '../../src/relogins';
import { scheduledJob } from '../../src/shared/lambda-startup';
import { startReLoginCheck } from './deps';

const { startup, telemetry } = await startReLoginCheck(process.env);

export const handler = scheduledJob(telemetry, startup, runReLoginCheck);
