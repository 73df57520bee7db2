/**
 * The re-login check bench by itself (`npx tsx bench/relogin-check-alone.ts`), without the 20 minutes
 * of the whole `npm run bench`: DynamoDB Local, BENCH_CHECK_USERS users (10,000) over BENCH_CHECK_DAYS
 * days of history (30); prints the figures as JSON (`CheckFigures`, first runs and steady run, and the
 * code before's with BENCH_CHECK_BEFORE_DIR).
 */
import { startDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { benchReLoginCheck } from './relogin-check';

const users = Number(process.env.BENCH_CHECK_USERS ?? 10_000);
const days = Number(process.env.BENCH_CHECK_DAYS ?? 30);
const dynamo = await startDynamoDbLocal(180_000);
try {
  console.log(JSON.stringify(await benchReLoginCheck(dynamo, users, days), null, 2));
} finally {
  await dynamo.stop();
}
