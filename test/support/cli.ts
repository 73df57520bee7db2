/** Runs `relogin-monitor` in-process with captured output, or as the installed bin in a child process. */
import { execFile } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLI_COMMANDS } from '../../local/cli-commands';
import { main } from '../../src/cli/main';
import type { Clock } from '../../src/shared/clock';
import type { Env } from '../../src/shared/config/env';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

export async function runCli(
  args: string[],
  options: { env?: Env; stdin?: string; clock?: Clock } = {},
): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const code = await main(
    args,
    {
      stdout,
      stderr,
      stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
      env: options.env ?? {},
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    },
    CLI_COMMANDS,
  );
  return { code, stdout: out(), stderr: err() };
}

export const BIN = fileURLToPath(new URL('../../bin/relogin-monitor.mjs', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function runBin(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
