/** What the check and report benchmarks share: a sign-in history to seed, and a run in a process of its own. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encodeSignIn } from '../src/adapters/dynamodb/table-layout';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../src/shared/durations';
import type { LoggedSignIn } from '../src/sign-ins';

const execFileAsync = promisify(execFile);

/**
 * The logged sign-ins of the `days` days before `end` on which `worksOn(dayStart)` holds: each user
 * `perDay` times a day, 65 min apart (a re-login each time the 1 h session ran out), from 08:00 on; in
 * time order, as the trigger writes them.
 */
export function* signInItems(
  scope: { userPoolId: string; clientId: string },
  users: number,
  end: number,
  days: number,
  shape: { perDay: number; worksOn: (dayStart: number) => boolean },
): Generator<Record<string, unknown>> {
  for (let day = days - 1; day >= 0; day -= 1) {
    const dayStart = end - (day + 1) * DAY_MS;
    if (!shape.worksOn(dayStart)) continue;
    for (let index = 0; index < shape.perDay; index += 1) {
      for (let user = 0; user < users; user += 1) {
        const signIn: LoggedSignIn = {
          at: dayStart + 8 * HOUR_MS + index * 65 * MINUTE_MS + user * 7,
          kind: 'login',
          triggerSource: 'TokenGeneration_HostedAuth',
          ...scope,
          user: `sub-${user}`,
        };
        yield encodeSignIn(signIn, 35);
      }
    }
  }
}

/**
 * Runs one of bench/'s `*-run.ts` scripts in a fresh Node process (through tsx, as `npm run bench`
 * runs), so its peak RSS is its own, and reads the JSON figures it prints last.
 */
export async function runAlone<T>(script: string, env: NodeJS.ProcessEnv): Promise<T> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(`./${script}`, import.meta.url))],
    { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
}
