/**
 * The latest upstream report, written by the upstream watcher after every complete check and read by
 * the re-login check for its `upgrade-argocd` advice. One real implementation:
 * `src/adapters/dynamodb/upstream-report-store.ts`.
 */
import type { UpstreamReport } from '../domain/upstream-fix-status';

export interface UpstreamReportStore {
  /** null until the watcher completed a check (or after the item expired). */
  latest(): Promise<UpstreamReport | null>;
  save(report: UpstreamReport): Promise<void>;
}
