/**
 * In-memory UpstreamFindingsStore keeping the port's contract: `latest(now)` is null before the first
 * save and once the report has expired (`retentionDays` after its check, as the real TTL attribute says).
 */
import type { UpstreamFindings } from '../../../src/upstream/domain/upstream-fix-status';
import type { UpstreamFindingsStore } from '../../../src/upstream/ports/upstream-findings-store';
import { FakePort, type Timeline } from './script';

const DAY_MS = 86_400_000;

export class FakeUpstreamFindingsStore extends FakePort<'latest' | 'save'> implements UpstreamFindingsStore {
  /** Every saved report, in order; the last one is current. */
  readonly saved: UpstreamFindings[] = [];

  constructor(private readonly options: { retentionDays?: number; timeline?: Timeline } = {}) {
    super('reportStore', options.timeline);
  }

  async latest(now: number): Promise<UpstreamFindings | null> {
    await this.enter('latest', [now]);
    const report = this.saved.at(-1);
    if (report === undefined) return null;
    // The TTL attribute is in whole seconds, so the report expires at the check's second plus the retention.
    const expiresAt =
      Math.floor(report.checkedAt / 1000) * 1000 + (this.options.retentionDays ?? 35) * DAY_MS;
    return expiresAt <= now ? null : structuredClone(report);
  }

  async save(report: UpstreamFindings): Promise<void> {
    await this.enter('save', [report]);
    this.saved.push(structuredClone(report));
  }
}
