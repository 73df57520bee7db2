/**
 * The team's Pre Token Generation function for the chain bench, in a process of its own as Lambda runs
 * it: behind the Lambda Invoke API, it answers after `argv[3]` ms with a groups claim. Prints its URL.
 */
import { startLambdaInvokeServer } from '../local/stand-ins/lambda-invoke-server';

const [functionArn = '', answerMs = '10'] = process.argv.slice(2);
const server = await startLambdaInvokeServer({
  [functionArn]: async (input) => {
    await new Promise((resolve) => setTimeout(resolve, Number(answerMs)));
    return {
      ...(input as object),
      response: { claimsOverrideDetails: { claimsToAddOrOverride: { groups: 'admins' } } },
    };
  },
});
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
