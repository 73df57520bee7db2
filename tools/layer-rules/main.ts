/** `npm run check:layers`: the import rules (dependency-cruiser) and the source rules, over this tree. */
import { checkTree } from './check-tree';
import { checkImports } from './import-rules';

const root = process.cwd();
const lines = [
  ...(await checkImports(root)).map(
    ({ rule, from, to, comment }) => `error ${rule}: ${from} → ${to}\n  ${comment}`,
  ),
  ...checkTree(root).map(({ rule, file, line, message }) => `error ${rule}: ${file}:${line} ${message}`),
];
for (const line of lines) process.stderr.write(`${line}\n`);
if (lines.length > 0) {
  process.stderr.write(
    `\n${lines.length} layer rule violation(s); the rules: .dependency-cruiser.cjs, tools/layer-rules/\n`,
  );
  process.exitCode = 1;
} else {
  process.stdout.write('layer rules hold (.dependency-cruiser.cjs, tools/layer-rules/)\n');
}
