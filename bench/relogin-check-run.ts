/**
 * One re-login check in a process of its own (`relogin-check.ts` starts it), so that its peak RSS is
 * the check's and not the seeding's: the functions' real dependencies from the environment it is given,
 * the clock fixed at BENCH_CHECK_AT (epoch ms). The run an hour before it goes first, untimed and
 * straight to DynamoDB (BENCH_DYNAMODB_DIRECT, past the counting proxy): the first run after a deploy
 * builds the session checkpoint from the retained log once; the figures are those of an hourly run.
 * Prints `{"seconds", "peakRssMb", "firstRunSeconds"}` as its last line.
 */
import { buildReLoginCheckDeps } from '../functions/relogin-check/deps';
import { captureOutput } from '../local/stand-ins/emf';
import { runReLoginCheck } from '../src/relogins';
import { fixedClock } from '../src/shared/clock';

const at = Number(process.env.BENCH_CHECK_AT);
const measured = process.env.AWS_ENDPOINT_URL_DYNAMODB;
process.env.AWS_ENDPOINT_URL_DYNAMODB = process.env.BENCH_DYNAMODB_DIRECT ?? measured;
const first = { ...buildReLoginCheckDeps(process.env), clock: fixedClock(new Date(at - 3_600_000)) };
const firstStarted = performance.now();
await captureOutput(() => runReLoginCheck(first));
const firstRunSeconds = (performance.now() - firstStarted) / 1000;
process.env.AWS_ENDPOINT_URL_DYNAMODB = measured;

const deps = { ...buildReLoginCheckDeps(process.env), clock: fixedClock(new Date(at)) };
const started = performance.now();
await captureOutput(() => runReLoginCheck(deps));
const seconds = (performance.now() - started) / 1000;
// maxRSS is the process's peak resident set (kB), startup included, as Lambda's "Max Memory Used".
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const round = (value: number) => Math.round(value * 100) / 100;
console.log(JSON.stringify({ seconds: round(seconds), peakRssMb, firstRunSeconds: round(firstRunSeconds) }));
