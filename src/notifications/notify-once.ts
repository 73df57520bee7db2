/**
 * Sends a chat notification at most once per decision, never losing one: decide → claim → post →
 * confirm (or release).
 *
 * 1. Read the last confirmed state for `key` and let `decide` say whether a message is due.
 * 2. Claim a lease with a conditional write, valid only if the state is still the one decided on and
 *    no other run holds a live lease: of two overlapping runs only one gets past this point, and a run
 *    that read before another one confirmed loses the claim instead of posting a stale duplicate.
 * 3. Post. When the chat service refuses or fails, release the lease and rethrow: nothing was
 *    recorded, so the next run decides again and retries.
 * 4. Confirm: record the new state, only after the chat service accepted the message. A dry run (the
 *    message only written to the log, `delivered: false`) releases the lease instead and reports
 *    'logged': nobody saw it, so a later run with a chat service configured still posts it.
 *
 * The lease defaults to 15 minutes, the longest a Lambda function can run, so it cannot expire while its
 * holder is alive. The one window left: if the process dies after the chat service accepted the message
 * and before the confirm write, the lease runs out and a later run posts again (chat.postMessage has no
 * idempotency key). It never drops a message.
 *
 * A decision may also be recorded without a message (`message` returns null), through the same claim,
 * so that facts a later message needs (the last time users were heavy, when a stop-gap was first seen)
 * live in the one state overlapping runs agree on.
 *
 * Generic on purpose: the re-login check keys it per user pool and client, the upstream watcher per fix.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '../shared/clock';
import { type Deadline, DeadlineExceededError } from '../shared/deadline';
import { METRICS, metricDatum } from '../shared/metric-catalog';
import type { MetricDatum, MetricsPublisher } from '../shared/ports/metrics-publisher';
import { errorDetails } from '../shared/telemetry';
import {
  ChatConfigurationError,
  type ChatMessage,
  type ChatPoster,
  type PostedMessage,
  type PostResult,
} from './ports/chat';
import type { NotificationLedger } from './ports/notification-ledger';

export interface NotifyOnceRequest<S> {
  /** Ledger key, e.g. `relogin-alert#heavy-relogins#<pool>#<client>` or `upstream-fix#<fix id>`. */
  key: string;
  /** Given the last confirmed state (null: never recorded), the state to record now, else null (nothing changed). */
  decide(previous: S | null): S | null;
  /** The message announcing `next`; null when `next` is only recorded, with nothing to say. */
  message(next: S, previous: S | null): ChatMessage | null;
  /** The state to record once the chat service accepted the message, e.g. with its `ts` for later thread replies; default `next`. */
  posted?(next: S, posted: PostedMessage): S;
}

export type NotifyOnceResult<S> =
  | { status: 'not-due' }
  /** Another run holds the lease or has just recorded a newer state: it does the job. */
  | { status: 'claimed-elsewhere' }
  | { status: 'sent'; posted: PostedMessage; state: S; documents?: DocumentsOutcome }
  /** The new state was recorded with no message. */
  | { status: 'recorded'; state: S }
  /** Dry run: written to the log only, nothing recorded (no cooldown started, nothing marked announced). */
  | { status: 'logged' };

/**
 * What became of a sent message's documents: uploaded as files into its thread, posted inline in the
 * thread because the upload failed, or not in Slack at all (both failed; `error` says why).
 */
export type DocumentsOutcome =
  | { status: 'attached'; files: number }
  | { status: 'inline'; error: unknown }
  | { status: 'lost'; error: unknown };

/** Where notifications are recorded and where they go: both scheduled jobs take this as `notify`. */
export interface NotificationDeps {
  ledger: NotificationLedger;
  chat: ChatPoster;
}

export interface NotifyOnceDeps extends NotificationDeps {
  clock: Clock;
}

export interface NotifyOnceOptions {
  leaseMs?: number;
  /** Passed to the chat service: a post that cannot finish in time is refused, the lease released. */
  deadline?: Deadline;
}

const DEFAULT_LEASE_MS = 15 * 60_000;

/**
 * A request whose decision says what to announce (`M`, e.g. which kind of message) apart from the chat
 * message built from it, so the caller learns what was decided without keeping state of its own.
 */
export interface DecisionRequest<S, M> {
  key: string;
  /** Given the last confirmed state, the state to record now and what to announce (null: record only); null when nothing changed. */
  decide(previous: S | null): { state: S; announce: M | null } | null;
  /** The chat message announcing `announce`. */
  message(announce: M, next: S, previous: S | null): ChatMessage;
  posted?(next: S, posted: PostedMessage): S;
}

/** notifyOnce's result, with what the decision announced (null when nothing was decided or only recorded). */
export interface DecisionResult<S, M> {
  result: NotifyOnceResult<S>;
  announced: M | null;
}

export async function notifyOnce<S>(
  deps: NotifyOnceDeps,
  request: NotifyOnceRequest<S>,
  options: NotifyOnceOptions = {},
): Promise<NotifyOnceResult<S>> {
  const decided = await notifyDecision<S, ChatMessage>(
    deps,
    {
      key: request.key,
      decide: (previous) => {
        const next = request.decide(previous);
        return next === null ? null : { state: next, announce: request.message(next, previous) };
      },
      message: (message) => message,
      ...(request.posted === undefined ? {} : { posted: request.posted }),
    },
    options,
  );
  return decided.result;
}

export async function notifyDecision<S, M>(
  deps: NotifyOnceDeps,
  request: DecisionRequest<S, M>,
  options: NotifyOnceOptions = {},
): Promise<DecisionResult<S, M>> {
  const { ledger, chat, clock } = deps;
  const { key } = request;
  const { state: previous, version } = await ledger.read<S>(key);
  const decision = request.decide(previous);
  if (decision === null) return { result: { status: 'not-due' }, announced: null };
  const { state: next, announce } = decision;
  // Built before the claim: a builder that throws then leaves no lease behind.
  const message = announce === null ? null : request.message(announce, next, previous);

  const owner = randomUUID();
  const now = clock.now().getTime();
  const claimed = await ledger.claim(key, version, {
    owner,
    now,
    until: now + (options.leaseMs ?? DEFAULT_LEASE_MS),
  });
  if (!claimed) return { result: { status: 'claimed-elsewhere' }, announced: announce };
  if (message === null) {
    await ledger.confirm(key, owner, next, clock.now().getTime());
    return { result: { status: 'recorded', state: next }, announced: null };
  }
  let posted: PostResult;
  try {
    posted = await (options.deadline === undefined
      ? chat.post(message)
      : chat.post(message, { deadline: options.deadline }));
  } catch (error) {
    // If even the release fails, the lease simply expires and a later run retries: the post error matters more.
    await ledger.release(key, owner).catch(() => undefined);
    throw error;
  }
  if (!posted.delivered) {
    await ledger.release(key, owner);
    return { result: { status: 'logged' }, announced: announce };
  }
  const state = request.posted?.(next, posted) ?? next;
  await ledger.confirm(key, owner, state, clock.now().getTime());
  // After the confirm: the message went out and is recorded whatever becomes of its files.
  const documents =
    message.documents === undefined ? undefined : await attachDocuments(chat, message, posted, options);
  return {
    result: { status: 'sent', posted, state, ...(documents === undefined ? {} : { documents }) },
    announced: announce,
  };
}

/**
 * Uploads a posted message's documents as snippet files into its thread; when an upload fails, posts
 * them inline there instead (the message's `ifUploadFails` reply), so a failed upload loses neither the
 * message nor its documents.
 */
async function attachDocuments(
  chat: ChatPoster,
  message: ChatMessage,
  posted: PostedMessage,
  { deadline }: NotifyOnceOptions,
): Promise<DocumentsOutcome> {
  const documents = message.documents;
  if (documents === undefined) return { status: 'attached', files: 0 };
  const parentTs = message.thread?.parentTs ?? posted.ts;
  const postOptions = deadline === undefined ? {} : { deadline };
  try {
    for (const file of documents.files) {
      await chat.upload(
        {
          thread: { channel: posted.channel, ts: parentTs },
          filename: file.filename,
          title: file.title,
          content: Buffer.from(file.content, 'utf8'),
          snippetType: file.snippetType,
        },
        postOptions,
      );
    }
    return { status: 'attached', files: documents.files.length };
  } catch (uploadError) {
    try {
      await chat.post(
        { ...documents.ifUploadFails, kind: 'documents', thread: { parentTs, broadcast: false } },
        postOptions,
      );
      return { status: 'inline', error: uploadError };
    } catch {
      return { status: 'lost', error: uploadError };
    }
  }
}

/** What a scheduled job learns from one notification: notifyOnce's status, or 'failed' (nothing recorded, retried next run). */
export type NotifyOutcome = NotifyOnceResult<unknown>['status'] | 'failed';

export interface NotifyAndReportOptions {
  /** What is being sent, for the log lines: "the alert", "the fixed-release announcement". */
  what: string;
  /** Fields added to the error log lines (client id, fix id, release, ...). */
  context: Readonly<Record<string, unknown>>;
  /** The run's deadline; once it has passed nothing more is claimed or posted. Default: none. */
  deadline?: Deadline;
}

/** What notifyAndReport needs of a scheduled job's dependencies: the same shape in both jobs. */
export interface NotifyingJobDeps {
  notify: NotificationDeps;
  clock: Clock;
  logger: Pick<Logger, 'error'>;
}

/**
 * notifyOnce for the scheduled jobs: a failure never escapes (a configuration error would otherwise make
 * every retry fail the same way). It is logged, a configuration error or a run out of time apart from an
 * outage, and returned as 'failed'; the caller counts it with `alertFailure`, and the next run retries.
 */
export async function notifyReportingFailures<S>(
  deps: NotifyingJobDeps,
  request: NotifyOnceRequest<S>,
  options: NotifyAndReportOptions,
): Promise<NotifyOnceResult<S> | { status: 'failed' }> {
  const result = await reportingFailures(deps, options, (notifyDeps, notifyOptions) =>
    notifyOnce(notifyDeps, request, notifyOptions),
  );
  logDocumentsFailure(deps, options, result);
  return result;
}

/** notifyDecision for the scheduled jobs, its failures handled as notifyReportingFailures does. */
export async function notifyDecisionReportingFailures<S, M>(
  deps: NotifyingJobDeps,
  request: DecisionRequest<S, M>,
  options: NotifyAndReportOptions,
): Promise<DecisionResult<S, M> | { result: { status: 'failed' }; announced: null }> {
  const decided = await reportingFailures(deps, options, (notifyDeps, notifyOptions) =>
    notifyDecision(notifyDeps, request, notifyOptions),
  );
  const result = 'status' in decided ? { result: decided, announced: null } : decided;
  logDocumentsFailure(deps, options, result.result);
  return result;
}

async function reportingFailures<R>(
  deps: NotifyingJobDeps,
  { what, context, deadline }: NotifyAndReportOptions,
  send: (notifyDeps: NotifyOnceDeps, options: NotifyOnceOptions) => Promise<R>,
): Promise<R | { status: 'failed' }> {
  if (deadline !== undefined && deadline.remainingMs() <= 0) {
    deps.logger.error(`out of time before sending ${what}; nothing claimed, the next run sends it`, {
      ...context,
    });
    return { status: 'failed' };
  }
  try {
    const notifyDeps = { ...deps.notify, clock: deps.clock };
    return await send(notifyDeps, deadline === undefined ? {} : { deadline });
  } catch (error) {
    if (error instanceof DeadlineExceededError) {
      deps.logger.error(`out of time while sending ${what}; lease released, the next run sends it`, {
        ...context,
        error: errorDetails(error),
      });
    } else if (error instanceof ChatConfigurationError) {
      deps.logger.error(`Slack refused ${what}: configuration error, fix the set-up; the next run retries`, {
        ...context,
        slackError: error.code,
        error: errorDetails(error),
      });
    } else {
      deps.logger.error(`could not send ${what}; the next run retries`, {
        ...context,
        error: errorDetails(error),
      });
    }
    return { status: 'failed' };
  }
}

/** A sent message whose documents could not be uploaded: said in the log (the message itself went out). */
function logDocumentsFailure(
  deps: NotifyingJobDeps,
  { what, context }: NotifyAndReportOptions,
  result: NotifyOnceResult<unknown> | { status: 'failed' },
): void {
  if (result.status !== 'sent' || result.documents === undefined) return;
  const { documents } = result;
  if (documents.status === 'attached') return;
  deps.logger.error(
    documents.status === 'inline'
      ? `could not upload the documents of ${what} as files; posted them inline in its thread`
      : `could not upload the documents of ${what}, nor post them inline: they are not in Slack`,
    { ...context, error: errorDetails(documents.error) },
  );
}

/** notifyReportingFailures when only the outcome matters. */
export async function notifyAndReport<S>(
  deps: NotifyingJobDeps,
  request: NotifyOnceRequest<S>,
  options: NotifyAndReportOptions,
): Promise<NotifyOutcome> {
  return (await notifyReportingFailures(deps, request, options)).status;
}

/** The `AlertFailures` datum both scheduled jobs publish for notifications that failed this run. */
export function alertFailure(
  count: number,
  dimensions: Readonly<Record<string, string>>,
  timestamp: number,
): MetricDatum {
  return metricDatum(METRICS.AlertFailures, count, dimensions, timestamp);
}

/**
 * The scheduled jobs' order of work: publish the run's metrics first, so slow or rate-limited Slack
 * posts cannot cost them; then notify even when that publish was refused (the messages matter more);
 * publish the notifications' own failures; and only then fail the run with a refused first publish.
 */
export async function publishThenNotify<T>(
  metrics: MetricsPublisher,
  namespace: string,
  data: readonly MetricDatum[],
  notify: () => Promise<{ result: T; failures: MetricDatum[] }>,
): Promise<T> {
  const refused = await metrics.publish(namespace, data).then(
    () => null,
    (error: unknown) => ({ error }),
  );
  const { result, failures } = await notify();
  if (failures.length > 0) await metrics.publish(namespace, failures);
  if (refused !== null) throw refused.error;
  return result;
}
