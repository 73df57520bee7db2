/**
 * `npm run stack`: the whole monitor on the embedded local stack (DynamoDB Local, local Slack,
 * CloudWatch, Cognito and GitHub APIs), fed the sample week. Needs Java 17+ for DynamoDB Local.
 *   npm run stack -- [--events FILE] [--deployed-version v3.3.14]
 */
import { parseArgs } from 'node:util';
import { describeLocalStackRun, runLocalStack } from './stack';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: 'samples/team-week.jsonl' },
    'deployed-version': { type: 'string', default: 'v3.3.14' },
  },
});
const result = await runLocalStack({
  eventsFile: values.events,
  deployedVersion: values['deployed-version'],
});
console.log(describeLocalStackRun(result));
