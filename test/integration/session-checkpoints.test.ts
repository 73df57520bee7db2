/**
 * The session checkpoints on DynamoDB Local: a checkpoint of 10,000 open sessions round-trips through
 * its compressed chunks, a half-written one is passed over for the previous one, and the check's
 * replay from checkpoints classifies as one replay of the whole log, from the first run (built from the
 * retained log, streamed a Query page at a time) to the next (read from the checkpoint), also when the
 * first runs run out of their catch-up budget and the build takes several.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSessionCheckpointStore } from '../../src/adapters/dynamodb/session-checkpoint-store';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { checkpointedReplay, replaySignIns, type SessionCheckpoint } from '../../src/relogins';
import type { LoggedSignIn } from '../../src/sign-ins';
import { createTestTable } from '../support/dynamodb';
import { RecordingLogger } from '../support/fakes/logger';

const POOL = 'ap-northeast-1_EXAMPLE';
const H = 3_600_000;
const START = Date.parse('2026-11-02T00:00:00Z');
const rules = { dedupeSeconds: 30, sessionHours: 24 };

function checkpoint(at: number, users: number): SessionCheckpoint {
  const states: SessionCheckpoint['states'] = {};
  for (let user = 0; user < users; user += 1) {
    states[`${POOL}\u0000client\u0000${user.toString(36).padStart(36, 'x')}`] = {
      lastLoginAt: at - user * 1000,
      lastRefreshAt: null,
      sessionStartedAt: at - user * 7000,
    };
  }
  return { schema: 1, at, states };
}

describe('Adapter: DynamoSessionCheckpointStore', () => {
  const client = createDocumentClient();

  it('should round-trip 10,000 sessions and pass over a half-written checkpoint', async () => {
    const tableName = await createTestTable('checkpoints');
    const store = new DynamoSessionCheckpointStore(client, tableName);
    const older = checkpoint(START, 10_000);
    const newer = checkpoint(START + H, 10_000);
    await store.save(POOL, older);
    await store.save(POOL, newer);
    expect(await store.latest(POOL)).toEqual(newer);

    // The newer one loses a chunk (a run that died while saving): the older one is used.
    await client.send(
      new DeleteCommand({
        TableName: tableName,
        Key: { pk: `CHECKPOINT#${POOL.length}:${POOL}`, sk: `${new Date(START + H).toISOString()}#000` },
      }),
    );
    expect(await store.latest(POOL)).toEqual(older);
    expect(await store.latest('another-pool')).toBeNull();
  });
});

describe('Use case: checkpointedReplay', () => {
  it('should classify as the full replay, building its states from the retained log on the first run', async () => {
    const tableName = await createTestTable('checkpointed-replay');
    const client = createDocumentClient();
    const log = new DynamoSignInLog(client, { tableName, retentionDays: 35 });
    const signIns: LoggedSignIn[] = [];
    // A chain across days: a login every 23 h for ten days, and a second user every 25 h.
    for (let index = 0; index < 10; index += 1) {
      for (const [user, gap] of [
        ['chain', 23],
        ['daily', 25],
      ] as const) {
        signIns.push({
          at: START + index * gap * H,
          kind: 'login',
          triggerSource: 'TokenGeneration_HostedAuth',
          userPoolId: POOL,
          clientId: 'web',
          user,
        });
      }
    }
    for (const signIn of signIns) await log.append(signIn);
    const deps = {
      signIns: log,
      checkpoints: new DynamoSessionCheckpointStore(client, tableName),
      logger: new RecordingLogger(),
    };
    const truth = replaySignIns(signIns, rules);
    const kinds = (events: readonly { at: number; user: string; kind: string }[], from: number) =>
      events.filter((event) => event.at >= from).map((event) => `${event.at} ${event.user} ${event.kind}`);

    for (const now of [START + 9 * 24 * H, START + 10 * 24 * H, START + 11 * 24 * H]) {
      const outcome = await checkpointedReplay(deps, { userPoolId: POOL, now, rules, retentionDays: 35 });
      if (!outcome.caughtUp) throw new Error('no budget was set: the run must catch up at once');
      const from = now - 25 * H;
      expect(kinds(outcome.events, from)).toEqual(
        kinds(
          truth.filter((event) => event.at <= now),
          from,
        ),
      );
    }
    expect(deps.logger.lines).toEqual([]);
  });

  it('should build its states over several runs when each may replay only a few hours of history', async () => {
    const tableName = await createTestTable('checkpointed-replay-bounded');
    const client = createDocumentClient();
    const log = new DynamoSignInLog(client, { tableName, retentionDays: 35 });
    const signIns: LoggedSignIn[] = [];
    for (let index = 0; index < 40; index += 1) {
      signIns.push({
        at: START + index * 23 * H,
        kind: 'login',
        triggerSource: 'TokenGeneration_HostedAuth',
        userPoolId: POOL,
        clientId: 'web',
        user: 'chain',
      });
    }
    for (const signIn of signIns) await log.append(signIn);
    const deps = {
      signIns: log,
      checkpoints: new DynamoSessionCheckpointStore(client, tableName),
      logger: new RecordingLogger(),
    };
    const truth = replaySignIns(signIns, rules);
    const now = START + 40 * 23 * H;
    // Each run may pass ten hours with sign-ins in them, then must stop.
    const budget = () => {
      let hours = 0;
      return {
        spent: () => {
          hours += 1;
          return hours > 10;
        },
      };
    };
    const outcomes = [];
    for (let run = 0; run < 10; run += 1) {
      const outcome = await checkpointedReplay(deps, {
        userPoolId: POOL,
        now: now + run * H,
        rules,
        retentionDays: 60,
        budget: budget(),
      });
      outcomes.push(outcome);
      if (outcome.caughtUp) break;
    }
    const last = outcomes.at(-1);
    expect(outcomes.length).toBeGreaterThan(2);
    expect(outcomes.slice(0, -1).every((outcome) => !outcome.caughtUp)).toBe(true);
    if (last === undefined || !last.caughtUp) throw new Error('the build did not finish');
    const at = (events: readonly { at: number; kind: string }[]) =>
      events.filter((event) => event.at >= now - 25 * H).map((event) => `${event.at} ${event.kind}`);
    expect(at(last.events)).toEqual(at(truth));
    expect(deps.logger.lines.filter((line) => line.message.startsWith('catching up'))).toHaveLength(
      outcomes.length - 1,
    );
  });
});
