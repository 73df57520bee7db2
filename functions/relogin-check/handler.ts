/**
 * Scheduled (EventBridge) re-login check: metrics, advice and, when due, one Slack alert per app client.
 * A bad setting fails the cold start with a ConfigError naming it.
 */
import { type ClientCheckResult, runReLoginCheck } from '../../src/relogins';
import { buildReLoginCheckDeps } from './deps';

const deps = buildReLoginCheckDeps(process.env);

export async function handler(): Promise<ClientCheckResult[]> {
  return runReLoginCheck(deps);
}
