/**
 * The latest upstream report, written by the upstream watcher after every complete check and read by
 * the re-login check for its `upgrade-argocd` advice. One real implementation:
 * `src/adapters/dynamodb/upstream-findings-store.ts`.
 */
import type { UpstreamFindings } from '../domain/upstream-fix-status';

export interface UpstreamFindingsStore {
  /**
   * The report as of `now` (epoch ms): null until the watcher completed a check, and null once the
   * report has expired, even while DynamoDB's TTL (which can lag ~48 h) has not deleted it yet.
   */
  latest(now: number): Promise<UpstreamFindings | null>;
  save(findings: UpstreamFindings): Promise<void>;
}
