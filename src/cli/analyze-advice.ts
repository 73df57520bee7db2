/**
 * `analyze --client-config FILE --proposed-validity-hours N`: the same advice as the scheduled check,
 * from a saved DescribeUserPoolClient response and the replayed events.
 */
import { readFile } from 'node:fs/promises';
import { parseDescribeUserPoolClient, type TokenValidity } from '../app-clients';
import type { ActivityEvent, ActivitySummary } from '../relogins';
import { type AdviceItem, advise, readProposedValidityHours } from '../relogins';
import { type Env, parsePositiveNumber } from '../shared/config/env';
import { UsageError } from './io';

export const ADVICE_OPTIONS = {
  'client-config': { type: 'string' },
  'proposed-validity-hours': { type: 'string' },
} as const;

export interface AdviceRequest {
  tokenValidity: TokenValidity | null;
  /** The app client the saved DescribeUserPoolClient answer describes; the advice is about it alone. */
  clientId: string | null;
  proposedValidityHours: number;
}

const PROPOSED_HOURS_FLAG = '--proposed-validity-hours';

async function clientConfig(
  path: string,
): Promise<{ tokenValidity: TokenValidity; clientId: string | null }> {
  const content = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --client-config ${path}: ${error.code ?? error.message}`);
  });
  try {
    const response = JSON.parse(content) as { UserPoolClient?: { ClientId?: unknown } };
    const clientId = response.UserPoolClient?.ClientId;
    return {
      tokenValidity: parseDescribeUserPoolClient(response),
      clientId: typeof clientId === 'string' && clientId !== '' ? clientId : null,
    };
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
  const client = path === undefined ? null : await clientConfig(path);
  return {
    tokenValidity: client?.tokenValidity ?? null,
    clientId: client?.clientId ?? null,
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
  const clientId = request?.clientId ?? null;
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
  heavyReLogins: number,
): AdviceItem[] {
  // Offline there is no CloudWatch: refreshes are what the event file shows.
  return advise({ events, summary, heavyReLogins, cognitoTokenRefreshes: null, ...request });
}

export function renderAdvice(items: readonly AdviceItem[]): string {
  if (items.length === 0) return 'Advice: none.';
  return ['Advice:', ...items.map((item) => `- [${item.severity}] ${item.id}: ${item.text}`)].join('\n');
}
