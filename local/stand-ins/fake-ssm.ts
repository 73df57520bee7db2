/** Stand-in for SSM GetParameter (AWS JSON 1.1), for the Slack and GitHub tokens read through Powertools Parameters. */
import { AwsJsonError, type AwsJsonServer, startAwsJsonServer } from './fake-aws-json';
import { localAwsEnvironment, overrideEnv } from './local-aws';

export interface FakeSsm extends AwsJsonServer {
  setSecureString(name: string, value: string): void;
  /** GetParameter calls so far (to see caching at work). */
  reads(): number;
}

/** Starts the stand-in and points the SDK's SSM endpoint at it until `close()`. */
export async function startFakeSsm(): Promise<FakeSsm> {
  const parameters = new Map<string, string>();
  const server = await startAwsJsonServer(
    { targetPrefix: 'AmazonSSM', contentType: 'application/x-amz-json-1.1' },
    {
      GetParameter: (input) => {
        const name = String(input.Name);
        const value = parameters.get(name);
        if (value === undefined) throw new AwsJsonError('ParameterNotFound', `Parameter ${name} not found.`);
        if (input.WithDecryption !== true)
          throw new AwsJsonError(
            'ValidationException',
            'this stand-in only serves SecureStrings read WithDecryption',
          );
        return { Parameter: { Name: name, Type: 'SecureString', Value: value, Version: 1 } };
      },
    },
  );
  // The SDK (through Powertools Parameters) finds it the standard way until it is closed.
  const restoreEnv = overrideEnv(localAwsEnvironment({ ssm: server.url }));
  return {
    ...server,
    close: async () => {
      restoreEnv();
      await server.close();
    },
    setSecureString: (name, value) => {
      parameters.set(name, value);
    },
    reads: () => server.calls.filter((call) => call.operation === 'GetParameter').length,
  };
}
