/**
 * The whole system through its real code on the embedded local stack: a week of sign-ins through the
 * trigger into DynamoDB, the upstream watch against the argo-cd fixtures, and the re-login check
 * alerting Slack with advice that names the upgrade.
 */
import { describe, expect, it } from 'vitest';
import { describeLocalStackRun, runLocalStack } from '../../local/stack';
import { readableText } from '../../local/stand-ins/block-kit';
import { useLocalDynamoDb } from '../support/dynamodb';

describe('End to end: the local stack on the sample week', () => {
  it('should record the week, find the fix, and alert about heavy re-logins with the upgrade to v3.4.6', async () => {
    // Act
    const result = await runLocalStack({
      eventsFile: 'samples/team-week.jsonl',
      deployedVersion: 'v3.3.14',
      dynamoDbEndpoint: useLocalDynamoDb(),
    });

    // Assess: the trigger counted sign-ins and lost none.
    expect(result.replayed.metrics.SignInEvents).toBeGreaterThan(300);
    expect(result.replayed.metrics.RecordFailures).toBeUndefined();
    // The upstream watch found the releases with the fix and announced the fix once, every line in one
    // message; its prerequisite (#23727) only inside it.
    expect(result.upstream).toMatchObject({ outcome: 'complete' });
    const texts = result.slack.map((message) => readableText(message.blocks));
    const upstream = texts.filter((text) => text.startsWith('Upstream fix'));
    expect(upstream).toHaveLength(1);
    expect(upstream[0]).toMatch(/^Upstream fix released: argocd-oidc-refresh\n.* in v3\.4\.6, v3\.5\.0/);
    expect(upstream[0]).toContain('Builds on argocd-oidc-refresh-setting (argoproj/argo-cd #23727');
    // The re-login check alerted once, with the deployed version and the exact upgrade.
    const alerts = texts.filter((text) => text.startsWith('Argo CD re-logins'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(
      'Argo CD v3.3.14 is deployed and has `refreshTokenThreshold`, but its refresh is unreliable: it caches the token only as long as the ID token and rejects an expired one before any refresh (the fix, #27777, is not in it). Upgrade to v3.4.6: upgrading is what makes refresh work.',
    );
    expect(result.reloginCheck).toEqual([
      expect.objectContaining({ alert: 'sent', advice: expect.arrayContaining(['upgrade-argocd']) }),
    ]);
    const published = new Set(result.cloudwatch.map((datum) => datum.name));
    for (const name of [
      'Logins',
      'ReLogins',
      'ActiveUsers',
      'HeavyReLoginUsers',
      'ReLoginIntervalP50',
      'EstimatedMinutesLost',
      'DeployedHasFix',
    ]) {
      expect(published).toContain(name);
    }
    expect(describeLocalStackRun(result)).toContain(
      '=== Slack: 2 messages posted to the local Slack API ===',
    );
  }, 120_000);
});
