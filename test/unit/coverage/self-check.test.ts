/**
 * The self-check's pure parts: the slot comparison for every attach mode, the three findings at their
 * thresholds, the blind hours, and the episode from `monitor-blind` to `monitor-restored`.
 */
import { describe, expect, it } from 'vitest';
import { checkAttachment } from '../../../src/coverage/domain/attachment';
import {
  blindSpansIn,
  nextBlindStep,
  readBlindEpisodeState,
} from '../../../src/coverage/domain/blind-episode';
import { blindMessage } from '../../../src/coverage/domain/blind-messages';
import {
  COGNITO_METRICS_LAG_MS,
  DEFAULT_COVERAGE_POLICY,
  type HourCounts,
  selfCheck,
  selfCheckWindow,
} from '../../../src/coverage/domain/self-check';

const OURS = 'arn:aws:lambda:eu-west-1:123456789012:function:relogin-monitor-prod-authEvent';
const THEIRS = 'arn:aws:lambda:eu-west-1:123456789012:function:team-claims';
/** Our function nowhere the auto mode expects it: the Pre Token Generation slot holds the team's. */
const DETACHMENT = {
  functionArn: OURS,
  mode: 'auto' as const,
  slots: [
    { slot: 'preTokenGeneration' as const, occupant: THEIRS },
    { slot: 'postAuthentication' as const, occupant: null },
  ],
};
const DETACHED = { attached: false as const, ...DETACHMENT };
const H = 3_600_000;
const DAY = Date.parse('2026-11-24T00:00:00Z');
const policy = DEFAULT_COVERAGE_POLICY;
const attached = { attached: true, slot: 'preTokenGeneration', seesRefreshes: true } as const;

/** 24 hours from DAY; `recorded` and `cognito` give each hour's counts. */
function day(
  cognito: (hour: number) => [number, number],
  recorded: (hour: number) => [number, number] = cognito,
): HourCounts[] {
  return Array.from({ length: 24 }, (_, index) => {
    const [signIns, refreshes] = cognito(index);
    const [recordedSignIns, recordedRefreshes] = recorded(index);
    return {
      hour: DAY + index * H,
      cognito: { signIns, refreshes },
      recorded: { signIns: recordedSignIns, refreshes: recordedRefreshes },
    };
  });
}

describe('Domain: checkAttachment', () => {
  it.each([
    ['auto', { preTokenGeneration: `${OURS}:live` }, 'preTokenGeneration', true],
    ['auto', { preTokenGeneration: THEIRS, postAuthentication: OURS }, 'postAuthentication', false],
    ['chain', { preTokenGeneration: OURS }, 'preTokenGeneration', true],
    ['post-authentication', { postAuthentication: OURS }, 'postAuthentication', false],
    ['none', { postAuthentication: OURS }, 'postAuthentication', false],
  ] as const)('should find us in mode %s with %o', (mode, slots, slot, seesRefreshes) => {
    expect(checkAttachment(slots, { functionArn: OURS, mode })).toEqual({
      attached: true,
      slot,
      seesRefreshes,
    });
  });

  it.each([
    [
      'auto',
      {},
      [
        { slot: 'preTokenGeneration', occupant: null },
        { slot: 'postAuthentication', occupant: null },
      ],
    ],
    [
      'chain',
      { preTokenGeneration: THEIRS, postAuthentication: OURS },
      [{ slot: 'preTokenGeneration', occupant: THEIRS }],
    ],
    ['post-authentication', { preTokenGeneration: OURS }, [{ slot: 'postAuthentication', occupant: null }]],
  ] as const)(
    'should call mode %s with %o detached and name the slots it looked at',
    (mode, slots, looked) => {
      expect(checkAttachment(slots, { functionArn: OURS, mode })).toEqual({
        attached: false,
        functionArn: OURS,
        mode,
        slots: looked,
      });
    },
  );
});

describe('Domain: selfCheck', () => {
  it('should find nothing when everything Cognito counted was recorded', () => {
    const result = selfCheck(
      day((hour) => (hour >= 9 && hour < 18 ? [5, 10] : [0, 0])),
      attached,
      policy,
    );
    expect(result).toEqual({ coveragePercent: 100, findings: [], blindHours: [], blindHourCauses: [] });
  });

  it('should call undercounting just below the share and not at it, and mark the hours not seen', () => {
    // 9 hours of 10 sign-ins: 90 counted by Cognito.
    const cognito = (hour: number): [number, number] => (hour >= 9 && hour < 18 ? [10, 0] : [0, 0]);
    const atShare = selfCheck(
      day(cognito, (hour) => (hour === 17 ? [1, 0] : cognito(hour))),
      attached,
      policy,
    );
    const below = selfCheck(
      day(cognito, (hour) => (hour === 17 ? [0, 0] : cognito(hour))),
      attached,
      policy,
    );
    expect(atShare.findings).toEqual([]);
    expect(atShare.coveragePercent).toBe(90);
    expect(below.findings).toEqual([
      {
        cause: 'undercounting',
        recorded: { signIns: 80, refreshes: 0 },
        cognito: { signIns: 90, refreshes: 0 },
      },
    ]);
    expect(below.blindHours).toEqual([DAY + 17 * H]);
    expect(below.blindHourCauses).toEqual([{ hour: DAY + 17 * H, cause: 'undercounting' }]);
  });

  it('should conclude nothing for a quiet pool below the minimum count', () => {
    const result = selfCheck(
      day(
        (hour) => (hour === 9 ? [19, 0] : [0, 0]),
        () => [0, 0],
      ),
      attached,
      policy,
    );
    expect(result.findings).toEqual([]);
    expect(result.coveragePercent).toBe(0);
  });

  it('should call refreshes arriving as sign-ins misclassifying, not undercounting', () => {
    const result = selfCheck(
      day(
        (hour) => (hour >= 9 && hour < 18 ? [1, 4] : [0, 0]),
        (hour) => (hour >= 9 && hour < 18 ? [5, 0] : [0, 0]),
      ),
      attached,
      policy,
    );
    expect(result.findings.map((finding) => finding.cause)).toEqual(['misclassifying']);
    expect(result.coveragePercent).toBe(100);
  });

  it('should compare sign-ins only when the slot cannot see refreshes', () => {
    const postAuthOnly = { attached: true, slot: 'postAuthentication', seesRefreshes: false } as const;
    const result = selfCheck(
      day(
        () => [2, 30],
        () => [2, 0],
      ),
      postAuthOnly,
      policy,
    );
    expect(result).toEqual({ coveragePercent: 100, findings: [], blindHours: [], blindHourCauses: [] });
  });

  it('should put detached first, beside what the counts say', () => {
    const result = selfCheck(
      day(
        () => [2, 0],
        () => [0, 0],
      ),
      DETACHED,
      policy,
    );
    expect(result.findings.map((finding) => finding.cause)).toEqual(['detached', 'undercounting']);
  });

  it('should compare only hours that ended the metrics lag ago', () => {
    const now = DAY + 10 * H + COGNITO_METRICS_LAG_MS;
    expect(selfCheckWindow(now, 24)).toEqual({ from: DAY + 10 * H - 24 * H, to: DAY + 10 * H });
    expect(selfCheckWindow(now - 1, 24).to).toBe(DAY + 9 * H);
  });
});

describe('Domain: nextBlindStep', () => {
  const detachedAt = 14;
  const cognito = (hour: number): [number, number] => (hour >= 9 && hour < 18 ? [10, 0] : [0, 0]);
  const blindDay = day(cognito, (hour) => (hour >= detachedAt ? [0, 0] : cognito(hour)));

  it('should alert once with the first blind hour, stay quiet while blind, then reply when it sees again', () => {
    const detached = selfCheck(blindDay, DETACHED, policy);
    const observation = { check: detached, windowEnd: DAY + 24 * H, lastActiveHour: DAY + 17 * H };
    const first = nextBlindStep(null, { at: DAY + 24 * H, ...observation });
    expect(first?.message).toEqual({
      kind: 'monitor-blind',
      finding: detached.findings[0],
      since: DAY + detachedAt * H,
    });
    const state = first?.state ?? readBlindEpisodeState(null);
    expect(nextBlindStep(state, { at: DAY + 25 * H, ...observation })).toBeNull();

    // Re-attached: the window still holds the blind hours, but the latest active hour was seen.
    const next = [
      ...blindDay.slice(1),
      { hour: DAY + 24 * H, cognito: { signIns: 3, refreshes: 0 }, recorded: { signIns: 3, refreshes: 0 } },
    ];
    const seen = selfCheck(next, attached, policy);
    const restored = nextBlindStep(state, {
      at: DAY + 26 * H,
      check: seen,
      windowEnd: DAY + 25 * H,
      lastActiveHour: DAY + 24 * H,
    });
    expect(restored?.message).toMatchObject({
      kind: 'monitor-restored',
      span: { from: DAY + detachedAt * H, to: DAY + 18 * H, cause: 'detached' },
    });
    expect(restored?.state.open).toBeNull();
    expect(blindSpansIn(restored?.state ?? state, DAY, DAY + 7 * 24 * H)).toEqual([
      { from: DAY + detachedAt * H, to: DAY + 18 * H, cause: 'detached' },
    ]);
  });

  it('should not open a new episode for blind hours the restored reply already named, only for later ones', () => {
    const detached = selfCheck(blindDay, DETACHED, policy);
    const blind = nextBlindStep(null, {
      at: DAY + 24 * H,
      check: detached,
      windowEnd: DAY + 24 * H,
      lastActiveHour: DAY + 17 * H,
    });
    const seenHour = { cognito: { signIns: 3, refreshes: 0 }, recorded: { signIns: 3, refreshes: 0 } };
    const afterReattach = [...blindDay.slice(1), { hour: DAY + 24 * H, ...seenHour }];
    const observe = (hours: HourCounts[], at: number) => ({
      at,
      check: selfCheck(hours, attached, policy),
      windowEnd: at - H,
      lastActiveHour: (hours.at(-1) as HourCounts).hour,
    });
    const restored = nextBlindStep(blind?.state ?? null, observe(afterReattach, DAY + 26 * H));
    expect(restored?.message.kind).toBe('monitor-restored');

    // An hour later the window still undercounts, from the hours already reported: nothing to say.
    const later = [...afterReattach.slice(1), { hour: DAY + 25 * H, ...seenHour }];
    expect(observe(later, DAY + 27 * H).check.findings).toMatchObject([{ cause: 'undercounting' }]);
    expect(nextBlindStep(restored?.state ?? null, observe(later, DAY + 27 * H))).toBeNull();

    // A new hour short of Cognito's count is a new episode, from that hour.
    const shortAgain = [
      ...later.slice(1),
      { hour: DAY + 26 * H, cognito: { signIns: 30, refreshes: 0 }, recorded: { signIns: 0, refreshes: 0 } },
    ];
    expect(nextBlindStep(restored?.state ?? null, observe(shortAgain, DAY + 28 * H))?.message).toMatchObject({
      kind: 'monitor-blind',
      since: DAY + 26 * H,
    });
  });

  it('should not call it seen again while detached, however the counts look', () => {
    const detached = selfCheck(
      day(() => [0, 0]),
      DETACHED,
      policy,
    );
    const first = nextBlindStep(null, {
      at: DAY + 24 * H,
      check: detached,
      windowEnd: DAY + 24 * H,
      lastActiveHour: null,
    });
    expect(first?.message).toMatchObject({ kind: 'monitor-blind', since: DAY + 24 * H });
    expect(
      nextBlindStep(first?.state ?? null, {
        at: DAY + 25 * H,
        check: detached,
        windowEnd: DAY + 25 * H,
        lastActiveHour: null,
      }),
    ).toBeNull();
  });

  it('should refuse a state written by a newer layout rather than misread it', () => {
    expect(() => readBlindEpisodeState({ schema: 2, open: null, spans: [] })).toThrow(/newer version/);
  });
});

describe('Domain: blindMessage', () => {
  const presentation = {
    userPoolId: 'pool',
    clientId: 'client',
    metricsUrl: 'https://example.com/m',
    windowHours: 24,
  };

  it.each(['detached', 'undercounting', 'misclassifying'] as const)(
    'should give the %s alert a cause and a fix, and never claim there were no re-logins',
    (cause) => {
      const finding =
        cause === 'detached'
          ? { cause, detachment: DETACHMENT }
          : { cause, recorded: { signIns: 5, refreshes: 0 }, cognito: { signIns: 1, refreshes: 4 } };
      const { text, blocks } = blindMessage({ kind: 'monitor-blind', finding, since: DAY }, presentation);
      const all = `${text}\n${JSON.stringify(blocks)}`;
      expect(all).toContain('*Cause*');
      expect(all).toContain('*Fix*');
      expect(all).not.toMatch(/no re-logins|refresh works/i);
      if (cause === 'misclassifying') expect(all).toContain('re-logins are not reported');
    },
  );

  it('should say which hours were not seen when it sees again', () => {
    const { text } = blindMessage(
      {
        kind: 'monitor-restored',
        span: { from: DAY + 14 * H, to: DAY + 18 * H, cause: 'detached' },
        coveragePercent: 97.5,
      },
      presentation,
    );
    expect(text).toContain('Not seen: 2026-11-24 14:00 UTC to 2026-11-24 18:00 UTC (trigger detached)');
    expect(text).not.toMatch(/no re-logins|refresh works/i);
  });
});
