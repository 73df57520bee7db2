/** Fake credentials, a region and endpoint overrides for the SDK when it talks to local stand-ins. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-west-1';

/**
 * The SDK's standard settings pointing at local stand-ins (fake credentials, a region, one endpoint
 * per service), so code that builds its own clients from the environment talks to them.
 */
export function localAwsEnvironment(endpoints: {
  dynamodb?: string;
  cloudwatch?: string;
  cloudwatchLogs?: string;
  cognitoIdentityProvider?: string;
  ssm?: string;
}): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ...(endpoints.dynamodb ? { AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb } : {}),
    ...(endpoints.cloudwatch ? { AWS_ENDPOINT_URL_CLOUDWATCH: endpoints.cloudwatch } : {}),
    ...(endpoints.cloudwatchLogs ? { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: endpoints.cloudwatchLogs } : {}),
    ...(endpoints.cognitoIdentityProvider
      ? { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognitoIdentityProvider }
      : {}),
    ...(endpoints.ssm ? { AWS_ENDPOINT_URL_SSM: endpoints.ssm } : {}),
  };
}

/** Sets environment variables for the run and gives back a function that restores the previous values. */
export function overrideEnv(values: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
