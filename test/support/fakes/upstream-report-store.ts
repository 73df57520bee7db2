/**
 * In-memory UpstreamReportStore keeping the port's contract: `latest(now)` is null before the first
 * save and once the report has expired (`retentionDays` after its check, as the real TTL attribute says).
 */
import type { UpstreamReport } from '../../../src/upstream/domain/upstream-fix-status';
import type { UpstreamReportStore } from '../../../src/upstream/ports/upstream-report-store';
import { FakePort, type Timeline } from './script';

const DAY_MS = 86_400_000;

export class FakeUpstreamReportStore extends FakePort<'latest' | 'save'> implements UpstreamReportStore {
  /** Every saved report, in order; the last one is current. */
  readonly saved: UpstreamReport[] = [];

  constructor(private readonly options: { retentionDays?: number; timeline?: Timeline } = {}) {
    super('reportStore', options.timeline);
  }

  async latest(now: number): Promise<UpstreamReport | null> {
    await this.enter('latest', [now]);
    const report = this.saved.at(-1);
    if (report === undefined) return null;
    // The TTL attribute is in whole seconds, so the report expires at the check's second plus the retention.
    const expiresAt =
      Math.floor(report.checkedAt / 1000) * 1000 + (this.options.retentionDays ?? 35) * DAY_MS;
    return expiresAt <= now ? null : structuredClone(report);
  }

  async save(report: UpstreamReport): Promise<void> {
    await this.enter('save', [report]);
    this.saved.push(structuredClone(report));
  }
}
