/**
 * The whole system through `relogin-monitor simulate`'s path: a small team signs in through cognito-local,
 * whose Pre Token Generation trigger calls the real handler through the Lambda Invoke endpoint into
 * DynamoDB Local; the scheduled functions run at their schedules' simulated times against the local
 * Slack, CloudWatch, GitHub and Argo CD APIs. The `upgrade` scenario walks the whole loop: the alert,
 * the stop-gap, the upgrade, the recovery that says to undo the stop-gap, and the report's reminder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimulation, slackText } from '../../local/simulation';
import type { PostedToSlack } from '../../local/stand-ins/fake-slack';
import { useLocalDynamoDb } from '../support/dynamodb';
import { readPng } from '../support/png';

const MONDAY = Date.parse('2026-11-23T00:00:00Z');
const DAY = 24 * 3_600_000;

describe('End to end: the simulated upgrade week', () => {
  it('should alert, recover in the thread once refresh works, advise undoing the stop-gap, and report it', async () => {
    // Act
    const result = await runSimulation({
      scenario: 'upgrade',
      users: 4,
      days: 5,
      hoursPerDay: 8,
      seed: 1,
      firstMonday: MONDAY,
      online: false,
      outDir: mkdtempSync(join(tmpdir(), 'simulate-')),
      dynamoDbEndpoint: useLocalDynamoDb(),
    });

    // Assess: the trigger logged every sign-in and refresh the team made, and the replay counts them.
    const team = result.team.reduce(
      (sum, day) => ({ signIns: sum.signIns + day.signIns, refreshes: sum.refreshes + day.refreshes }),
      { signIns: 0, refreshes: 0 },
    );
    expect(team.refreshes).toBeGreaterThan(0);
    expect(result.summary.totals).toMatchObject({
      logins: team.signIns,
      refreshes: team.refreshes,
      activeUsers: 4,
    });
    expect(result.emf).toEqual({ SignInEvents: team.signIns, TokenRefreshEvents: team.refreshes });
    // Before the stop-gap (day 1) everyone re-logged in about hourly; after the upgrade nobody did mid-day.
    expect(result.team[0]?.midDaySignIns).toBeGreaterThanOrEqual(4 * 6);
    expect(result.team.slice(2).map((day) => day.midDaySignIns)).toEqual([0, 0, 0]);

    const text = (message: PostedToSlack) => slackText(message);
    const topLevel = result.slackMessages.filter((message) => message.threadTs === undefined);
    const inThread = (parent: PostedToSlack | undefined) =>
      result.slackMessages.filter((message) => parent !== undefined && message.threadTs === parent.ts);
    const at = (message: PostedToSlack) => Number(message.ts.split('.')[0]) * 1000;

    // Stage 1, Monday: the upstream watch announces the fix; the check alerts with the upgrade and the stop-gap.
    const upstream = topLevel.find((message) => text(message).startsWith('Upstream fix released'));
    expect(text(upstream as PostedToSlack)).toContain(
      '*Deployed Argo CD*\nv3.3.14 does not have the fix\n*Smallest upgrade that has it*\nv3.4.6',
    );
    const alert = topLevel.find((message) => text(message).startsWith('Argo CD re-logins'));
    expect(at(alert as PostedToSlack)).toBeLessThan(MONDAY + DAY);
    expect(text(alert as PostedToSlack)).toContain(
      'Upgrade to v3.4.6: upgrading is what makes refresh work.',
    );
    expect(text(alert as PostedToSlack)).toContain('Stop-gap: raise IdTokenValidity and AccessTokenValidity');
    expect(result.checks.find((check) => check.results[0]?.alert === 'sent')?.results[0]).toMatchObject({
      advice: ['upgrade-argocd', 'mitigate-with-threshold', 'extend-token-validity'],
    });

    // Stage 2: follow-ups reply in the alert's thread, then the recovery does, after the upgrade.
    const replies = inThread(alert);
    const recovery = replies.find((message) => text(message).startsWith('Argo CD re-logins: recovered'));
    expect(replies.indexOf(recovery as PostedToSlack)).toBe(replies.length - 1);
    expect(at(recovery as PostedToSlack)).toBeGreaterThan(MONDAY + 3 * DAY);
    expect(text(recovery as PostedToSlack)).toContain('Argo CD now renews sessions with refresh tokens.');
    expect(text(recovery as PostedToSlack)).toContain('undo the stop-gap');
    expect(result.advice).toEqual([
      'upgrade-argocd',
      'mitigate-with-threshold',
      'extend-token-validity',
      'revert-token-validity',
    ]);
    // The upstream watch saw the upgrade and said so in its own thread.
    expect(inThread(upstream).map(text).join('\n')).toContain('v3.4.6');

    // Stage 3, the next Monday 09:00: the report reminds to undo the stop-gap, its chart in its thread.
    const report = topLevel.at(-1) as PostedToSlack;
    expect(at(report)).toBe(MONDAY + 7 * DAY + 9 * 3_600_000);
    expect(text(report)).toMatch(/^Argo CD sign-ins, week of Mon, 23 Nov 2026 \(UTC\)/);
    expect(text(report)).toContain('while refresh tokens are in use: security debt for at least');
    expect(text(report)).not.toContain('Refresh works for some users only');
    expect(
      result.slackFiles.filter((file) => file.threadTs === report.ts).map((file) => file.filename),
    ).toEqual(['relogins.png']);
    // The alert's documents are snippets in its thread (later posts that repeat the advice add theirs).
    const documents = result.slackFiles.filter((file) => file.threadTs === alert?.ts);
    expect(documents.slice(0, 4).map((file) => [file.filename, file.snippetType])).toEqual([
      ['argocd-cm.yaml', 'yaml'],
      ['mitigate-with-threshold.argocd-cm.yaml', 'yaml'],
      ['aws_cognito_user_pool_client.tf.diff', 'diff'],
      ['argocd-app-client.json', 'json'],
    ]);
    expect(result.slackFiles).toHaveLength(documents.length + 1);
    expect(text(alert as PostedToSlack)).toContain(':paperclip: To apply: `argocd-cm.yaml`');
    expect(text(alert as PostedToSlack)).not.toContain('```');

    // The same report on disk, and every message in the JSON Lines file.
    expect(readFileSync(result.files.report, 'utf8')).toContain('Undo the stop-gap.');
    expect(readPng(readFileSync(result.files.chart)).width).toBeGreaterThan(400);
    expect(readFileSync(result.files.slack, 'utf8').trim().split('\n')).toHaveLength(
      result.slackMessages.length,
    );
  }, 240_000);
});
