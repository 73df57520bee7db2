/**
 * `analyze --client-config FILE --proposed-validity-hours N`: the same advice as the scheduled check,
 * with the same documents (argocd-cm, Terraform, UpdateUserPoolClient), from a saved
 * DescribeUserPoolClient response and the replayed events.
 */
import { createReadStream } from 'node:fs';
import { type AppClientDescription, parseDescribeUserPoolClient } from '../app-clients';
import type { ActivityEvent, ActivitySummary } from '../relogins';
import { type AdviceItem, adviceDocuments, advise, readProposedValidityHours } from '../relogins';
import { readCappedText } from '../shared/capped-input';
import { type Env, parsePositiveNumber } from '../shared/config/env';
import { type Messages, messagesFor } from '../shared/i18n';
import { secrets } from '../shared/redaction';
import { byteSize } from '../shared/wording';
import { UsageError } from './io';

export const ADVICE_OPTIONS = {
  'client-config': { type: 'string' },
  'proposed-validity-hours': { type: 'string' },
} as const;

export interface AdviceRequest {
  /** The app client the saved DescribeUserPoolClient answer describes; the advice is about it alone. */
  client: AppClientDescription | null;
  proposedValidityHours: number;
}

const PROPOSED_HOURS_FLAG = '--proposed-validity-hours';

/** A DescribeUserPoolClient answer is a few KiB; a wrong file must not fill memory. */
export const MAX_CLIENT_CONFIG_BYTES = 1024 * 1024;

async function clientConfig(path: string): Promise<AppClientDescription> {
  const content = await readCappedText(createReadStream(path), MAX_CLIENT_CONFIG_BYTES).catch(
    (error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read --client-config ${path}: ${error.code ?? error.message}`);
    },
  );
  if (content === null) {
    throw new UsageError(
      `--client-config ${path}: larger than ${byteSize(MAX_CLIENT_CONFIG_BYTES)}, not a DescribeUserPoolClient answer`,
    );
  }
  try {
    const answer: unknown = JSON.parse(content);
    // The saved answer of a confidential client holds its secret: never printed, whatever quotes it.
    const secret = (answer as { UserPoolClient?: { ClientSecret?: unknown } } | null)?.UserPoolClient
      ?.ClientSecret;
    if (typeof secret === 'string') secrets.add(secret);
    return parseDescribeUserPoolClient(answer);
  } catch (error) {
    throw new UsageError(`--client-config ${path}: ${(error as Error).message}`);
  }
}

/** null when neither option was given (the output then has no advice). */
export async function readAdviceRequest(
  values: { 'client-config'?: string; 'proposed-validity-hours'?: string },
  env: Env,
): Promise<AdviceRequest | null> {
  const path = values['client-config'];
  const hours = values['proposed-validity-hours'];
  if (path === undefined && hours === undefined) return null;
  return {
    client: path === undefined ? null : await clientConfig(path),
    proposedValidityHours: readProposedValidityHours(
      env,
      hours === undefined
        ? undefined
        : { value: parsePositiveNumber(PROPOSED_HOURS_FLAG, hours), flag: PROPOSED_HOURS_FLAG },
    ),
  };
}

/**
 * The app clients to analyse: advice about one client's token settings counts only that client's
 * sign-ins, so `--client-config` narrows an empty list to its client and refuses a list without it.
 */
export function clientsToAnalyse(
  tracked: ReadonlySet<string>,
  request: AdviceRequest | null,
): ReadonlySet<string> {
  const clientId = request?.client?.updatable.ClientId ?? null;
  if (clientId === null) return tracked;
  if (tracked.size === 0) return new Set([clientId]);
  if (!tracked.has(clientId)) {
    throw new UsageError(
      `--client-config describes app client ${clientId}, which --client-ids / ARGOCD_CLIENT_IDS leaves out`,
    );
  }
  return tracked;
}

export function adviceFor(
  request: AdviceRequest,
  events: readonly ActivityEvent[],
  summary: ActivitySummary,
  {
    heavyReLogins,
    sessionHours,
    messages,
  }: { heavyReLogins: number; sessionHours: number; messages?: Messages },
): AdviceItem[] {
  // Offline there is no CloudWatch: refreshes are what the event file shows.
  return advise({
    events,
    summary,
    heavyReLogins,
    sessionHours,
    cognitoTokenRefreshes: null,
    ...request,
    ...(messages === undefined ? {} : { messages }),
  });
}

function indented(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Each item's text, then its documents, each indented under its title so it can be copied as it is. */
export function renderAdvice(
  items: readonly AdviceItem[],
  messages: Messages = messagesFor('en', 'UTC'),
): string {
  const words = messages.text.cli;
  if (items.length === 0) return words.adviceNone;
  const rendered = items.map((item) =>
    [
      `- [${item.severity}] ${item.id}: ${item.text}`,
      ...adviceDocuments(item, messages).map(({ title, content }) => `  ${title}:\n${indented(content)}`),
    ].join('\n'),
  );
  return [words.adviceHeading, ...rendered].join('\n');
}
