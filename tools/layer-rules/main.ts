/** `npm run check:layers` (after dependency-cruiser): the rules over process.env, the clock and capability cycles. */
import { checkTree } from './check-tree';

const violations = checkTree(process.cwd());
for (const { rule, file, line, message } of violations) {
  process.stderr.write(`error ${rule}: ${file}:${line} ${message}\n`);
}
if (violations.length > 0) {
  process.stderr.write(`\n${violations.length} layer rule violation(s)\n`);
  process.exitCode = 1;
}
