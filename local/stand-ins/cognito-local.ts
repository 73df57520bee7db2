/**
 * Runs npm `cognito-local` (a local Cognito user pool API that also serves a JWKS and calls triggers
 * through a Lambda Invoke endpoint) in a child process with its own data directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild } from './ports';

export interface CognitoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  /** Lambda Invoke endpoint and trigger name → function name, for triggers. */
  lambdaEndpoint?: string;
  triggerFunctions?: Record<string, string>;
}

export async function startCognitoLocal(options: CognitoLocalOptions = {}): Promise<CognitoLocal> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cognito-local-'));
  mkdirSync(join(dir, '.cognito'));
  const endpoint = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(dir, '.cognito', 'config.json'),
    JSON.stringify({
      ServerConfig: { hostname: '127.0.0.1', port },
      TokenConfig: { IssuerDomain: endpoint },
      LambdaClient: { endpoint: options.lambdaEndpoint ?? 'http://127.0.0.1:1', region: 'local' },
      TriggerFunctions: options.triggerFunctions ?? {},
    }),
  );
  const bin = createRequire(import.meta.url).resolve('cognito-local/lib/bin/start.js');
  const child: ChildProcess = spawn(process.execPath, [bin], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`cognito-local did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Cognito Local running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cognito-local exited with ${code}: ${output}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    endpoint,
    stop: () => stopChild(child),
  };
}
