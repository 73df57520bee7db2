/**
 * `relogin-monitor attach --plan`: what attaching the trigger would change in a user pool, as the exact
 * UpdateUserPool request, or why it must not (exit 3). Offline from a saved `aws cognito-idp
 * describe-user-pool` answer, or online from the live pool. It never sends the request: the deploy does,
 * through the same plan (functions/pool-attach).
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUserPoolAdmin } from '../adapters/cognito/user-pool-admin';
import {
  ATTACH_MODES,
  type AttachMode,
  type AttachPlan,
  type AttachWords,
  choosePool,
  describeTargetPool,
  iacSnippets,
  planAttach,
  TRIGGER_VERSIONS,
  type TriggerVersion,
} from '../adoption';
import { readCappedText } from '../shared/capped-input';
import { cliLocale } from '../shared/config/settings';
import { CATALOGS } from '../shared/i18n';
import { printable, printableJson } from '../shared/safe-text';
import { type CliIo, EXIT, UsageError, writeLine } from './io';

export const EXIT_REFUSED = 3;
/** A describe-user-pool answer is a few KB; a wrong file or an endless pipe stops here. */
const MAX_DESCRIPTION_BYTES = 1024 * 1024;

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be ${allowed.join(', ')}, got "${printable(value)}"`);
  }
  return value as T;
}

/** The `UserPool` object of a saved describe-user-pool answer (or the bare object). */
async function readDescription(file: string): Promise<Record<string, unknown>> {
  let text: string | null;
  try {
    text = await readCappedText(createReadStream(file), MAX_DESCRIPTION_BYTES);
  } catch (error) {
    throw new UsageError(
      `cannot read --user-pool-description ${printable(file)}: ${(error as Error).message}`,
    );
  }
  if (text === null) {
    throw new UsageError(
      `--user-pool-description ${printable(file)} is larger than ${MAX_DESCRIPTION_BYTES / 1024} KB, not a describe-user-pool answer`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `--user-pool-description ${printable(file)} is not JSON (save the output of aws cognito-idp describe-user-pool --output json): ${(error as Error).message}`,
    );
  }
  const pool = (parsed as { UserPool?: unknown })?.UserPool ?? parsed;
  if (typeof pool !== 'object' || pool === null || Array.isArray(pool)) {
    throw new UsageError(`--user-pool-description ${printable(file)} holds no UserPool object`);
  }
  return pool as Record<string, unknown>;
}

function changedFields(plan: AttachPlan): string[] {
  const { before, after } = plan.lambdaConfig;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.filter((field) => !isDeepStrictEqual(before[field], after[field]));
}

function renderPlan(plan: AttachPlan, poolId: string, w: AttachWords): string {
  const changed = changedFields(plan);
  const kept = Object.keys(plan.lambdaConfig.before).filter((field) => !changed.includes(field));
  const show = (value: unknown) => (value === undefined ? w.noValue : printableJson(value));
  return [
    w.decision(plan.decision, printable(poolId)),
    ...plan.reasons.map((reason) => `  - ${printable(reason)}`),
    ...(plan.chained === null ? [] : [w.chainedFunction(printable(plan.chained))]),
    'LambdaConfig:',
    ...(changed.length === 0
      ? [`  ${w.noChange}`]
      : changed.map(
          (field) =>
            `  ${field}: ${show(plan.lambdaConfig.before[field])} -> ${show(plan.lambdaConfig.after[field])}`,
        )),
    `  ${w.kept(kept.length === 0 ? null : kept.join(', '))}`,
    plan.updateUserPool === null ? w.noUpdate : `${w.update}\n${printableJson(plan.updateUserPool)}`,
  ].join('\n');
}

async function writeSnippets(
  plan: AttachPlan,
  functionArn: string,
  pool: Record<string, unknown>,
  dir: string,
) {
  const poolArn =
    typeof pool.Arn === 'string'
      ? pool.Arn
      : `arn:aws:cognito-idp:REGION:ACCOUNT:userpool/${String(pool.Id)}`;
  const snippets = iacSnippets(plan.lambdaConfig.after, functionArn, poolArn);
  const files = {
    terraform: join(dir, 'relogin-monitor-attach.tf'),
    cloudFormation: join(dir, 'relogin-monitor-attach.cfn.yml'),
  };
  await writeFile(files.terraform, `${snippets.terraform}\n`);
  await writeFile(files.cloudFormation, `${snippets.cloudFormation}\n`);
  return { snippets, files };
}

export async function attachCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      plan: { type: 'boolean', default: false },
      'user-pool-description': { type: 'string' },
      'user-pool-id': { type: 'string' },
      'user-pool-name': { type: 'string' },
      region: { type: 'string' },
      'function-arn': { type: 'string' },
      mode: { type: 'string' },
      version: { type: 'string' },
      'snippet-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      locale: { type: 'string' },
    },
  });
  // --json stays English: its decision and reasons are what scripts (and the deploy) read.
  const words = CATALOGS[values.json ? 'en' : cliLocale(values.locale, io.env)].attach;
  if (!values.plan) {
    throw new UsageError(
      'attach only shows its plan here (--plan); the deploy applies it (docs/adopting.md)',
    );
  }
  const functionArn = values['function-arn'];
  if (functionArn === undefined || !functionArn.startsWith('arn:')) {
    throw new UsageError('--function-arn ARN (the deployed authEvent function) is required');
  }
  const mode: AttachMode = oneOf('--mode', values.mode, ATTACH_MODES) ?? 'auto';
  const version: TriggerVersion | undefined = oneOf('--version', values.version, TRIGGER_VERSIONS);
  const target = { id: values['user-pool-id'], name: values['user-pool-name'] };
  const file = values['user-pool-description'];
  if (file === undefined && target.id === undefined && target.name === undefined) {
    throw new UsageError(
      'give --user-pool-description FILE, or --user-pool-id / --user-pool-name to read the pool',
    );
  }

  let pool: Record<string, unknown>;
  if (file !== undefined) {
    pool = await readDescription(file);
    const given = target.id !== undefined || target.name !== undefined;
    const chosen = given
      ? choosePool([{ id: String(pool.Id ?? ''), name: String(pool.Name ?? '') }], {
          ...target,
          id: target.id ?? String(pool.Id ?? ''),
        })
      : null;
    if (chosen !== null && 'refuse' in chosen) return refuse(io, values.json, chosen.refuse, words);
  } else {
    const client = new CognitoIdentityProviderClient(
      values.region === undefined ? {} : { region: values.region },
    );
    const found = await describeTargetPool(new CognitoUserPoolAdmin(client), target);
    if ('refuse' in found) return refuse(io, values.json, found.refuse, words);
    pool = found.pool;
  }

  const plan = planAttach({
    pool,
    functionArn,
    mode,
    words,
    ...(version === undefined ? {} : { version }),
  });
  const snippets =
    plan.decision === 'none'
      ? await writeSnippets(plan, functionArn, pool, values['snippet-dir'] ?? '.')
      : null;
  if (values.json) {
    writeLine(io.stdout, printableJson(plan));
  } else {
    writeLine(io.stdout, renderPlan(plan, String(pool.Id ?? ''), words));
    if (snippets !== null) {
      writeLine(
        io.stdout,
        `\n${words.snippetWritten('Terraform', snippets.files.terraform)}\n${snippets.snippets.terraform}`,
      );
      writeLine(
        io.stdout,
        `\n${words.snippetWritten('CloudFormation', snippets.files.cloudFormation)}\n${snippets.snippets.cloudFormation}`,
      );
    }
  }
  return plan.decision === 'refuse' ? EXIT_REFUSED : EXIT.ok;
}

function refuse(io: CliIo, json: boolean, reason: string, words: AttachWords): number {
  const plan: AttachPlan = {
    decision: 'refuse',
    reasons: [reason],
    chained: null,
    lambdaConfig: { before: {}, after: {} },
    updateUserPool: null,
  };
  writeLine(io.stdout, json ? printableJson(plan) : `${words.refused}\n  - ${printable(reason)}`);
  return EXIT_REFUSED;
}
