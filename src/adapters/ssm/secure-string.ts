/**
 * One SSM SecureString (a bot or API token), read decrypted at run time with Powertools Parameters and
 * cached for `maxAgeSeconds`, so a rotated value is picked up without a redeploy. Used for the Slack and
 * the GitHub token; each caller maps SecureStringUnavailable to its own configuration error.
 */
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { secrets } from '../../shared/redaction';

/** The parameter does not exist, or holds only whitespace: a set-up mistake, not an outage. */
export class SecureStringUnavailable extends Error {
  constructor(
    readonly parameterName: string,
    readonly reason: 'not-found' | 'empty',
  ) {
    super(`SSM parameter ${parameterName} ${reason === 'not-found' ? 'does not exist' : 'is empty'}`);
    this.name = 'SecureStringUnavailable';
  }
}

/**
 * A reader of `parameterName`: resolves to its value without surrounding whitespace (a pasted token often
 * ends with a newline); rejects with SecureStringUnavailable, or with the SDK's error for anything else.
 */
export function ssmSecureString(parameterName: string, maxAgeSeconds: number): () => Promise<string> {
  const provider = new SSMProvider();
  return async () => {
    let value: string | undefined;
    try {
      value = await provider.get(parameterName, { decrypt: true, maxAge: maxAgeSeconds });
    } catch (error) {
      if ((error as { cause?: { name?: string } }).cause?.name === 'ParameterNotFound') {
        throw new SecureStringUnavailable(parameterName, 'not-found');
      }
      throw error;
    }
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') throw new SecureStringUnavailable(parameterName, 'empty');
    // Every value read from SSM is a secret: held for redaction before anyone can print it.
    secrets.add(trimmed);
    return trimmed;
  };
}
