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
 * 4. Confirm: record the new state, only after the chat service accepted the message.
 *
 * The lease defaults to 15 minutes, the longest a Lambda function can run, so it cannot expire while its
 * holder is alive. The one window left: if the process dies after the chat service accepted the message
 * and before the confirm write, the lease runs out and a later run posts again (chat.postMessage has no
 * idempotency key). It never drops a message.
 *
 * Generic on purpose: the re-login check keys it per user pool and client, the upstream watcher per
 * fixed release.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock';
import type { ChatMessage, ChatPoster, PostedMessage } from '../ports/chat';
import type { NotificationLedger } from '../ports/notification-ledger';

export interface NotifyOnceRequest<S> {
  /** Ledger key, e.g. `relogin-alert#<pool>#<client>` or `upstream-fix#<fix id>#<release>`. */
  key: string;
  /** Given the last confirmed state (null: never sent), the state to record if a message is due now, else null. */
  decide(previous: S | null): S | null;
  /** The message announcing `next`. */
  message(next: S, previous: S | null): ChatMessage;
}

export type NotifyOnceResult<S> =
  | { status: 'not-due' }
  /** Another run holds the lease or has just recorded a newer state: it does the job. */
  | { status: 'claimed-elsewhere' }
  | { status: 'sent'; posted: PostedMessage; state: S };

export interface NotifyOnceDeps {
  ledger: NotificationLedger;
  chat: ChatPoster;
  clock: Clock;
}

export const DEFAULT_LEASE_MS = 15 * 60_000;

export async function notifyOnce<S>(
  deps: NotifyOnceDeps,
  request: NotifyOnceRequest<S>,
  options: { leaseMs?: number } = {},
): Promise<NotifyOnceResult<S>> {
  const { ledger, chat, clock } = deps;
  const { key } = request;
  const { state: previous, version } = await ledger.read<S>(key);
  const next = request.decide(previous);
  if (next === null) return { status: 'not-due' };

  const owner = randomUUID();
  const now = clock.now().getTime();
  const claimed = await ledger.claim(key, version, {
    owner,
    now,
    until: now + (options.leaseMs ?? DEFAULT_LEASE_MS),
  });
  if (!claimed) return { status: 'claimed-elsewhere' };

  let posted: PostedMessage;
  try {
    posted = await chat.post(request.message(next, previous));
  } catch (error) {
    // If even the release fails, the lease simply expires and a later run retries: the post error matters more.
    await ledger.release(key, owner).catch(() => undefined);
    throw error;
  }
  await ledger.confirm(key, owner, next, clock.now().getTime());
  return { status: 'sent', posted, state: next };
}
