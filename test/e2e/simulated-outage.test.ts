/**
 * Nothing lost on the whole local stack, through what `relogin-monitor simulate --json` prints: on
 * Monday from 10:00 to 12:00 DynamoDB refuses the trigger's writes, and for half an hour of them takes
 * each write but answers after the trigger's budget (`outage`); the hourly check recovers them from the
 * trigger's log group. Compared with the same week (same seed) without the outage (`no-refresh`).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimulation, type ScenarioName } from '../../local/simulation';
import { simulationJson } from '../../local/simulation/simulate-command';
import { reportSummary } from '../../src/reports/domain/report-text';
import { messagesFor } from '../../src/shared/i18n';
import { useLocalDynamoDb } from '../support/dynamodb';

const MONDAY = Date.parse('2026-11-23T00:00:00Z');
const RECOVERED_EN =
  /The figures include (\d+) sign-ins the trigger could not write at the time \(DynamoDB failed\), recovered from its log by the hourly check\./;
const RECOVERED_JA =
  /数値には、トリガーがその時点で書き込めなかった \(DynamoDB の障害\) サインイン (\d+) 回が含まれています。/;

async function simulate(scenario: ScenarioName) {
  const result = await runSimulation({
    scenario,
    users: 12,
    days: 1,
    hoursPerDay: 8,
    seed: 1,
    firstMonday: MONDAY,
    online: false,
    outDir: mkdtempSync(join(tmpdir(), `simulate-${scenario}-`)),
    dynamoDbEndpoint: useLocalDynamoDb(),
  });
  const [client] = result.report.clients;
  // Each run has its own cognito-local pool: its app client id is the one word the runs may not share.
  const comparable = (text: string) => text.replaceAll(client?.clientId ?? '', 'CLIENT');
  const published = readFileSync(result.files.metrics, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { name: string; value: number });
  const publishedSum = (name: string) =>
    published.filter((datum) => datum.name === name).reduce((total, datum) => total + datum.value, 0);
  return {
    json: simulationJson(result),
    hourlyMetrics: { logins: publishedSum('Logins'), reLogins: publishedSum('ReLogins') },
    report: comparable(readFileSync(result.files.report, 'utf8')),
    comparable,
    summaryJa: reportSummary(result.report, messagesFor('ja', 'UTC')),
  };
}

let outageRun: ReturnType<typeof simulate> | undefined;
const outage = () => {
  outageRun ??= simulate('outage');
  return outageRun;
};

const sum = (team: { signIns: number; refreshes: number }[], field: 'signIns' | 'refreshes') =>
  team.reduce((total, day) => total + day[field], 0);

describe("End to end: a DynamoDB outage on the trigger's path loses no sign-in", () => {
  it("should let every sign-in through, recover each failed write that did not land, and replay exactly the team's totals", async () => {
    // Act
    const { json, hourlyMetrics } = await outage();

    // Assess: the team's tallies count a sign-in only once Cognito answered it with tokens.
    expect(json.team.map((day) => day.signIns)).toEqual([96]);
    expect(json.recordFailures).toBeGreaterThan(0);
    expect(json.landedLate).toBeGreaterThan(0);
    expect(json.recovered).toBeGreaterThan(0);
    expect(json.recovered).toBe(json.recordFailures - json.landedLate);
    expect(json.lost).toBe(0);
    expect(json.totals.logins).toBe(sum(json.team, 'signIns'));
    expect(json.totals.refreshes).toBe(sum(json.team, 'refreshes'));
    // Each hour was published after the recovery that made it whole: the hourly metrics add up too.
    expect(hourlyMetrics).toEqual({ logins: json.totals.logins, reLogins: json.totals.reLogins });
    for (const message of json.slackMessages) {
      expect(Object.keys(message)).toEqual(expect.arrayContaining(['kind', 'at', 'threadTs', 'text']));
      expect(message.kind).not.toBeNull();
    }
    // The recovery ran before each self-check: no hour was ever seen short of Cognito's count.
    expect(json.slackMessages.map((message) => message.kind)).not.toContain('monitor-blind');
    // A simulated week on the whole local stack, like the other simulate e2e tests'.
  }, 240_000);

  it('should post the messages and the report of the same week without the outage, plus one line saying how many sign-ins were recovered', async () => {
    // Act
    const withOutage = await outage();
    const without = await simulate('no-refresh');

    // Assess
    const { recovered } = withOutage.json;
    const posts = (run: typeof without) =>
      run.json.slackMessages.map((message) => ({
        kind: message.kind,
        at: message.at,
        text: run.comparable(message.text).replace(RECOVERED_EN, '').trim(),
      }));
    expect(posts(withOutage)).toEqual(posts(without));
    expect(withOutage.json.totals).toEqual(without.json.totals);
    expect(withOutage.json.team).toEqual(without.json.team);
    const reportPost = withOutage.json.slackMessages.find((message) => message.kind === 'report');
    expect(reportPost?.text).toMatch(RECOVERED_EN);
    expect(withOutage.report.match(RECOVERED_EN)?.[1]).toBe(String(recovered));
    expect(withOutage.summaryJa.match(RECOVERED_JA)?.[1]).toBe(String(recovered));
    expect(without.report).not.toMatch(RECOVERED_EN);
    expect(without.summaryJa).not.toMatch(RECOVERED_JA);
    // Heavy users tied on re-logins are listed in the order of their Cognito ids, random per run:
    // which ten of the twelve are named differs, so the list is compared by its size (totals above).
    const lines = (report: string) =>
      report
        .replace(RECOVERED_EN, '')
        .split('\n')
        .filter((line) => !/^- .*: \d+ re-logins, heavy on/.test(line))
        .map((line) => line.trimEnd());
    expect(lines(withOutage.report)).toEqual(lines(without.report));
  }, 240_000);
});
