/**
 * UnrecordedSignInSource on the trigger's CloudWatch Logs group, with FilterLogEvents: the failed-write
 * lines are few (only when DynamoDB failed) and the recovery needs them at once, in the run that
 * publishes the hours. FilterLogEvents answers synchronously, page by page, and filters on the service
 * side with a JSON pattern; Logs Insights would need StartQuery then polling GetQueryResults (seconds to
 * minutes), caps a query at 10,000 rows and is billed per GB scanned.
 */
import { type CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { UnrecordedSignInSource } from '../../coverage';
import { type LoggedSignIn, readUnrecordedLine, UNRECORDED_FIELD } from '../../sign-ins';

/** Selects the failed-write lines on the service side: only they carry a numeric `<field>.at`. */
export const UNRECORDED_FILTER_PATTERN = `{ $.${UNRECORDED_FIELD}.at > 0 }`;

/** `/aws/lambda/<name>` of the function `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`. */
export function lambdaLogGroup(functionArn: string): string {
  const name = functionArn.split(':')[6];
  if (name === undefined || name === '') throw new Error(`not a Lambda function ARN: ${functionArn}`);
  return `/aws/lambda/${name}`;
}

export class CloudWatchUnrecordedSignIns implements UnrecordedSignInSource {
  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly logGroupName: string,
  ) {}

  async read(from: number, to: number): Promise<{ signIns: LoggedSignIn[]; unreadable: number }> {
    const signIns: LoggedSignIn[] = [];
    let unreadable = 0;
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new FilterLogEventsCommand({
          logGroupName: this.logGroupName,
          filterPattern: UNRECORDED_FILTER_PATTERN,
          startTime: from,
          endTime: to,
          nextToken,
        }),
      );
      for (const event of page.events ?? []) {
        const signIn = readUnrecordedLine(event.message ?? '');
        if (signIn === null) unreadable += 1;
        else signIns.push(signIn);
      }
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return { signIns, unreadable };
  }
}
