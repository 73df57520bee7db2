/**
 * The CloudFormation custom-resource protocol: the answer is a PUT of a JSON document to the request's
 * pre-signed ResponseURL. Without it the stack waits an hour, so the caller always sends one.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

export interface CustomResourceAnswer {
  status: 'SUCCESS' | 'FAILED';
  physicalResourceId: string;
  reason: string;
  data?: Record<string, string>;
}

/** CloudFormation shows at most about 4 KB of a reason; the start says what matters. */
const MAX_REASON = 3_000;

export async function sendCustomResourceAnswer(
  event: Pick<
    CloudFormationCustomResourceEvent,
    'ResponseURL' | 'StackId' | 'RequestId' | 'LogicalResourceId'
  >,
  answer: CustomResourceAnswer,
  timeoutMs = 10_000,
): Promise<void> {
  const body = JSON.stringify({
    Status: answer.status,
    Reason: answer.reason.length > MAX_REASON ? `${answer.reason.slice(0, MAX_REASON)}…` : answer.reason,
    PhysicalResourceId: answer.physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    ...(answer.data === undefined ? {} : { Data: answer.data }),
  });
  // The pre-signed URL is signed for an empty content type.
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`CloudFormation did not take the answer: HTTP ${response.status}`);
}
