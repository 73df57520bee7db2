#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so the command works right after `npm ci`.
// The product's commands and the development harness's `simulate` are composed in local/cli-commands.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { CLI_COMMANDS } = await import('../local/cli-commands.ts');
process.exitCode = await main(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env },
  CLI_COMMANDS,
);
