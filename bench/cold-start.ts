/**
 * Cold start of each function: its bundle built with serverless.yml's esbuild settings (what
 * `osls package` runs through serverless-esbuild), then module load in a fresh Node process, median of
 * 10, beside a bare handler built the same way that imports only the DynamoDB client and makes the
 * same one GetItem the trigger's warm-up makes (so the ratio is the cost of the project's code),
 * sampled in turns with each function. The zip
 * holds what the function's package holds (the report's WebAssembly module and font too).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { RunningDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/stand-ins/local-aws';
import { CHART_RUNTIME_FILES } from '../src/adapters/chart/vega-png-renderer';
import { median } from '../src/shared/stats';

export interface ColdStartFigures {
  initMs: number;
  bareInitMs: number;
  ratio: number;
  bundleBytes: number;
  zipBytes: number;
}

const FUNCTIONS = {
  authEvent: 'functions/auth-event/handler.ts',
  reloginCheck: 'functions/relogin-check/handler.ts',
  upstreamWatch: 'functions/upstream-watch/handler.ts',
  report: 'functions/report/handler.ts',
} as const;

/**
 * Files a function's package carries beside its bundle (serverless.yml `package.patterns`): the
 * report's chart renderer reads its WebAssembly module and font at the first render, not at init.
 */
const PACKAGED_BESIDE: Partial<Record<keyof typeof FUNCTIONS, readonly string[]>> = {
  report: CHART_RUNTIME_FILES.map((file) => createRequire(import.meta.url).resolve(file)),
};

const BARE_HANDLER = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 2 }));
await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: 'WARMUP', sk: 'WARMUP' } })).catch(() => undefined);
export const handler = async (event) => event;
`;

/** serverless.yml `custom.esbuild`. */
async function bundle(entry: string | { contents: string }, outfile: string): Promise<void> {
  await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: process.cwd(), sourcefile: 'bare-handler.mjs' } }),
    outfile,
    bundle: true,
    minify: true,
    sourcemap: false,
    target: 'node22',
    platform: 'node',
    format: 'esm',
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
}

function loadMs(file: string, env: NodeJS.ProcessEnv): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env,
    encoding: 'utf8',
  });
  return Number(output.trim().split('\n').at(-1));
}

const medianMs = (samples: number[]) => Math.round((median(samples) ?? 0) * 10) / 10;

/**
 * The function's and the bare handler's load times, sampled in turns: on a shared machine whose load
 * changes from minute to minute, both medians then see the same load and their ratio holds.
 */
function pairedLoads(file: string, bare: string, env: NodeJS.ProcessEnv, runs: number) {
  const own: number[] = [];
  const bareSamples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    own.push(loadMs(file, env));
    bareSamples.push(loadMs(bare, env));
  }
  return { initMs: medianMs(own), bareInitMs: medianMs(bareSamples) };
}

export async function benchColdStart(
  dynamo: RunningDynamoDbLocal,
  runs = 10,
): Promise<Record<string, ColdStartFigures>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    TABLE_NAME: 'bench-cold-start',
    USER_POOL_ID: 'eu-west-1_bench',
    ARGOCD_CLIENT_IDS: 'argocd',
    REPORT_HASH_KEY: 'bench',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  const bare = join(dir, 'bare-bundle.mjs');
  await bundle({ contents: BARE_HANDLER }, bare);
  const figures: Record<string, ColdStartFigures> = {};
  for (const [name, entry] of Object.entries(FUNCTIONS)) {
    const outfile = join(dir, `${name}.mjs`);
    await bundle(entry, outfile);
    const zip = join(dir, `${name}.zip`);
    execFileSync('zip', [
      '-q',
      '-j',
      '-9',
      zip,
      outfile,
      ...(PACKAGED_BESIDE[name as keyof typeof FUNCTIONS] ?? []),
    ]);
    const { initMs, bareInitMs } = pairedLoads(outfile, bare, env, runs);
    figures[name] = {
      initMs,
      bareInitMs,
      ratio: Math.round((initMs / bareInitMs) * 100) / 100,
      bundleBytes: statSync(outfile).size,
      zipBytes: statSync(zip).size,
    };
  }
  return figures;
}
