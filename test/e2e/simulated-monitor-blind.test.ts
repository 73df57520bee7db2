/**
 * The self-check on the whole local stack, through what `relogin-monitor simulate --json` prints: the
 * trigger taken out of the pool's LambdaConfig mid-week and put back (`detached`), and refreshes that
 * reach the trigger as `TokenGeneration_Authentication` (`refresh-as-authentication`). Small teams and
 * few days keep the tier fast.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimulation, type ScenarioName } from '../../local/simulation';
import { simulationJson } from '../../local/simulation/simulate-command';
import { useLocalDynamoDb } from '../support/dynamodb';

const MONDAY = Date.parse('2026-11-23T00:00:00Z');
const HOUR = 3_600_000;

async function simulate(scenario: ScenarioName, shape: { users: number; days: number }) {
  const result = await runSimulation({
    scenario,
    ...shape,
    hoursPerDay: 8,
    seed: 1,
    firstMonday: MONDAY,
    online: false,
    outDir: mkdtempSync(join(tmpdir(), `simulate-${scenario}-`)),
    dynamoDbEndpoint: useLocalDynamoDb(),
  });
  return { json: simulationJson(result), report: readFileSync(result.files.report, 'utf8') };
}

const RELOGIN_KINDS = ['relogin-alert', 'relogin-follow-up', 'relogin-recovery', 'stop-gap-reminder'];

describe('End to end: the monitor tells when it cannot see', () => {
  it('should post one monitor-blind alert within the hour of the detach, reply monitor-restored after it is put back, and mark the blind hours in the report', async () => {
    // Act
    const { json, report } = await simulate('detached', { users: 4, days: 4 });

    // Assess
    expect(json.detachedAt).toBe('2026-11-25T10:00:00.000Z');
    expect(json.reattachedAt).toBe('2026-11-26T10:00:00.000Z');
    for (const message of json.slackMessages) {
      expect(Object.keys(message)).toEqual(expect.arrayContaining(['kind', 'at', 'threadTs', 'text']));
    }
    expect(json.slackMessages.map((message) => message.kind)).toEqual([
      'upstream',
      'monitor-blind',
      'monitor-restored',
      'report',
    ]);
    const [, blind, restored] = json.slackMessages;
    const detachedAt = Date.parse(json.detachedAt as string);
    expect(Date.parse(blind?.at as string)).toBeGreaterThan(detachedAt);
    expect(Date.parse(blind?.at as string)).toBeLessThanOrEqual(detachedAt + HOUR);
    expect(blind?.text).toContain('trigger detached');
    expect(restored?.threadTs).toBe(blind?.ts);
    expect(Date.parse(restored?.at as string)).toBeGreaterThan(Date.parse(json.reattachedAt as string));
    expect(report).toMatch(/hours of this period were not fully recorded: .*\(trigger detached\)/);
    // A simulated week on the whole local stack, like the upgrade e2e test's.
  }, 240_000);

  it('should post monitor-blind (misclassifying) and no re-login message when refreshes reach the trigger as sign-ins', async () => {
    // Act
    const { json, report } = await simulate('refresh-as-authentication', { users: 12, days: 1 });

    // Assess: the trigger saw every refresh as a sign-in; Cognito's own counters knew better.
    const refreshes = json.team.reduce((sum, day) => sum + day.refreshes, 0);
    expect(refreshes).toBeGreaterThan(0);
    expect(json.totals.refreshes).toBe(0);
    const kinds = json.slackMessages.map((message) => message.kind);
    expect(kinds.filter((kind) => kind === 'monitor-blind')).toHaveLength(1);
    expect(json.slackMessages.find((message) => message.kind === 'monitor-blind')?.text).toContain(
      'refreshes arriving as sign-ins',
    );
    expect(kinds.filter((kind) => RELOGIN_KINDS.includes(kind as string))).toEqual([]);
    // The report marks the hours, counts none of their sign-ins as re-logins and lists no heavy user from them.
    expect(report).toMatch(
      /hours of this period were not fully recorded: .*\(refreshes arriving as sign-ins\)/,
    );
    expect(report).toMatch(
      /Re-logins are unreliable for \d+ hours? of this period: refreshes reached the trigger as sign-ins/,
    );
    expect(report).toMatch(/^0 re-logins among 12 active users/m);
    expect(report).toMatch(
      /## Heavy users\n\n- Nobody is listed from the \d+ hours? whose refreshes reached the trigger as sign-ins/,
    );
  }, 240_000);
});
