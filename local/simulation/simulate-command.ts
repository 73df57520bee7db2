/**
 * `relogin-monitor simulate [--scenario S] [--users N] [--days N] [--hours-per-day N] [--seed N]
 * [--start YYYY-MM-DD] [--out DIR] [--online] [--json]`: the whole monitor on the embedded local stack
 * (`npm start`), fed by a simulated Argo CD team signing in through cognito-local. Needs Java 17+ for
 * DynamoDB Local. Without `--json` it shows the run in the terminal; with it, prints one JSON object.
 */

import { parseArgs } from 'node:util';
import { type CliIo, EXIT, UsageError, writeLine } from '../../src/cli/io';
import type { Clock } from '../../src/shared/clock';
import { DAY_MS } from '../../src/shared/durations';
import type { SimulationResult } from './run-simulation';
import { SCENARIOS, type ScenarioName, type ScenarioPlan, scenarioMinDays } from './scenarios';

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** `--start` must be a Monday; by default the Monday of last week, so the report's week is a past one. */
function firstMonday(raw: string | undefined, clock: Clock): number {
  if (raw === undefined) {
    const today = Math.floor(clock.now().getTime() / DAY_MS) * DAY_MS;
    const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
    return today - (sinceMonday + 7) * DAY_MS;
  }
  const at = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== raw) {
    throw new UsageError(`--start must be a date like 2026-11-23, got "${raw}"`);
  }
  if (new Date(at).getUTCDay() !== 1) throw new UsageError(`--start must be a Monday, got ${raw}`);
  return at;
}

/** Adoption in a pool with the team's own trigger (issue 18): its own run, not the team-days loop. */
const EXISTING_TRIGGER = 'existing-trigger';

async function existingTrigger(io: CliIo, json: boolean): Promise<number> {
  const { runExistingTriggerScenario } = await import('./existing-trigger');
  const { doctor, ...result } = await runExistingTriggerScenario(
    json ? {} : { onLine: (line) => writeLine(io.stdout, line) },
  );
  if (json) writeLine(io.stdout, JSON.stringify(result));
  return EXIT.ok;
}

/** When the scenario took the trigger out of the pool and put it back (`detached`), as ISO times. */
function triggerSlotTimes(plan: ScenarioPlan): { detachedAt?: string; reattachedAt?: string } {
  const at = (inSlot: boolean) => {
    const change = plan.changes.find((each) => each.kind === 'trigger-slot' && each.inSlot === inSlot);
    return change === undefined
      ? {}
      : { [inSlot ? 'reattachedAt' : 'detachedAt']: new Date(change.at).toISOString() };
  };
  return { ...at(false), ...at(true) };
}

/** The team's real sign-ins and refreshes the replay of the log does not hold: lost for good. */
export function lostSignIns(result: Pick<SimulationResult, 'team' | 'summary'>): number {
  const team = result.team.reduce((sum, day) => sum + day.signIns + day.refreshes, 0);
  const { totals } = result.summary;
  return team - totals.logins - totals.refreshes;
}

/** What `--json` prints: the totals against the team's, every Slack post with its kind, the advice. */
export function simulationJson(result: SimulationResult) {
  return {
    scenario: result.plan.name,
    totals: { ...result.summary.totals, heavyUsers: result.summary.heavyUsers.length },
    team: result.team,
    slackMessages: result.slackMessages.map((message) => ({
      kind: message.kind ?? null,
      at: new Date(message.at).toISOString(),
      ts: message.ts,
      threadTs: message.threadTs ?? null,
      broadcast: message.broadcast,
      text: message.text,
    })),
    advice: result.advice,
    // What the trigger failed to write, what the hourly check recovered, and what stayed lost.
    recordFailures: result.emf.RecordFailures ?? 0,
    landedLate: result.landedLate,
    recovered: result.recovered,
    lost: lostSignIns(result),
    ...triggerSlotTimes(result.plan),
    reportPath: result.files.report,
  };
}

export async function simulateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      scenario: { type: 'string', default: 'no-refresh' },
      users: { type: 'string', default: '12' },
      days: { type: 'string', default: '5' },
      'hours-per-day': { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string' },
      out: { type: 'string', default: 'out' },
      online: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.scenario === EXISTING_TRIGGER) return existingTrigger(io, values.json);
  if (!(SCENARIOS as readonly string[]).includes(values.scenario)) {
    throw new UsageError(
      `--scenario must be one of ${[...SCENARIOS, EXISTING_TRIGGER].join(', ')}, got "${values.scenario}"`,
    );
  }
  const options = {
    scenario: values.scenario as ScenarioName,
    users: wholeNumber('users', values.users, 1, 200),
    days: wholeNumber('days', values.days, 1, 20),
    hoursPerDay: wholeNumber('hours-per-day', values['hours-per-day'], 1, 16),
    seed: wholeNumber('seed', values.seed, 0, 2 ** 31),
    firstMonday: firstMonday(values.start, io.clock),
    online: values.online,
    outDir: values.out,
  };
  const minDays = scenarioMinDays(options.scenario);
  if (options.days < minDays) {
    throw new UsageError(
      `--scenario ${options.scenario} needs --days ${minDays} or more, got ${options.days}`,
    );
  }
  // Loaded only once the flags hold: the local stack and its stand-ins take a while to load.
  const { runSimulation, showEvent, showSummary } = await import('./index');
  const result = await runSimulation({
    ...options,
    ...(values.json ? {} : { onEvent: (event, terminal) => terminal(showEvent(event)) }),
  });
  if (!values.json) {
    writeLine(io.stdout, showSummary(result));
    return EXIT.ok;
  }
  writeLine(io.stdout, JSON.stringify(simulationJson(result)));
  return EXIT.ok;
}
