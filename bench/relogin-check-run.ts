/**
 * One re-login check in a process of its own (`relogin-check.ts` starts it), so that its peak RSS is
 * the check's and not the seeding's: the functions' real dependencies from the environment it is given,
 * the clock fixed at BENCH_CHECK_AT (epoch ms), the catch-up budget measured in real time as deployed.
 * Prints `{"seconds", "peakRssMb", "caughtUp"}` as its last line (`caughtUp` false while the run was
 * still building its session history: `src/relogins/checkpointed-replay.ts`).
 */
import { buildReLoginCheckDeps } from '../functions/relogin-check/deps';
import { captureOutput } from '../local/stand-ins/emf';
import { runReLoginCheck } from '../src/relogins';
import { fixedClock } from '../src/shared/clock';

const deps = {
  ...buildReLoginCheckDeps(process.env),
  clock: fixedClock(new Date(Number(process.env.BENCH_CHECK_AT))),
};
const started = performance.now();
const { result } = await captureOutput(() => runReLoginCheck(deps));
const seconds = (performance.now() - started) / 1000;
// maxRSS is the process's peak resident set (kB), startup included, as Lambda's "Max Memory Used".
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const caughtUp = !result.some((client) => client.alert === 'catching-up');
console.log(JSON.stringify({ seconds: Math.round(seconds * 100) / 100, peakRssMb, caughtUp }));
