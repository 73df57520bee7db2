/**
 * Reads a DescribeUserPool answer's `UserPool` object through valibot, like every other boundary
 * (`src/shared/validation.ts`): every field must be one `user-pool-fields.ts` classifies, every trigger
 * field one of `LambdaConfigType`'s, in its type. Each problem is one reason of the plan's refusal,
 * naming the field; all of them are told, not only the first.
 */
import * as v from 'valibot';
import {
  defaultMessage,
  formatIssues,
  mustBe,
  oneOf,
  plainObject,
  shownValue,
} from '../../shared/validation';
import { CARRIED_FIELDS, LAMBDA_CONFIG_FIELDS, READ_ONLY_FIELDS } from './user-pool-fields';

export const TRIGGER_VERSIONS = ['V1_0', 'V2_0', 'V3_0'] as const;
export type TriggerVersion = (typeof TRIGGER_VERSIONS)[number];

/** A Lambda configuration as Cognito describes it: trigger name -> ARN, or the versioned config. */
export type LambdaConfig = Record<string, unknown>;

/** A pool description the plan can use, or why not. */
export type ReadPool =
  | { id: string; name: string | undefined; lambdaConfig: LambdaConfig }
  | { problems: string[] };

const anything = v.optional(v.unknown());
const arn = v.optional(v.string(mustBe('a string')));

/** Every trigger field an ARN, except the versioned slot and the custom senders (objects). */
const LAMBDA_CONFIG = v.nullish(
  v.pipe(
    plainObject(),
    v.strictObject({
      ...Object.fromEntries(LAMBDA_CONFIG_FIELDS.map((field) => [field, arn])),
      PreTokenGenerationConfig: v.optional(
        v.pipe(
          plainObject(),
          v.object({
            LambdaArn: v.string(mustBe('a string')),
            LambdaVersion: oneOf(TRIGGER_VERSIONS),
          }),
        ),
      ),
      CustomSMSSender: anything,
      CustomEmailSender: anything,
      InboundFederation: anything,
    }),
  ),
);

const USER_POOL = v.pipe(
  plainObject('the UserPool object of a describe-user-pool answer'),
  v.strictObject({
    ...Object.fromEntries([...CARRIED_FIELDS, ...READ_ONLY_FIELDS].map((field) => [field, anything])),
    Name: v.optional(v.string(mustBe('a string'))),
    Id: v.pipe(v.string(mustBe('a user pool Id')), v.nonEmpty(mustBe('a user pool Id'))),
    LambdaConfig: LAMBDA_CONFIG,
  }),
);

/** A field the schema does not know, in the words of what it risks; any other issue as valibot's. */
function problem(issue: v.BaseIssue<unknown>): string {
  const place = issue.path?.map((item) => String(item.key)) ?? [];
  const field = shownValue(place.at(-1));
  if (issue.kind === 'schema' && issue.expected === 'never') {
    return place.length === 1
      ? `the description has a field ${field} the plan does not know: UpdateUserPool might reset it`
      : `LambdaConfig has an unknown trigger field ${field}: the plan cannot keep it, so it changes nothing`;
  }
  if (place.length === 1 && issue.expected === '"Id"') return 'the description has no user pool Id';
  return formatIssues([issue]);
}

/** Who holds the Pre Token Generation slot: the versioned config, else the older field (always V1_0). */
export function preTokenSlot(config: LambdaConfig): { arn: string; version: TriggerVersion } | null {
  const versioned = config.PreTokenGenerationConfig as
    | { LambdaArn?: unknown; LambdaVersion?: unknown }
    | undefined;
  if (
    typeof versioned?.LambdaArn === 'string' &&
    (TRIGGER_VERSIONS as readonly unknown[]).includes(versioned.LambdaVersion)
  ) {
    return { arn: versioned.LambdaArn, version: versioned.LambdaVersion as TriggerVersion };
  }
  return typeof config.PreTokenGeneration === 'string'
    ? { arn: config.PreTokenGeneration, version: 'V1_0' }
    : null;
}

/**
 * DescribeUserPool reports the temporary-password validity twice: `PasswordPolicy.TemporaryPasswordValidityDays`
 * and its deprecated alias `AdminCreateUserConfig.UnusedAccountValidityDays`. UpdateUserPool refuses a
 * request carrying both, so the alias is left out where it says the same; where they differ the plan refuses.
 */
export function temporaryPasswordDays(pool: Record<string, unknown>): { alias?: unknown; policy?: unknown } {
  const field = (value: unknown, key: string) =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return {
    alias: field(pool.AdminCreateUserConfig, 'UnusedAccountValidityDays'),
    policy: field(field(pool.Policies, 'PasswordPolicy'), 'TemporaryPasswordValidityDays'),
  };
}

/** Fields that are each well-formed but contradict each other. */
function contradictions(pool: Record<string, unknown>, lambdaConfig: LambdaConfig): string[] {
  const problems: string[] = [];
  const { alias, policy } = temporaryPasswordDays(pool);
  if (alias !== undefined && policy !== undefined && alias !== policy) {
    problems.push(
      `AdminCreateUserConfig.UnusedAccountValidityDays (${String(alias)}) differs from PasswordPolicy.TemporaryPasswordValidityDays (${String(policy)}): UpdateUserPool takes only one; set them equal first`,
    );
  }
  const legacy = lambdaConfig.PreTokenGeneration;
  const versioned = preTokenSlot(lambdaConfig);
  if (typeof legacy === 'string' && versioned !== null && versioned.arn !== legacy) {
    problems.push(
      'LambdaConfig.PreTokenGeneration and PreTokenGenerationConfig.LambdaArn name different functions',
    );
  }
  return problems;
}

export function readPoolDescription(pool: Record<string, unknown>): ReadPool {
  const result = v.safeParse(USER_POOL, pool, { message: defaultMessage });
  if (!result.success) return { problems: result.issues.map(problem) };
  const lambdaConfig = (pool.LambdaConfig ?? {}) as LambdaConfig;
  const problems = contradictions(pool, lambdaConfig);
  if (problems.length > 0) return { problems };
  return { id: result.output.Id, name: result.output.Name, lambdaConfig };
}
