/**
 * The self-check: what the monitor recorded against what Cognito itself counted (`SignInSuccesses`,
 * `TokenRefreshSuccesses`) over settled hours, and whether our function is still in its slot. Pure.
 *
 * - `detached`: our function is not in the slot the attach mode expects;
 * - `misclassifying`: more sign-ins recorded than Cognito counted while refreshes fall short of
 *   Cognito's: refreshes arriving as `TokenGeneration_Authentication` (docs/argocd-and-cognito.md#a-refresh-may-arrive-as-tokengeneration_authentication);
 * - `undercounting`: recorded below `minShare` of Cognito's count (once Cognito counted `minCount`).
 */
import { HOUR_MS, MINUTE_MS } from '../../shared/durations';
import type { Attachment, Detachment } from './attachment';

export interface Counts {
  signIns: number;
  refreshes: number;
}

export interface HourCounts {
  /** Start of the hour, epoch ms. */
  hour: number;
  recorded: Counts;
  cognito: Counts;
}

export interface CoveragePolicy {
  /** COVERAGE_MIN_SHARE: below this share of Cognito's count the monitor is undercounting. */
  minShare: number;
  /** COVERAGE_MIN_COUNT: Cognito's count over the window below which nothing is concluded. */
  minCount: number;
  /** COVERAGE_WINDOW_HOURS. */
  windowHours: number;
}

export const DEFAULT_COVERAGE_POLICY: CoveragePolicy = { minShare: 0.9, minCount: 20, windowHours: 24 };

/** Cognito's metrics arrive minutes late: only hours that ended this long ago are compared. */
export const COGNITO_METRICS_LAG_MS = 15 * MINUTE_MS;

export type FindingCause = 'detached' | 'undercounting' | 'misclassifying';

export type Finding =
  | { cause: 'detached'; detachment: Detachment }
  | { cause: 'undercounting' | 'misclassifying'; recorded: Counts; cognito: Counts };

export interface SelfCheckResult {
  /** Recorded as a percentage of Cognito's count; null when Cognito counted nothing. */
  coveragePercent: number | null;
  /** Most telling first: detached, misclassifying, undercounting. */
  findings: Finding[];
  /** Hours of the window the monitor did not fully see (each compared on its own), oldest first. */
  blindHours: number[];
  /** The same hours with what each one's own comparison found. */
  blindHourCauses: { hour: number; cause: FindingCause }[];
}

/** The settled hours compared at `now`: [from, to), hour-aligned. */
export function selfCheckWindow(now: number, windowHours: number): { from: number; to: number } {
  const to = Math.floor((now - COGNITO_METRICS_LAG_MS) / HOUR_MS) * HOUR_MS;
  return { from: to - windowHours * HOUR_MS, to };
}

function sum(hours: readonly HourCounts[], side: 'recorded' | 'cognito'): Counts {
  return hours.reduce(
    (total, hour) => ({
      signIns: total.signIns + hour[side].signIns,
      refreshes: total.refreshes + hour[side].refreshes,
    }),
    { signIns: 0, refreshes: 0 },
  );
}

/** What counts from each side: refreshes only when the slot sees them. */
function counted(counts: Counts, seesRefreshes: boolean): number {
  return counts.signIns + (seesRefreshes ? counts.refreshes : 0);
}

/** The count findings of one span (the window, or one hour with `minCount` 1). */
function countFindings(
  recorded: Counts,
  cognito: Counts,
  { seesRefreshes, canMisclassify }: { seesRefreshes: boolean; canMisclassify: boolean },
  { minShare, minCount }: Pick<CoveragePolicy, 'minShare' | 'minCount'>,
): Finding[] {
  const misclassifying =
    canMisclassify &&
    // Cognito's whole count, as for undercounting: the first hours of refreshes alone may be too few to
    // conclude before the replay, misled by the same events, has re-logins to report.
    counted(cognito, true) >= minCount &&
    recorded.refreshes < minShare * cognito.refreshes &&
    recorded.signIns > cognito.signIns;
  if (misclassifying) return [{ cause: 'misclassifying', recorded, cognito }];
  const expected = counted(cognito, seesRefreshes);
  if (expected >= minCount && counted(recorded, seesRefreshes) < minShare * expected) {
    return [{ cause: 'undercounting', recorded, cognito }];
  }
  return [];
}

/**
 * `attachment` null: the pool's LambdaConfig could not be read; the counts still speak. Hours the
 * monitor does not see refreshes in (Post Authentication only) are compared on sign-ins alone.
 */
export function selfCheck(
  hours: readonly HourCounts[],
  attachment: Attachment | null,
  policy: CoveragePolicy,
): SelfCheckResult {
  const recorded = sum(hours, 'recorded');
  // Unknown slot (AUTH_EVENT_FUNCTION_ARN not set): refreshes count once the trigger recorded any.
  const seesRefreshes =
    attachment === null ? recorded.refreshes > 0 : !attachment.attached || attachment.seesRefreshes;
  const cognito = sum(hours, 'cognito');
  const expected = counted(cognito, seesRefreshes);
  // Only Pre Token Generation can mistake a refresh for a sign-in; Post Authentication never sees one.
  const canMisclassify = attachment === null || !attachment.attached || attachment.seesRefreshes;
  const slot = { seesRefreshes, canMisclassify };
  const findings: Finding[] = [
    ...(attachment !== null && !attachment.attached
      ? [
          {
            cause: 'detached' as const,
            detachment: {
              functionArn: attachment.functionArn,
              mode: attachment.mode,
              slots: attachment.slots,
            },
          },
        ]
      : []),
    ...countFindings(recorded, cognito, slot, policy),
  ];
  const hourPolicy = { minShare: policy.minShare, minCount: 1 };
  const blindHourCauses = hours.flatMap(({ hour, recorded: seen, cognito: counts }) =>
    countFindings(seen, counts, slot, hourPolicy).map((finding) => ({ hour, cause: finding.cause })),
  );
  return {
    coveragePercent:
      expected === 0 ? null : Math.round((1000 * counted(recorded, seesRefreshes)) / expected) / 10,
    findings,
    blindHours: blindHourCauses.map(({ hour }) => hour),
    blindHourCauses,
  };
}
