// Dashboard and alarms over the trigger's EMF metrics, the jobs' aggregates and Cognito's own counts,
// built from src/shared/metric-catalog.json, the list the emitting code uses too: a widget or alarm that
// names a metric the catalog does not publish (or with dimensions it is not published with) fails
// `osls package`. SEARCH and Metrics Insights queries cover every pool/client pair without knowing their ids.
const catalog = require('../src/shared/metric-catalog.json');

const CLIENT = ['UserPoolId', 'ClientId'];
const CLIENT_REASON = ['UserPoolId', 'ClientId', 'Reason'];
const FIX = ['FixId'];
const COGNITO_CLIENT = ['UserPool', 'UserPoolClient'];
// The dashboard body is an Fn::Sub template: CloudFormation fills in these two.
// biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable, not a JS placeholder
const NAMESPACE_VARIABLE = '${Namespace}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable, not a JS placeholder
const REGION_VARIABLE = '${AWS::Region}';

function sameSet(left, right) {
  return left.length === right.length && left.every((name) => right.includes(name));
}

/**
 * The metric's name, after checking that we publish it, with exactly these dimensions when given
 * (a query over every dimension set of the namespace gives none).
 */
function published(name, dimensions) {
  const metric = catalog.published[name];
  if (metric === undefined) {
    throw new Error(
      `infra/observability.cjs names ${name}, which src/shared/metric-catalog.json does not publish`,
    );
  }
  const sets = metric.publishedBy.map((publication) => publication.dimensions);
  if (dimensions !== undefined && !sets.some((set) => sameSet(set, dimensions))) {
    throw new Error(
      `infra/observability.cjs reads ${name} by ${dimensions.join(', ')}; the catalog publishes it by ${sets.map((set) => set.join(', ')).join(' or ')}`,
    );
  }
  return name;
}

/** The name of a metric AWS publishes, after checking it is catalogued with these dimensions. */
function fromAws(namespace, name, dimensions) {
  const metric = catalog.readFromAws[namespace]?.[name];
  if (metric === undefined || !sameSet(metric.dimensions, dimensions)) {
    throw new Error(
      `infra/observability.cjs reads ${namespace} ${name} by ${dimensions.join(', ')}, which src/shared/metric-catalog.json does not list`,
    );
  }
  return name;
}

function search(namespace, dimensions, metricName, stat, period) {
  return `SEARCH('{${[namespace, ...dimensions].join(',')}} MetricName="${metricName}"', '${stat}', ${period})`;
}

/** One dashboard line: every series of one of our metrics with these dimensions. */
function ours({ metric, dimensions = CLIENT, stat, period, id, label = metric }) {
  const expression = search(NAMESPACE_VARIABLE, dimensions, published(metric, dimensions), stat, period);
  return [{ expression, id, label }];
}

function cognito({ metric, stat, period, id }) {
  const expression = search(
    'AWS/Cognito',
    COGNITO_CLIENT,
    fromAws('AWS/Cognito', metric, COGNITO_CLIENT),
    stat,
    period,
  );
  return [{ expression, id, label: metric }];
}

function widget({ x, y, width, height, title, stat, period, metrics, yAxis }) {
  const properties = {
    title,
    region: REGION_VARIABLE,
    view: 'timeSeries',
    ...(stat ? { stat } : {}),
    period,
    metrics,
    ...(yAxis ? { yAxis } : {}),
  };
  return { type: 'metric', x, y, width, height, properties };
}

/**
 * The widgets' titles and the alarms' descriptions in each deploy `locale` (docs/i18n.md). Kept here,
 * not in the TypeScript catalogs: serverless.yml requires this file as plain CommonJS at deploy time.
 */
const DASHBOARD_TITLES = {
  en: {
    signIns: 'Argo CD sign-ins, re-logins and refreshes (per hour)',
    interval: 'Re-login interval (minutes)',
    heavy: 'Heavy re-login users and minutes lost (last 24 h, hourly check)',
    cognito: "Cognito's own view: sign-ins vs token refreshes",
    perUser: 'Re-logins per active user (daily average of the 24 h figure)',
    refreshes: 'Token refreshes per day: trigger and Cognito',
    upstream: 'Upstream fix: released (1) and deployed (1)',
    health: 'Monitor health: failed recordings (sign-ins went on), checks and alerts',
    coverage:
      "Monitor coverage: % of Cognito's count recorded (under 90: the figures above miss hours) and sign-ins recovered",
    blind:
      'Hours the monitor could not see (1 = blind; per client and reason: detached, undercounting, misclassifying, catching-up)',
  },
  ja: {
    signIns: 'Argo CD のサインイン、再ログイン、リフレッシュ (1 時間ごと)',
    interval: '再ログイン間隔 (分)',
    heavy: '再ログイン頻発ユーザーと失われた時間 (直近 24 時間、毎時のチェック)',
    cognito: 'Cognito 自身の集計: サインインとトークンリフレッシュ',
    perUser: 'アクティブユーザーあたりの再ログイン (24 時間の値の日平均)',
    refreshes: '1 日あたりのトークンリフレッシュ: トリガーと Cognito',
    upstream: '上流の修正: リリース済み (1) とデプロイ済み (1)',
    health: 'モニターの状態: 記録の失敗 (サインインは継続)、チェックとアラートの失敗',
    coverage:
      'モニターのカバレッジ: Cognito の集計のうち記録できた割合 (90 未満なら上のグラフに欠けた時間があります) と取り込み直したサインイン',
    blind:
      'モニターが見えなかった時間 (1 = 見えていない。クライアントと理由ごと: トリガーの切り離し、記録不足、リフレッシュの誤分類、履歴の取り込み中)',
  },
};

const ALARM_DESCRIPTIONS = {
  en: {
    recordFailures:
      'The sign-in trigger could not record sign-ins (users were not affected). Check its logs.',
    triggerErrors: 'The sign-in trigger errored or timed out; Cognito fails sign-ins when that happens.',
    reloginCheck: 'The hourly re-login check failed; its logs name the setting or dependency.',
    upstreamWatch: 'The upstream fix watch failed; its logs name the setting or dependency.',
    report: 'The periodic report failed; its logs name the setting or dependency.',
    alertFailures:
      'Slack refused the alerts (token, channel or outage) in two hourly runs in a row; the logs name the fix.',
    recordingCoverage:
      'The monitor records less than 90 % of what Cognito counts: its re-login figures miss hours. The monitor-blind Slack alert names the cause and the fix.',
    checkFailures: 'An app client could not be checked in two hourly runs in a row; the logs name the cause.',
  },
  ja: {
    recordFailures:
      'サインイントリガーがサインインを記録できませんでした (ユーザーへの影響はありません)。ログを確認してください。',
    triggerErrors:
      'サインイントリガーがエラーまたはタイムアウトしました。このとき Cognito はサインインを失敗させます。',
    reloginCheck: '毎時の再ログインチェックが失敗しました。原因の設定や依存先はログにあります。',
    upstreamWatch: '上流の修正の監視が失敗しました。原因の設定や依存先はログにあります。',
    report: '定期レポートが失敗しました。原因の設定や依存先はログにあります。',
    alertFailures:
      '毎時の実行で 2 回続けて Slack がアラートを拒否しました (トークン、チャンネル、または障害)。直し方はログにあります。',
    recordingCoverage:
      'モニターが記録できているのは Cognito の集計の 90 % 未満です。再ログインの数値に欠けた時間があります。原因と直し方は Slack の monitor-blind アラートにあります。',
    checkFailures:
      '毎時の実行で 2 回続けてアプリクライアントをチェックできませんでした。原因はログにあります。',
  },
};

const HOUR = 3600;
const DAY = 24 * HOUR;
const FIVE_MINUTES = 300;

/** The dashboard's widgets, titled in `words` (one of DASHBOARD_TITLES). */
function dashboardWidgets(words) {
  return [
    widget({
      x: 0,
      y: 0,
      width: 12,
      height: 6,
      stat: 'Sum',
      period: HOUR,
      title: words.signIns,
      metrics: [
        ours({ metric: 'Logins', stat: 'Sum', period: HOUR, id: 'logins' }),
        ours({ metric: 'ReLogins', stat: 'Sum', period: HOUR, id: 'relogins' }),
        ours({ metric: 'TokenRefreshes', stat: 'Sum', period: HOUR, id: 'refreshes' }),
      ],
    }),
    // Under the re-logins, hour by hour: the hours whose figures above are missing or short, and why.
    widget({
      x: 0,
      y: 6,
      width: 24,
      height: 4,
      stat: 'Maximum',
      period: HOUR,
      title: words.blind,
      metrics: [
        ours({
          metric: 'MonitorBlind',
          dimensions: CLIENT_REASON,
          stat: 'Maximum',
          period: HOUR,
          id: 'blind',
        }),
      ],
      yAxis: { left: { min: 0, max: 1 } },
    }),
    widget({
      x: 12,
      y: 0,
      width: 12,
      height: 6,
      period: HOUR,
      title: words.interval,
      metrics: [
        ours({ metric: 'ReLoginInterval', stat: 'p50', period: HOUR, id: 'p50', label: 'p50' }),
        ours({ metric: 'ReLoginInterval', stat: 'p90', period: HOUR, id: 'p90', label: 'p90' }),
      ],
    }),
    widget({
      x: 0,
      y: 10,
      width: 12,
      height: 6,
      stat: 'Maximum',
      period: HOUR,
      title: words.heavy,
      metrics: [
        ours({ metric: 'HeavyReLoginUsers', stat: 'Maximum', period: HOUR, id: 'heavy' }),
        ours({ metric: 'ActiveUsers', stat: 'Maximum', period: HOUR, id: 'active' }),
        ours({ metric: 'EstimatedMinutesLost', stat: 'Maximum', period: HOUR, id: 'lost' }),
      ],
    }),
    widget({
      x: 12,
      y: 10,
      width: 12,
      height: 6,
      stat: 'Sum',
      period: HOUR,
      title: words.cognito,
      metrics: [
        cognito({ metric: 'SignInSuccesses', stat: 'Sum', period: HOUR, id: 'signins' }),
        cognito({ metric: 'TokenRefreshSuccesses', stat: 'Sum', period: HOUR, id: 'cognitorefresh' }),
      ],
    }),
    // The periodic report's view: its trend figures per day, and where the upstream fix stands.
    widget({
      x: 0,
      y: 16,
      width: 8,
      height: 6,
      stat: 'Average',
      period: DAY,
      title: words.perUser,
      metrics: [ours({ metric: 'ReLoginsPerActiveUser', stat: 'Average', period: DAY, id: 'perday' })],
    }),
    widget({
      x: 8,
      y: 16,
      width: 8,
      height: 6,
      stat: 'Sum',
      period: DAY,
      title: words.refreshes,
      metrics: [
        ours({ metric: 'TokenRefreshes', stat: 'Sum', period: DAY, id: 'dailyrefreshes' }),
        cognito({ metric: 'TokenRefreshSuccesses', stat: 'Sum', period: DAY, id: 'dailycognitorefresh' }),
      ],
    }),
    widget({
      x: 16,
      y: 16,
      width: 8,
      height: 6,
      stat: 'Maximum',
      period: 6 * HOUR,
      title: words.upstream,
      metrics: [
        ours({
          metric: 'UpstreamFixReleased',
          dimensions: FIX,
          stat: 'Maximum',
          period: 6 * HOUR,
          id: 'released',
        }),
        ours({
          metric: 'DeployedHasFix',
          dimensions: FIX,
          stat: 'Maximum',
          period: 6 * HOUR,
          id: 'deployed',
        }),
      ],
    }),
    widget({
      x: 0,
      y: 22,
      width: 24,
      height: 4,
      stat: 'Sum',
      period: FIVE_MINUTES,
      title: words.health,
      metrics: [
        ours({ metric: 'RecordFailures', stat: 'Sum', period: FIVE_MINUTES, id: 'failures' }),
        ours({ metric: 'AlertFailures', stat: 'Sum', period: FIVE_MINUTES, id: 'alertfailures' }),
        ours({
          metric: 'AlertFailures',
          dimensions: FIX,
          stat: 'Sum',
          period: FIVE_MINUTES,
          id: 'announcefailures',
          label: 'AlertFailures (upstream)',
        }),
        ours({
          metric: 'ReportChartFailures',
          dimensions: ['UserPoolId'],
          stat: 'Sum',
          period: FIVE_MINUTES,
          id: 'chartfailures',
        }),
        ours({ metric: 'CheckFailures', stat: 'Sum', period: FIVE_MINUTES, id: 'checkfailures' }),
      ],
    }),
    widget({
      x: 0,
      y: 26,
      width: 24,
      height: 4,
      stat: 'Minimum',
      period: HOUR,
      title: words.coverage,
      metrics: [
        ours({ metric: 'RecordingCoverage', stat: 'Minimum', period: HOUR, id: 'coverage' }),
        ours({ metric: 'RecoveredSignIns', stat: 'Sum', period: HOUR, id: 'recovered' }),
      ],
    }),
  ];
}

function alarmActions(topicArn) {
  return { 'Fn::If': ['HasAlarmTopic', [topicArn], { Ref: 'AWS::NoValue' }] };
}

/**
 * A Metrics Insights alarm on the sum (or `aggregate`) of one of our metrics. `dimensions` narrows it to
 * that schema; without them it covers every dimension set of the namespace (AlertFailures: per client
 * and per fix). Missing data is not breaching: a metric left out means nothing to report.
 */
function sumAlarm({
  aggregate = 'SUM',
  comparison = 'GreaterThanOrEqualToThreshold',
  namespace,
  topicArn,
  name,
  description,
  metric,
  dimensions,
  period,
  threshold,
  periods,
}) {
  // Metrics Insights does not care about the order of SCHEMA's dimensions: sorted, for a stable template.
  const from =
    dimensions === undefined
      ? `"${namespace}"`
      : `SCHEMA("${namespace}", ${[...dimensions].sort().join(', ')})`;
  const metricName = published(metric, dimensions);
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: name,
      AlarmDescription: description,
      ComparisonOperator: comparison,
      Threshold: threshold,
      EvaluationPeriods: periods,
      DatapointsToAlarm: periods,
      TreatMissingData: 'notBreaching',
      Metrics: [
        {
          Id: 'failures',
          Period: period,
          ReturnData: true,
          Expression: `SELECT ${aggregate}(${metricName}) FROM ${from}`,
        },
      ],
      AlarmActions: alarmActions(topicArn),
    },
  };
}

/** An alarm on a Lambda function's own `Errors` (AWS/Lambda). */
function functionErrorsAlarm({ topicArn, name, description, functionResource, period, periods }) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: name,
      AlarmDescription: description,
      Namespace: 'AWS/Lambda',
      MetricName: fromAws('AWS/Lambda', 'Errors', ['FunctionName']),
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionResource } }],
      Statistic: 'Sum',
      Period: period,
      EvaluationPeriods: periods,
      ...(periods > 1 ? { DatapointsToAlarm: periods } : {}),
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: alarmActions(topicArn),
    },
  };
}

module.exports = async ({ resolveVariable }) => {
  const [service, stage, namespace, topicArn, locale] = await Promise.all(
    ['self:service', 'sls:stage', 'param:metricsNamespace', 'param:alarmTopicArn', 'param:locale'].map(
      (name) => resolveVariable(name),
    ),
  );
  if (!Object.hasOwn(DASHBOARD_TITLES, locale)) {
    throw new Error(
      `param locale must be one of ${Object.keys(DASHBOARD_TITLES).join(', ')}, got "${locale}"`,
    );
  }
  const words = DASHBOARD_TITLES[locale];
  const alarms = ALARM_DESCRIPTIONS[locale];
  const prefix = `${service}-${stage}`;
  const stack = { namespace, topicArn };
  return {
    Conditions: { HasAlarmTopic: { 'Fn::Not': [{ 'Fn::Equals': [topicArn, ''] }] } },
    Resources: {
      ReloginDashboard: {
        Type: 'AWS::CloudWatch::Dashboard',
        Properties: {
          DashboardName: prefix,
          DashboardBody: {
            'Fn::Sub': [JSON.stringify({ widgets: dashboardWidgets(words) }), { Namespace: namespace }],
          },
        },
      },
      RecordFailuresAlarm: sumAlarm({
        ...stack,
        name: `${prefix}-record-failures`,
        description: alarms.recordFailures,
        metric: 'RecordFailures',
        dimensions: CLIENT,
        period: FIVE_MINUTES,
        threshold: 5,
        periods: 1,
      }),
      TriggerErrorsAlarm: functionErrorsAlarm({
        ...stack,
        name: `${prefix}-trigger-errors`,
        description: alarms.triggerErrors,
        functionResource: 'AuthEventLambdaFunction',
        period: 60,
        periods: 1,
      }),
      // The scheduled jobs: a run that fails outright (bad configuration, timeout), or keeps failing to
      // alert (Slack refusing the token or channel) or to check a client, two runs in a row.
      ReloginCheckErrorsAlarm: functionErrorsAlarm({
        ...stack,
        name: `${prefix}-relogin-check-errors`,
        description: alarms.reloginCheck,
        functionResource: 'ReloginCheckLambdaFunction',
        period: HOUR,
        periods: 2,
      }),
      UpstreamWatchErrorsAlarm: functionErrorsAlarm({
        ...stack,
        name: `${prefix}-upstream-watch-errors`,
        description: alarms.upstreamWatch,
        functionResource: 'UpstreamWatchLambdaFunction',
        period: 6 * HOUR,
        periods: 1,
      }),
      ReportErrorsAlarm: functionErrorsAlarm({
        ...stack,
        name: `${prefix}-report-errors`,
        description: alarms.report,
        functionResource: 'ReportLambdaFunction',
        period: HOUR,
        periods: 1,
      }),
      AlertFailuresAlarm: sumAlarm({
        ...stack,
        name: `${prefix}-alert-failures`,
        description: alarms.alertFailures,
        metric: 'AlertFailures',
        period: HOUR,
        threshold: 1,
        periods: 2,
      }),
      // The self-check (docs/monitoring-coverage.md): recorded below 90 % of Cognito's own count for
      // two hourly runs: the trigger is detached, writes are lost, or refreshes arrive as sign-ins.
      RecordingCoverageAlarm: sumAlarm({
        ...stack,
        name: `${prefix}-recording-coverage`,
        description: alarms.recordingCoverage,
        metric: 'RecordingCoverage',
        dimensions: CLIENT,
        aggregate: 'MIN',
        comparison: 'LessThanThreshold',
        period: HOUR,
        threshold: 90,
        periods: 2,
      }),
      CheckFailuresAlarm: sumAlarm({
        ...stack,
        name: `${prefix}-check-failures`,
        description: alarms.checkFailures,
        metric: 'CheckFailures',
        period: HOUR,
        threshold: 1,
        periods: 2,
      }),
    },
    Outputs: {
      DashboardUrl: {
        Value: {
          'Fn::Sub': `https://\${AWS::Region}.console.aws.amazon.com/cloudwatch/home?region=\${AWS::Region}#dashboards:name=${prefix}`,
        },
      },
    },
  };
};
