/**
 * ChainedFunction on Lambda's Invoke API (RequestResponse), as Cognito itself calls a trigger: a
 * function error or timeout rejects with the function's own message, so the sign-in fails as before.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { ChainedFunction } from '../../sign-ins';

export class ChainedFunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainedFunctionError';
  }
}

export class LambdaChainedFunction implements ChainedFunction {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionArn: string,
    /** Cognito gives up on a trigger after 5 s; no answer can matter after that. */
    private readonly timeoutMs = 5_000,
  ) {}

  async invoke(event: unknown): Promise<unknown> {
    const { FunctionError, Payload } = await this.client.send(
      new InvokeCommand({ FunctionName: this.functionArn, Payload: JSON.stringify(event) }),
      { abortSignal: AbortSignal.timeout(this.timeoutMs) },
    );
    const text = Payload === undefined ? '' : Buffer.from(Payload).toString('utf8');
    if (FunctionError !== undefined) {
      throw new ChainedFunctionError(
        `the chained function ${this.functionArn} failed (${FunctionError}): ${text.slice(0, 500)}`,
      );
    }
    // Lambda answers JSON; whatever it is goes back to Cognito as the team's function gave it.
    return text === '' ? null : JSON.parse(text);
  }
}
