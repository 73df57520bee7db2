export { checkUpstream } from './check-upstream';
export type { DeployedVersionOverride, DeployedVersionSettings, GitHubSettings } from './config';
export {
  loadFixCatalog,
  readAppClientSettings,
  readDeployedVersionSettings,
  readFixCatalog,
  readGitHubSettings,
} from './config';
export type { CompareStatus, Comparison, PullRecord, ReleaseRecord } from './domain/github-records';
export { COMPARE_STATUSES } from './domain/github-records';
export type { Knowledge } from './domain/knowledge';
export { emptyKnowledge } from './domain/knowledge';
export type { FixStatus, UpstreamFindings } from './domain/upstream-fix-status';
export { compareVersions, normalizeVersion } from './domain/version';
export type { DeployedVersionSource } from './ports/deployed-version';
export { DeployedVersionError } from './ports/deployed-version';
export type { Conditional, GitHubApi, ReleasesPage, RequestOptions } from './ports/github';
export { GitHubError, GitHubRateLimitError } from './ports/github';
export type { UpstreamFindingsStore } from './ports/upstream-findings-store';
export type { UpstreamKnowledgeStore } from './ports/upstream-knowledge-store';
export { SHIPPED_CATALOG, shippedFirstReleases } from './shipped-catalog';
export type { UpstreamWatchDeps, UpstreamWatchResult } from './upstream-watch';
export { runUpstreamWatch } from './upstream-watch';
