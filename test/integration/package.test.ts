/** `osls package` runs offline with no AWS credentials and produces the stack we mean to deploy. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeCloudWatch } from '../../local/stand-ins/fake-cloudwatch';
import { startFakeCognito } from '../../local/stand-ins/fake-cognito';
import { startFakeSlack } from '../../local/stand-ins/fake-slack';
import { cognitoFixture } from '../../local/stand-ins/fixtures';
import { localAwsEnvironment } from '../../local/stand-ins/local-aws';
import { METRIC_CATALOG } from '../../src/shared/metric-catalog';
import { MAX_TRIGGER_BUDGET_MS } from '../../src/sign-ins/config';
import { PROJECT_ROOT } from '../support/cli';
import { createTestTable } from '../support/dynamodb';
import { metricReferences, unpublishedMetricProblems } from '../support/metric-references';
import { readPng } from '../support/png';

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

async function packageStack(params: string[] = []): Promise<{ dir: string; template: Template }> {
  const dir = mkdtempSync(join(tmpdir(), 'osls-package-'));
  const home = mkdtempSync(join(tmpdir(), 'no-aws-home-'));
  await promisify(execFile)(
    process.execPath,
    [
      join(PROJECT_ROOT, 'node_modules/osls/bin/serverless.js'),
      'package',
      '--stage',
      'ci',
      '--package',
      dir,
      ...params.map((param) => `--param=${param}`),
    ],
    // An empty HOME and no AWS_* variables: nothing to find credentials in.
    {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: home, SLS_TELEMETRY_DISABLED: '1' },
      timeout: 120_000,
    },
  );
  const template = JSON.parse(
    readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  return { dir, template };
}

/** The id and properties of a function's EventBridge schedule rule, if it has one. */
function scheduleRule(template: Template, functionName: string) {
  return Object.entries(template.Resources).find(
    ([id, item]) => item.Type === 'AWS::Events::Rule' && id.startsWith(functionName),
  );
}

describe('Deploy: osls package', { timeout: 180_000 }, () => {
  let packaged: { dir: string; template: Template };

  beforeAll(async () => {
    packaged = await packageStack([
      'userPoolName=team-pool',
      'userPoolId=eu-west-1_TEAMPOOL',
      'argocdClientIds=argocdclient0example0000001',
      'metricsNamespace=Team/Auth',
      'alarmTopicArn=arn:aws:sns:eu-west-1:1:ops',
      'reportTimezone=Europe/Berlin',
    ]);
  }, 180_000);

  it('should package the trigger for nodejs22.x with its table, one trigger and least-privilege IAM', () => {
    const { dir, template } = packaged;
    const resources = template.Resources;
    const trigger = resources.AuthEventLambdaFunction?.Properties;
    expect(trigger?.Runtime).toBe('nodejs22.x');
    expect(trigger?.Role).toEqual({ 'Fn::GetAtt': ['AuthEventRole', 'Arn'] });
    expect(statSync(join(dir, 'authEvent.zip')).size).toBeGreaterThan(10_000);
    // The largest budget the trigger accepts, plus its cold-start warm-up (1 s), fits the function timeout.
    expect((trigger?.Timeout as number) * 1000).toBeGreaterThanOrEqual(MAX_TRIGGER_BUDGET_MS + 1_000);

    expect(resources.ActivityTable?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    // The project's own attach step, not osls's `existing: true` one (docs/adopting.md).
    expect(Object.values(resources).some((item) => item.Type === 'Custom::CognitoUserPool')).toBe(false);
    expect(resources.PoolAttachment).toMatchObject({
      Type: 'Custom::ReloginMonitorPoolAttachment',
      DependsOn: ['AuthEventCognitoPermission'],
      Properties: {
        ServiceToken: { 'Fn::GetAtt': ['PoolAttachLambdaFunction', 'Arn'] },
        UserPoolId: 'eu-west-1_TEAMPOOL',
        UserPoolName: '',
        FunctionArn: { 'Fn::GetAtt': ['AuthEventLambdaFunction', 'Arn'] },
        Mode: 'auto',
        ChainFunctionArn: '',
      },
    });
    expect(resources.AuthEventCognitoPermission?.Properties).toMatchObject({
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: {
        'Fn::Sub': expect.stringMatching(/:cognito-idp:.*:userpool\/eu-west-1_TEAMPOOL$/),
      },
    });
    expect(statSync(join(dir, 'poolAttach.zip')).size).toBeGreaterThan(10_000);

    const policies = resources.AuthEventRole?.Properties.Policies as {
      PolicyDocument: { Statement: unknown[] };
    }[];
    const policy = policies[0];
    expect(policy?.PolicyDocument.Statement).toContainEqual({
      Effect: 'Allow',
      Action: 'dynamodb:PutItem',
      Resource: { 'Fn::GetAtt': ['ActivityTable', 'Arn'] },
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SIGNIN#*'] } },
    });
    expect(policy?.PolicyDocument.Statement).toContainEqual({
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: { 'Fn::GetAtt': ['ActivityTable', 'Arn'] },
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['WARMUP'] } },
    });
    const actions = policy?.PolicyDocument.Statement.flatMap(
      (statement) => (statement as { Action: string | string[] }).Action,
    );
    expect(actions?.every((action) => !action.includes('*'))).toBe(true);
  });

  it('should build a dashboard that is valid JSON, and alarms on failed recordings, jobs, alerts and checks', () => {
    const { template } = packaged;
    const dashboardBody = template.Resources.ReloginDashboard?.Properties.DashboardBody as {
      'Fn::Sub': [string, Record<string, string>];
    };
    const [body, variables] = dashboardBody['Fn::Sub'];
    // What CloudFormation's Fn::Sub will do with the two variables the body uses.
    const rendered = body
      .replaceAll(/\$\{Namespace\}/g, variables.Namespace ?? '')
      .replaceAll(/\$\{AWS::Region\}/g, 'eu-west-1');
    const dashboard = JSON.parse(rendered) as { widgets: { properties: { title: string } }[] };
    expect(dashboard.widgets.map((widget) => widget.properties.title)).toContain(
      'Re-login interval (minutes)',
    );
    expect(rendered).toContain(
      `SEARCH('{Team/Auth,UserPoolId,ClientId} MetricName=\\"ReLogins\\"', 'Sum', 3600)`,
    );
    expect(template.Resources.RecordFailuresAlarm?.Properties).toMatchObject({
      Metrics: [{ Expression: 'SELECT SUM(RecordFailures) FROM SCHEMA("Team/Auth", ClientId, UserPoolId)' }],
      AlarmActions: { 'Fn::If': ['HasAlarmTopic', ['arn:aws:sns:eu-west-1:1:ops'], { Ref: 'AWS::NoValue' }] },
    });
    for (const [alarm, metric] of [
      ['AlertFailuresAlarm', 'AlertFailures'],
      ['CheckFailuresAlarm', 'CheckFailures'],
    ]) {
      expect(template.Resources[alarm as string]?.Properties).toMatchObject({
        Metrics: [{ Expression: `SELECT SUM(${metric}) FROM "Team/Auth"` }],
      });
    }
    for (const [alarm, fn] of [
      ['TriggerErrorsAlarm', 'AuthEventLambdaFunction'],
      ['ReloginCheckErrorsAlarm', 'ReloginCheckLambdaFunction'],
      ['UpstreamWatchErrorsAlarm', 'UpstreamWatchLambdaFunction'],
    ]) {
      expect(template.Resources[alarm as string]?.Properties).toMatchObject({
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
      });
    }
  });

  it('should chart and alarm only on metrics the catalog publishes, from functions the stack deploys', () => {
    const { template } = packaged;
    expect(unpublishedMetricProblems(template, METRIC_CATALOG, 'Team/Auth')).toEqual([]);
    // Not vacuous: the checker found the dashboard's and the alarms' metrics.
    const { references } = metricReferences(template);
    expect(references.map((reference) => reference.metric)).toEqual(
      expect.arrayContaining(['ReLogins', 'SignInSuccesses', 'RecordFailures', 'CheckFailures', 'Errors']),
    );
    const publishers = Object.values(METRIC_CATALOG.published).flatMap((metric) =>
      metric.publishedBy.map((publication) => publication.function),
    );
    for (const fn of new Set(publishers)) {
      const resource = `${fn[0]?.toUpperCase()}${fn.slice(1)}LambdaFunction`;
      expect(template.Resources[resource]?.Type, resource).toBe('AWS::Lambda::Function');
    }
  });

  it('should package both scheduled jobs on nodejs22.x, each with its own role and schedule', () => {
    const { dir, template } = packaged;
    const resources = template.Resources;
    for (const [name, role, schedule] of [
      ['ReloginCheck', 'ReloginCheckRole', 'rate(1 hour)'],
      ['UpstreamWatch', 'UpstreamWatchRole', 'rate(6 hours)'],
    ] as const) {
      expect(resources[`${name}LambdaFunction`]?.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Role: { 'Fn::GetAtt': [role, 'Arn'] },
      });
      expect(scheduleRule(template, name)?.[1].Properties.ScheduleExpression).toBe(schedule);
    }
    for (const bundle of ['reloginCheck.zip', 'upstreamWatch.zip']) {
      expect(statSync(join(dir, bundle)).size).toBeGreaterThan(10_000);
    }
  });

  it('should schedule the weekly report at Monday 09:00 in its zone (EventBridge Scheduler), on its own role', () => {
    const resources = packaged.template.Resources;
    expect(resources.ReportLambdaFunction?.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Role: { 'Fn::GetAtt': ['ReportRole', 'Arn'] },
    });
    const schedules = Object.values(resources).filter((item) => item.Type === 'AWS::Scheduler::Schedule');
    expect(schedules.map((item) => item.Properties)).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'cron(0 9 ? * MON *)',
        ScheduleExpressionTimezone: 'Europe/Berlin',
        Target: expect.objectContaining({ RoleArn: { 'Fn::GetAtt': ['ReportRole', 'Arn'] } }),
      }),
    ]);
    // With the report scheduled, it carries the weekly stop-gap reminder instead of the check.
    const check = resources.ReloginCheckLambdaFunction?.Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(check.Variables.STOP_GAP_REMINDER).toBe('report');
    // The schedule assumes the function's role to invoke it.
    const role = JSON.stringify(resources.ReportRole);
    expect(role).toContain('scheduler.amazonaws.com');
    expect(role).toContain('lambda:InvokeFunction');
    expect(role).toContain('NOTIFY#report#*');
  });

  it('should post the report with its chart from the packaged bundle, in a fresh process with no node_modules around it', async () => {
    const bundle = mkdtempSync(join(tmpdir(), 'report-bundle-'));
    await promisify(execFile)('python3', ['-m', 'zipfile', '-e', join(packaged.dir, 'report.zip'), bundle]);
    const [slack, cloudwatch, cognito, tableName] = await Promise.all([
      startFakeSlack(),
      startFakeCloudWatch(),
      startFakeCognito(),
      createTestTable('report-bundle'),
    ]);
    cognito.addClient(cognitoFixture('describe-user-pool-client'));
    try {
      const client = (cognitoFixture('describe-user-pool-client').UserPoolClient ?? {}) as Record<
        string,
        string
      >;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { handler } = await import(${JSON.stringify(join(bundle, 'functions/report/handler.mjs'))}); console.log(JSON.stringify(await handler()));`,
        ],
        {
          cwd: bundle,
          env: {
            PATH: process.env.PATH,
            ...localAwsEnvironment({
              dynamodb: inject('dynamoDbEndpoint'),
              cloudwatch: cloudwatch.url,
              cognitoIdentityProvider: cognito.url,
            }),
            TABLE_NAME: tableName,
            USER_POOL_ID: client.UserPoolId ?? '',
            ARGOCD_CLIENT_IDS: client.ClientId ?? '',
            REPORT_IDENTITY: 'username',
            SLACK_TOKEN: 'xoxb-local',
            SLACK_CHANNEL: 'C0REPORTS',
            SLACK_API_URL: slack.apiUrl,
            POWERTOOLS_LOG_LEVEL: 'ERROR',
          },
          timeout: 120_000,
        },
      );
      expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({
        report: 'sent',
        chart: 'uploaded',
      });
      expect(slack.messages).toHaveLength(1);
      const [file] = slack.files;
      expect(file?.threadTs).toBe(slack.messages[0]?.ts);
      const png = readPng(file?.bytes ?? new Uint8Array());
      expect(png.width).toBeGreaterThan(1000);
      expect(png.distinctValues).toBeGreaterThan(50);
    } finally {
      await Promise.all([slack.close(), cloudwatch.close(), cognito.close()]);
    }
  });

  // One more packaging, shared: the default parameters (no userPoolId, no argocdClientIds) and no Pre Token Generation.
  let withDefaults: Promise<{ dir: string; template: Template }> | undefined;
  const packagedWithDefaults = () => {
    withDefaults ??= packageStack(['attachPreTokenGeneration=false']);
    return withDefaults;
  };

  it("should let the upstream watch read the Argo CD clients' token validity on the one pool, only when userPoolId is set", () => {
    const resources = packaged.template.Resources;
    const watch = resources.UpstreamWatchLambdaFunction as Template['Resources'][string];
    const env = (watch.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.USER_POOL_ID).toBe('eu-west-1_TEAMPOOL');
    const conditions = (packaged.template as unknown as { Conditions: Record<string, unknown> }).Conditions;
    expect(conditions.HasUserPoolIdForUpstream).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['eu-west-1_TEAMPOOL', ''] }],
    });
    const role = resources.UpstreamWatchRole as Template['Resources'][string];
    const policies = role.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[];
    expect(policies[0]?.PolicyDocument.Statement).toContainEqual({
      'Fn::If': [
        'HasUserPoolIdForUpstream',
        {
          Effect: 'Allow',
          Action: 'cognito-idp:DescribeUserPoolClient',
          Resource: {
            'Fn::Sub': expect.stringMatching(/:cognito-idp:.*:userpool\/eu-west-1_TEAMPOOL$/),
          },
        },
        { Ref: 'AWS::NoValue' },
      ],
    });
  });

  it('should still understand the replaced attachPreTokenGeneration=false as attachMode post-authentication', async () => {
    const { template } = await packagedWithDefaults();
    expect(template.Resources.PoolAttachment?.Properties).toMatchObject({
      Mode: 'post-authentication',
      UserPoolId: '',
      UserPoolName: 'argocd-users',
    });
    // The self-check expects the trigger in the slot the resolved mode puts it in.
    const check = template.Resources.ReloginCheckLambdaFunction as Template['Resources'][string];
    const variables = (check.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.ATTACH_MODE).toBe('post-authentication');
  });

  it('should schedule the re-login check in every deployment, finding the pool by name without userPoolId', async () => {
    const { template } = await packagedWithDefaults();
    expect(template.Resources.ReloginCheckLambdaFunction).toBeDefined();
    expect(scheduleRule(template, 'ReloginCheck')?.[1].Properties.ScheduleExpression).toBe('rate(1 hour)');
    const check = template.Resources.ReloginCheckLambdaFunction as Template['Resources'][string];
    const env = (check.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.USER_POOL_NAME).toBe('argocd-users');
    // No report without a pool id and clients: the check posts the stop-gap reminder itself.
    expect(env.STOP_GAP_REMINDER).toBe('message');
    expect(JSON.stringify(template.Resources.ReloginCheckRole)).toContain('cognito-idp:ListUserPools');
    expect(scheduleRule(template, 'UpstreamWatch')?.[1].Properties.ScheduleExpression).toBe('rate(6 hours)');
    expect(Object.values(template.Resources).some((item) => item.Type === 'AWS::Scheduler::Schedule')).toBe(
      false,
    );
    // And with both set, its DescribeUserPoolClient grant names the pool.
    expect(JSON.stringify(packaged.template.Resources.ReloginCheckRole)).toContain(
      'userpool/eu-west-1_TEAMPOOL',
    );
  });
});
