import { describe, expect, it } from 'vitest';
import { readableText } from '../../../local/stand-ins/block-kit';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { recoveryMessage, stopGapReminderMessage } from '../../../src/relogins/domain/episode-messages';
import { buildReLoginAssessment } from '../../../src/relogins/domain/relogin-assessment';
import type { OpenEpisode } from '../../../src/relogins/domain/relogin-episode';
import { fixtureClient } from '../../support/app-clients';

const END = Date.parse('2026-11-26T06:00:00Z');
const HOUR = 3_600_000;
const settings = {
  heavyReLogins: 3,
  windowHours: 24,
  minutesPerReLogin: 0.5,
  proposedValidityHours: 8,
  rules: { sessionHours: 24 },
};
const presentation = { metricsUrl: 'https://example.test/metrics' };

function refreshes(users: string[], count: number): ActivityEvent[] {
  return users.flatMap((user) =>
    Array.from({ length: count }, (_, index) => ({
      at: END - (index + 1) * HOUR,
      kind: 'refresh' as const,
      user,
      username: user,
      userPoolId: 'ap-northeast-1_EXAMPLE',
      clientId: 'argocdclient0example0000001',
      intervalMinutes: null,
    })),
  );
}

function report(events: ActivityEvent[], validityHours: number, cognitoRefreshes: number | null) {
  return buildReLoginAssessment(
    {
      userPoolId: 'ap-northeast-1_EXAMPLE',
      clientId: 'argocdclient0example0000001',
      windowEnd: END,
      events,
      client: fixtureClient({ IdTokenValidity: validityHours, AccessTokenValidity: validityHours }),
      cognito:
        cognitoRefreshes === null ? null : { signInSuccesses: 4, tokenRefreshSuccesses: cognitoRefreshes },
    },
    settings,
  );
}

const EPISODE: OpenEpisode = {
  startedAt: END - 36 * HOUR,
  threadTs: '1764000000.000001',
  lastAlert: { heavyUsers: 4, alertedAt: END - 34 * HOUR },
  figuresAtLastAlert: {
    activeUsers: 4,
    heavyUsers: 4,
    reLoginsPerActiveUser: 8,
    triggerRefreshes: 0,
    cognitoRefreshes: 0,
  },
  lastHeavyAt: END - 24 * HOUR,
};
const STOP_GAP = { firstSeenAt: END - 32 * HOUR, lastReminderAt: null };

describe('Function: recoveryMessage', () => {
  it('should compare the last alert with now and say to undo the stop-gap, with how long it has been in place', () => {
    const message = recoveryMessage(
      report(refreshes(['ann', 'ben'], 5), 8, 12),
      EPISODE,
      STOP_GAP,
      presentation,
    );
    const text = readableText(message.blocks);
    expect(message.text).toBe(
      'Argo CD re-logins recovered: no heavy user for 24 h (client argocdclient0example0000001); re-logins per active user 8 → 0.',
    );
    expect(text).toContain('since the check at 2026-11-25 06:00 UTC, a full 24 h window');
    expect(text).toContain('*Re-logins per active user (24 h)*\n8 → 0');
    expect(text).toContain('*Refreshes seen by the trigger*\n0 → 10');
    expect(text).toContain('*Refreshes seen by Cognito*\n0 → 12');
    expect(text).toContain(
      ':warning: *Security debt*: the stretched token validity (ID 8 h / access 8 h) has been in place for at least 1 day 8 h (first seen by this check 2026-11-24 22:00 UTC).',
    );
    // How to undo it comes from the report's own advice, not twice.
    expect(text).toContain('*Undo the stop-gap*\nRefresh tokens are used');
    expect(text.match(/Set IdTokenValidity \/ AccessTokenValidity to 1 h \/ 1 h/g)).toHaveLength(1);
  });

  it('should credit the stop-gap, not a fix, when no refresh is seen', () => {
    const text = readableText(recoveryMessage(report([], 8, 0), EPISODE, STOP_GAP, presentation).blocks);
    expect(text).toContain(
      'No refresh-token use was seen: the stretched token validity (ID 8 h / access 8 h) is what keeps users signed in.',
    );
    expect(text).not.toContain('Security debt');
  });

  it('should say nothing it watches explains the change when neither refresh nor stop-gap is seen, and mark Cognito unknown', () => {
    const text = readableText(recoveryMessage(report([], 1, null), EPISODE, null, presentation).blocks);
    expect(text).toContain('nothing this check watches explains the change');
    expect(text).toContain('*Refreshes seen by Cognito*\n0 → unknown');
  });

  it('should say nothing is left to undo once refresh works at 1 h tokens', () => {
    const text = readableText(
      recoveryMessage(report(refreshes(['ann'], 3), 1, 3), EPISODE, null, presentation).blocks,
    );
    expect(text).toContain('The token validity is back at 1 h: nothing left to undo.');
  });
});

describe('Function: stopGapReminderMessage', () => {
  it('should say how long the stretched validity has been in place and what the refreshes show', () => {
    const message = stopGapReminderMessage(
      report(refreshes(['ann', 'ben'], 11), 8, 22),
      { firstSeenAt: END - 200 * HOUR, lastReminderAt: END - 168 * HOUR },
      presentation,
    );
    const text = readableText(message.blocks);
    expect(message.text).toBe(
      'Argo CD stop-gap still in place on client argocdclient0example0000001 for at least 8 days 8 h (first seen by this check 2026-11-17 22:00 UTC), although Argo CD refreshes tokens: undo it.',
    );
    expect(text).toContain(
      'in the last 24 h, 22 refreshes seen by the trigger, 22 by Cognito, and no heavy user.',
    );
    expect(text.match(/Set IdTokenValidity \/ AccessTokenValidity to 1 h \/ 1 h/g)).toHaveLength(1);
    expect(text).toContain('STOP_GAP_REMINDER=report moves it into the periodic report, off turns it off');
  });

  it('should be short when the advice is the one of the last reminder, and give it in full when it changed', () => {
    const assessment = report(refreshes(['ann', 'ben'], 11), 8, 22);
    const ids = assessment.advice.map((item) => item.id);
    const lastReminderAt = END - 168 * HOUR;
    const sameMessage = stopGapReminderMessage(
      assessment,
      { firstSeenAt: END - 200 * HOUR, lastReminderAt, adviceAtLastReminder: ids },
      presentation,
    );
    const same = readableText(sameMessage.blocks);
    expect(same).toContain(
      'Advice unchanged since the reminder of 2026-11-19 06:00 UTC: that post has it in full.',
    );
    expect(same).not.toContain('Set IdTokenValidity / AccessTokenValidity to 1 h / 1 h');
    expect(same).toContain('Security debt');
    expect(sameMessage.documents).toBeUndefined();
    const changedMessage = stopGapReminderMessage(
      assessment,
      {
        firstSeenAt: END - 200 * HOUR,
        lastReminderAt,
        adviceAtLastReminder: [...ids.slice(1), 'upgrade-argocd'],
      },
      presentation,
    );
    const changed = readableText(changedMessage.blocks);
    expect(changed).toMatch(/Advice (added|no longer given)/);
    expect(changed.match(/Set IdTokenValidity \/ AccessTokenValidity to 1 h \/ 1 h/g)).toHaveLength(1);
    // The advice in full comes with its documents again, as files for the thread.
    expect(changedMessage.documents?.files.map((file) => file.filename)).toEqual([
      'aws_cognito_user_pool_client.tf.diff',
      'argocd-app-client.json',
    ]);
    expect(same.length).toBeLessThan(changed.length);
  });
});
