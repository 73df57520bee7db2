/** `npm run bench`: prints the project's speed and memory figures (quoted in README and issue notes). */
import { benchAnalyze } from './analyze-throughput';
import { benchReLoginCheck } from './relogin-check';
import { benchTriggerLatency } from './trigger-latency';

const sections: [string, () => Promise<string[]>][] = [
  ['Sign-in trigger', () => benchTriggerLatency()],
  ['Re-login check', () => benchReLoginCheck()],
  ['Offline analysis', () => benchAnalyze()],
];

for (const [title, run] of sections) {
  console.log(`## ${title}`);
  for (const line of await run()) console.log(line);
}
