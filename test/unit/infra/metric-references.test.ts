/** The checker that finds dashboard widgets and alarms reading metrics nothing publishes: proven able to fail. */
import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from '../../../src/shared/metric-catalog';
import {
  metricReferences,
  type TemplateLike,
  unpublishedMetricProblems,
} from '../../support/metric-references';

const NAMESPACE = 'Team/Auth';
// The dashboard body is an Fn::Sub template: these are its variables, not JS placeholders.
// biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable
const SUB_NAMESPACE = '${Namespace}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable
const SUB_REGION = '${AWS::Region}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable
const SUB_MISSPELT = '${Nmespace}';

function dashboard(rows: unknown[][]): TemplateLike['Resources'][string] {
  const body = JSON.stringify({
    widgets: [{ type: 'metric', properties: { title: 'Wrong', region: SUB_REGION, metrics: rows } }],
  });
  return {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: { DashboardBody: { 'Fn::Sub': [body, { Namespace: NAMESPACE }] } },
  };
}

function search(schema: string, metric: string): unknown[] {
  return [{ expression: `SEARCH('{${schema}} MetricName="${metric}"', 'Sum', 3600)`, id: 'x' }];
}

function insightsAlarm(expression: string): TemplateLike['Resources'][string] {
  return { Type: 'AWS::CloudWatch::Alarm', Properties: { Metrics: [{ Id: 'q', Expression: expression }] } };
}

const check = (resources: TemplateLike['Resources']) =>
  unpublishedMetricProblems({ Resources: resources }, METRIC_CATALOG, NAMESPACE);

describe('Function: unpublishedMetricProblems', () => {
  it('should pass a dashboard and alarms that read only catalogued metrics by their published dimensions', () => {
    expect(
      check({
        Board: dashboard([
          search(`${SUB_NAMESPACE},UserPoolId,ClientId`, 'ReLogins'),
          search(`${SUB_NAMESPACE},FixId`, 'AlertFailures'),
          search('AWS/Cognito,UserPool,UserPoolClient', 'TokenRefreshSuccesses'),
          [NAMESPACE, 'Logins', 'UserPoolId', 'pool', 'ClientId', 'client'],
          ['.', 'ReLogins', '.', 'pool', '.', 'client', { stat: 'Sum' }],
        ]),
        AnyDimensions: insightsAlarm(`SELECT SUM(AlertFailures) FROM "${NAMESPACE}"`),
        Schema: insightsAlarm(
          `SELECT MAX(HeavyReLoginUsers) FROM SCHEMA("${NAMESPACE}", ClientId, UserPoolId)`,
        ),
        Lambda: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            Namespace: 'AWS/Lambda',
            MetricName: 'Errors',
            Dimensions: [{ Name: 'FunctionName', Value: 'f' }],
          },
        },
        Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
      }),
    ).toEqual([]);
  });

  it('should name every widget and alarm that reads a metric nothing publishes', () => {
    const problems = check({
      Board: dashboard([
        search(`${SUB_NAMESPACE},UserPoolId,ClientId`, 'Relogins'),
        search(`${SUB_NAMESPACE},FixId`, 'CheckFailures'),
        search('AWS/Cognito,UserPool,UserPoolClient', 'SignInSucceses'),
        search('ArgoCD/Typo,UserPoolId,ClientId', 'Logins'),
        [{ expression: `SEARCH('Logins', 'Sum', 3600)`, id: 'free' }],
        [NAMESPACE, 'TokenRefreshes', 'ClientId', 'client'],
      ]),
      Insights: insightsAlarm(`SELECT SUM(RecordFailure) FROM SCHEMA("${NAMESPACE}", ClientId, UserPoolId)`),
      Unreadable: insightsAlarm(`SELECT SUM(RecordFailures) FROM SCHEMA("${NAMESPACE}"`),
      Lambda: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Namespace: 'AWS/Lambda',
          MetricName: 'Error',
          Dimensions: [{ Name: 'FunctionName', Value: 'f' }],
        },
      },
      Stat: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Metrics: [
            {
              Id: 'm',
              MetricStat: { Metric: { Namespace: NAMESPACE, MetricName: 'ActiveUser', Dimensions: [] } },
            },
          ],
        },
      },
    });
    expect(problems).toEqual([
      `Board widget "Wrong": cannot tell which metric SEARCH('Logins') reads (give {namespace,...} and MetricName="...")`,
      `Unreadable: cannot read the metric query in SELECT SUM(RecordFailures) FROM SCHEMA("${NAMESPACE}"`,
      'Board widget "Wrong": Relogins is in no catalog entry: nothing publishes it',
      'Board widget "Wrong": CheckFailures is read by dimensions [FixId] but published only by [UserPoolId, ClientId]',
      `Board widget "Wrong": AWS/Cognito SignInSucceses is not in the catalog's readFromAws`,
      'Board widget "Wrong": namespace ArgoCD/Typo (Logins) is neither METRICS_NAMESPACE (Team/Auth) nor an AWS namespace in the catalog',
      'Board widget "Wrong": TokenRefreshes is read by dimensions [ClientId] but published only by [UserPoolId, ClientId]',
      'Insights: RecordFailure is in no catalog entry: nothing publishes it',
      `Lambda: AWS/Lambda Error is not in the catalog's readFromAws`,
      'Stat: ActiveUser is in no catalog entry: nothing publishes it',
    ]);
  });

  it('should refuse a dashboard body whose Fn::Sub leaves a variable undefined', () => {
    const body = { 'Fn::Sub': [JSON.stringify({ widgets: [], note: SUB_MISSPELT }), {}] };
    expect(() =>
      metricReferences({
        Resources: { Board: { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardBody: body } } },
      }),
    ).toThrow(`DashboardBody uses ${SUB_MISSPELT}, which its Fn::Sub does not define`);
  });
});
