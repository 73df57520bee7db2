/** The dashboard and alarms as serverless.yml resolves infra/observability.cjs, checked against the catalog. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from '../../../src/shared/metric-catalog';
import { englishRuns } from '../../support/english-prose';
import {
  metricReferences,
  type TemplateLike,
  unpublishedMetricProblems,
} from '../../support/metric-references';

type Resolver = (context: {
  resolveVariable: (name: string) => Promise<unknown>;
}) => Promise<TemplateLike & { Conditions: Record<string, unknown> }>;
const observability = createRequire(import.meta.url)('../../../infra/observability.cjs') as Resolver;

const variables: Record<string, string> = {
  'self:service': 'argocd-relogin-monitor',
  'sls:stage': 'ci',
  'param:metricsNamespace': 'Team/Auth',
  'param:alarmTopicArn': 'arn:aws:sns:eu-west-1:1:ops',
  'param:locale': 'en',
};

function resolve(overrides: Record<string, string> = {}) {
  const resolved = { ...variables, ...overrides };
  return observability({
    resolveVariable: async (name) => {
      if (!(name in resolved)) throw new Error(`unexpected variable ${name}`);
      return resolved[name];
    },
  });
}

/** The dashboard's widget titles as deployed. */
async function widgetTitles(overrides: Record<string, string> = {}): Promise<string[]> {
  const dashboard = (await resolve(overrides)).Resources.ReloginDashboard as unknown as {
    Properties: { DashboardBody: { 'Fn::Sub': [string, unknown] } };
  };
  const { widgets } = JSON.parse(dashboard.Properties.DashboardBody['Fn::Sub'][0]) as {
    widgets: { properties: { title: string } }[];
  };
  return widgets.map((widget) => widget.properties.title);
}

describe('Module: infra/observability.cjs', () => {
  it('should read only metrics the catalog publishes, by the dimensions it publishes them with', async () => {
    expect(unpublishedMetricProblems(await resolve(), METRIC_CATALOG, 'Team/Auth')).toEqual([]);
  });

  it("should chart and alarm on the metrics it always did, and the periodic report's view", async () => {
    const { references } = metricReferences(await resolve());
    const read = new Set(references.map(({ namespace, metric }) => `${namespace} ${metric}`));
    expect([...read].sort()).toEqual(
      [
        ...[
          ...['Logins', 'ReLogins', 'TokenRefreshes', 'ReLoginInterval', 'RecordFailures'],
          ...['HeavyReLoginUsers', 'ActiveUsers', 'EstimatedMinutesLost', 'AlertFailures', 'CheckFailures'],
          // The report's view: its trend per day, the upstream gauges, its own chart failures.
          ...['ReLoginsPerActiveUser', 'UpstreamFixReleased', 'DeployedHasFix', 'ReportChartFailures'],
          // The self-check's view: what share of Cognito's count was recorded, what was recovered, and
          // which hours the monitor could not see.
          ...['RecordingCoverage', 'RecoveredSignIns', 'MonitorBlind'],
        ].map((metric) => `Team/Auth ${metric}`),
        'AWS/Cognito SignInSuccesses',
        'AWS/Cognito TokenRefreshSuccesses',
        'AWS/Lambda Errors',
      ].sort(),
    );
  });

  it('should send the alarms to the topic only when one is given', async () => {
    const stack = await resolve();
    expect(stack.Conditions.HasAlarmTopic).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['arn:aws:sns:eu-west-1:1:ops', ''] }],
    });
    const alarms = Object.values(stack.Resources).filter((item) => item.Type === 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(8);
    for (const alarm of alarms) {
      expect(alarm.Properties?.AlarmActions).toEqual({
        'Fn::If': ['HasAlarmTopic', ['arn:aws:sns:eu-west-1:1:ops'], { Ref: 'AWS::NoValue' }],
      });
    }
  });

  it("should alarm when any client records under 90 % of Cognito's count two hourly runs in a row", async () => {
    const { Properties } = (await resolve()).Resources.RecordingCoverageAlarm as {
      Properties: Record<string, unknown>;
    };
    expect(Properties).toMatchObject({
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 90,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      Metrics: [
        {
          Period: 3600,
          Expression: 'SELECT MIN(RecordingCoverage) FROM SCHEMA("Team/Auth", ClientId, UserPoolId)',
        },
      ],
    });
  });

  it('should mark the hours the monitor could not see, per client and reason, right under the re-logins', async () => {
    const dashboard = (await resolve()).Resources.ReloginDashboard as unknown as {
      Properties: { DashboardBody: { 'Fn::Sub': [string, unknown] } };
    };
    const { widgets } = JSON.parse(dashboard.Properties.DashboardBody['Fn::Sub'][0]) as {
      widgets: {
        x: number;
        y: number;
        width: number;
        height: number;
        properties: { title: string; metrics: { expression: string }[][]; yAxis?: unknown };
      }[];
    };
    const [signIns, blind] = widgets;
    expect(signIns?.properties.title).toContain('re-logins');
    expect(blind).toMatchObject({ x: 0, y: (signIns?.y ?? 0) + (signIns?.height ?? 0), width: 24 });
    expect(blind?.properties.metrics).toEqual([
      [
        {
          expression: `SEARCH('{\${Namespace},UserPoolId,ClientId,Reason} MetricName="MonitorBlind"', 'Maximum', 3600)`,
          id: 'blind',
          label: 'MonitorBlind',
        },
      ],
    ]);
    expect(blind?.properties.yAxis).toEqual({ left: { min: 0, max: 1 } });
    // No two widgets overlap.
    const cells = new Set<string>();
    for (const { x, y, width, height } of widgets) {
      for (let row = y; row < y + height; row += 1) {
        for (let column = x; column < x + width; column += 1) {
          expect(cells.has(`${row},${column}`)).toBe(false);
          cells.add(`${row},${column}`);
        }
      }
    }
  });

  it('should title the widgets in the deploy locale, the same charts in each, and refuse another locale', async () => {
    const english = await widgetTitles();
    const japanese = await widgetTitles({ 'param:locale': 'ja' });
    expect(english).toContain('Re-login interval (minutes)');
    expect(japanese).toHaveLength(english.length);
    expect(japanese.flatMap((title) => englishRuns(title))).toEqual([]);
    expect(english.flatMap((title) => englishRuns(title)).length).toBeGreaterThan(5);
    await expect(resolve({ 'param:locale': 'fr' })).rejects.toThrow(
      'param locale must be one of en, ja, got "fr"',
    );
  });

  it('should describe every alarm in the deploy locale', async () => {
    const descriptions = async (overrides: Record<string, string> = {}) =>
      Object.values((await resolve(overrides)).Resources)
        .filter((item) => item.Type === 'AWS::CloudWatch::Alarm')
        .map((alarm) => String(alarm.Properties?.AlarmDescription));
    const english = await descriptions();
    const japanese = await descriptions({ 'param:locale': 'ja' });
    expect(english).toContain('The periodic report failed; its logs name the setting or dependency.');
    expect(japanese).toContain('定期レポートが失敗しました。原因の設定や依存先はログにあります。');
    expect(japanese).toHaveLength(8);
    expect(new Set(japanese).size).toBe(8);
    expect(japanese.flatMap((description) => englishRuns(description))).toEqual([]);
    expect(english.flatMap((description) => englishRuns(description)).length).toBeGreaterThan(8);
  });
});
