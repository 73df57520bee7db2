/**
 * Stand-in for Cognito's DescribeUserPoolClient over the AWS JSON 1.1 protocol, serving
 * DescribeUserPoolClient responses such as the shared fixture. Chosen over a client mock so the real
 * SDK client, its serialisation and its error mapping are exercised; chosen over cognito-local because
 * only this one read is needed and the fixture is served byte for byte.
 */
import { AwsJsonError, type AwsJsonServer, startAwsJsonServer } from '../../local/stand-ins/fake-aws-json';

export interface FakeCognito extends AwsJsonServer {
  /** Serves `response` (a DescribeUserPoolClient answer) for its pool and client ids. */
  addClient(response: Record<string, unknown>): void;
}

export async function startFakeCognito(): Promise<FakeCognito> {
  const clients = new Map<string, unknown>();
  const key = (pool: unknown, client: unknown) => `${String(pool)}/${String(client)}`;
  const server = await startAwsJsonServer(
    { targetPrefix: 'AWSCognitoIdentityProviderService', contentType: 'application/x-amz-json-1.1' },
    {
      DescribeUserPoolClient: (input) => {
        const found = clients.get(key(input.UserPoolId, input.ClientId));
        if (found === undefined) {
          throw new AwsJsonError(
            'ResourceNotFoundException',
            `User pool client ${String(input.ClientId)} does not exist.`,
          );
        }
        return found;
      },
    },
  );
  return {
    ...server,
    addClient: (response) => {
      const client = response.UserPoolClient as Record<string, unknown>;
      clients.set(key(client.UserPoolId, client.ClientId), response);
    },
  };
}
