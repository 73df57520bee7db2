/** The short follow-up in an alert's thread: what changed since the previous post, in a few lines. */
import { describe, expect, it } from 'vitest';
import { readableText } from '../../../local/stand-ins/block-kit';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { followUpMessage } from '../../../src/relogins/domain/follow-up-message';
import { reLoginAlertMessage } from '../../../src/relogins/domain/relogin-alert-message';
import { buildReLoginAssessment } from '../../../src/relogins/domain/relogin-assessment';
import { userLabeler } from '../../../src/relogins/domain/report-identity';
import { messagesFor } from '../../../src/shared/i18n';
import { fixtureClient } from '../../support/app-clients';

const END = Date.parse('2026-11-26T06:00:00Z');
const HOUR = 3_600_000;

function event(user: string, kind: ActivityEvent['kind'], hoursBefore: number): ActivityEvent {
  const clientId = 'argocdclient0example0000001';
  const intervalMinutes = kind === 're-login' ? 60 : null;
  return {
    at: END - hoursBefore * HOUR,
    kind,
    user,
    username: user,
    userPoolId: 'pool',
    clientId,
    intervalMinutes,
  };
}

const events = ['ann', 'ben', 'cid'].flatMap((user) => [
  event(user, 'session-start', 10),
  ...[9, 8, 7, 6].map((hours) => event(user, 're-login', hours)),
]);
const assessment = buildReLoginAssessment(
  {
    userPoolId: 'pool',
    clientId: 'argocdclient0example0000001',
    windowEnd: END,
    events,
    client: fixtureClient(),
    cognito: null,
  },
  {
    heavyReLogins: 3,
    windowHours: 24,
    minutesPerReLogin: 0.5,
    proposedValidityHours: 8,
    rules: { sessionHours: 24 },
  },
);
const before = {
  activeUsers: 2,
  heavyUsers: 2,
  reLoginsPerActiveUser: 4,
  triggerRefreshes: 0,
  cognitoRefreshes: null,
};
const presentation = { metricsUrl: 'https://example.test/m' };
const sameAdvice = assessment.advice.map((item) => item.id);

describe('Function: followUpMessage', () => {
  it('should say in at most about 600 characters what changed, and point to the first message for the advice', () => {
    const message = followUpMessage(
      assessment,
      { worsenedFrom: 2, previous: { at: END - 24 * HOUR, figures: before, advice: sameAdvice } },
      presentation,
    );
    const text = readableText(message.blocks);
    expect(text).toContain('Argo CD re-logins: worse, 3 heavy users');
    expect(text).toContain('Since the last post (2026-11-25 06:00 UTC), 24 h window:');
    expect(text).toContain('• Heavy users: 2 → 3');
    expect(text).toContain('• Active users: 2 → 3');
    expect(text).not.toContain('Refreshes seen by the trigger');
    expect(text).toContain('Advice unchanged');
    expect(text.length).toBeLessThanOrEqual(600);
    // The full alert is many times longer.
    const alert = reLoginAlertMessage(assessment, {
      label: userLabeler({ mode: 'username' }),
      metricsUrl: 'x',
      worsenedFrom: null,
    });
    expect(readableText(alert.blocks).length).toBeGreaterThan(4 * text.length);
  });

  it('should name the advice added and gone by heading, and give the whole advice again when it changed', () => {
    const message = followUpMessage(
      assessment,
      {
        worsenedFrom: null,
        previous: { at: END - 24 * HOUR, figures: before, advice: ['revert-token-validity'] },
      },
      presentation,
    );
    const text = readableText(message.blocks);
    expect(text).toContain('Advice added: Upgrade Argo CD (the real fix), Stop-gap: longer token validity.');
    expect(text).toContain('Advice no longer given: Undo the stop-gap.');
    expect(text).toContain('*Upgrade Argo CD (the real fix)*\nThe real fix:');
  });

  it('should read in Japanese too', () => {
    const message = followUpMessage(
      assessment,
      { worsenedFrom: null, previous: { at: END - 24 * HOUR, figures: before, advice: sameAdvice } },
      { ...presentation, messages: messagesFor('ja', 'Asia/Tokyo') },
    );
    const text = readableText(message.blocks);
    expect(text).toContain('Argo CD の再ログイン: 継続中、頻発ユーザー 3 人');
    expect(text).toContain('前回の投稿 (2026/11/25 15:00 Asia/Tokyo) からの変化');
    expect(text).toContain('推奨事項に変わりはありません');
  });
});
