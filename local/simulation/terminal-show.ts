/**
 * The simulation as a platform engineer watches it in the terminal: each Slack message as Slack would
 * show it (thread replies indented under their parent), what the team does each day, the changes the
 * scenario makes, and a summary at the end.
 */
import { readableText } from '../stand-ins/block-kit';
import type { PostedToSlack } from '../stand-ins/fake-slack';
import type { SimulationEvent, SimulationResult } from './run-simulation';
import type { TriggerDynamoDbFault } from './scenarios';
import { lostSignIns } from './simulate-command';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function simulatedTime(at: number, withTime = true): string {
  const date = new Date(at);
  const day = `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  const time = date.toISOString().slice(11, 16);
  return withTime ? `${day} ${time}` : day;
}

/** Slack mrkdwn as read: links as `label <url>`, `&amp;` and friends decoded. */
export function slackText(message: Pick<PostedToSlack, 'blocks' | 'text'>): string {
  const text = message.blocks.length > 0 ? readableText(message.blocks) : message.text;
  return text
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 <$1>')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const firstLine = (message: PostedToSlack) => slackText(message).split('\n')[0] ?? '';
const slackTime = (ts: string) => simulatedTime(Number(ts.split('.')[0]) * 1000);

function boxed(lines: string[], indent: string): string {
  return `${lines.map((line) => `${indent}│ ${line}`.trimEnd()).join('\n')}\n`;
}

export function showEvent(event: SimulationEvent): string {
  switch (event.kind) {
    case 'started':
      return [
        `Scenario ${event.plan.name}: ${event.plan.summary}`,
        `cognito-local pool ${event.userPoolId}, app client ${event.clientId}; ${event.users} users sign in through it.`,
        'Slack messages follow as the local Slack API receives them; the functions log to out/functions.log.',
        '',
      ].join('\n');
    case 'change': {
      const { change } = event;
      const what =
        change.kind === 'token-validity'
          ? `the team sets the app client's ID and access tokens to ${change.hours} h`
          : change.kind === 'argocd-release'
            ? `Argo CD is upgraded to ${change.release.version}`
            : change.kind === 'trigger-dynamodb'
              ? TRIGGER_DYNAMODB[change.fault]
              : change.inSlot
                ? 'the trigger is put back in the pool'
                : "the trigger is removed from the pool's LambdaConfig";
      return `\n>> ${simulatedTime(event.change.at)}  ${what} (${event.change.why})\n\n`;
    }
    case 'day-ended': {
      const { tally } = event;
      return `   day ${tally.day + 1}: the team signed in ${tally.signIns} times (${tally.midDaySignIns} after a session expired mid-day) and refreshed ${tally.refreshes} times\n`;
    }
    case 'slack-message': {
      const { message, thread } = event;
      const lines = slackText(message).split('\n');
      if (thread === undefined) {
        return `\n┌ Slack #${message.channel} · ${slackTime(message.ts)}\n${boxed(lines, '')}└\n`;
      }
      const broadcast = message.broadcast ? ', also sent to the channel' : '';
      return `    ↳ ${slackTime(message.ts)} reply in the thread of "${firstLine(thread)}"${broadcast}\n${boxed(lines, '    ')}`;
    }
    case 'slack-file': {
      const where = event.thread === undefined ? '' : ` in the thread of "${firstLine(event.thread)}"`;
      return `    ↳ file ${event.file.filename} (${Math.round(event.file.bytes.length / 1024)} kB)${where}\n`;
    }
    case 'job-failed':
      return `!! ${event.job} at ${simulatedTime(event.at)} failed: ${event.error}\n`;
  }
}

const TRIGGER_DYNAMODB: Record<TriggerDynamoDbFault, string> = {
  throttle: "DynamoDB refuses the trigger's writes",
  hang: "DynamoDB takes the trigger's writes but answers too late",
  none: "DynamoDB answers the trigger's writes again",
};

export function showSummary(result: SimulationResult): string {
  const team = result.team.reduce(
    (sum, day) => ({
      signIns: sum.signIns + day.signIns,
      midDay: sum.midDay + day.midDaySignIns,
      refreshes: sum.refreshes + day.refreshes,
    }),
    { signIns: 0, midDay: 0, refreshes: 0 },
  );
  const { totals } = result.summary;
  const threads = result.slackMessages.filter((message) => message.threadTs !== undefined).length;
  return [
    '',
    `=== Summary: ${result.plan.name} ===`,
    `The team: ${team.signIns} sign-ins (${team.midDay} after a session expired mid-day), ${team.refreshes} token refreshes.`,
    `The monitor (replay of the sign-in log): ${totals.activeUsers} active users, ${totals.logins} logins, ${totals.reLogins} re-logins, ${totals.refreshes} refreshes.`,
    `The trigger's metrics: ${Object.entries(result.emf)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}; ${result.metricsPublished} data points sent to CloudWatch.`,
    `Failed writes: ${result.emf.RecordFailures ?? 0} (${result.landedLate} of them landed late); recovered by the hourly check: ${result.recovered}; lost: ${lostSignIns(result)}.`,
    `Slack: ${result.slackMessages.length} messages (${threads} in threads), ${result.slackFiles.length} files.`,
    `Advice given: ${result.advice.length > 0 ? result.advice.join(', ') : 'none'}.`,
    `Report: ${result.files.report}, ${result.files.html}, ${result.files.chart}`,
    `Also: ${result.files.slack} (every message), ${result.files.metrics}, ${result.files.log}`,
    '',
  ].join('\n');
}
