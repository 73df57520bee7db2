/**
 * Scheduled (EventBridge) re-login check: metrics, advice and, when due, one Slack alert per app client.
 * A bad setting fails every invocation with a ConfigError naming it.
 */
import { createReLoginCheckHandler } from './deps';

export const handler = await createReLoginCheckHandler(process.env);
