/** The one SSM SecureString reader (SSM JSON-protocol stand-in), and how each token source maps its errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSsm, startFakeSsm } from '../../local/stand-ins/fake-ssm';
import { githubTokenProvider } from '../../src/adapters/github/token';
import { ssmTokenSource } from '../../src/adapters/slack/token-source';
import { SecureStringUnavailable, ssmSecureString } from '../../src/adapters/ssm/secure-string';
import { ChatConfigurationError } from '../../src/notifications/ports/chat';
import { ConfigError } from '../../src/shared/config/env';
import { readGitHubSettings } from '../../src/upstream/config';

let ssm: FakeSsm;

beforeAll(async () => {
  ssm = await startFakeSsm();
});

afterAll(async () => {
  await ssm.close();
});

describe('Function: ssmSecureString', () => {
  it('should read the value decrypted and trimmed, once while cached', async () => {
    // Prepare
    ssm.setSecureString('/secure/pasted', '  xoxb-pasted\n');
    const read = ssmSecureString('/secure/pasted', 300);
    const readsBefore = ssm.reads();

    // Act
    const values = [await read(), await read()];

    // Assess
    expect(values).toEqual(['xoxb-pasted', 'xoxb-pasted']);
    expect(ssm.reads() - readsBefore).toBe(1);
  });

  it('should say whether the parameter is missing or empty', async () => {
    // Prepare
    ssm.setSecureString('/secure/blank', ' \n');

    // Act
    const missing = await ssmSecureString('/secure/missing', 300)().catch((caught: unknown) => caught);
    const blank = await ssmSecureString('/secure/blank', 300)().catch((caught: unknown) => caught);

    // Assess
    expect(missing).toBeInstanceOf(SecureStringUnavailable);
    expect(missing).toMatchObject({ parameterName: '/secure/missing', reason: 'not-found' });
    expect(blank).toBeInstanceOf(SecureStringUnavailable);
    expect(blank).toMatchObject({ parameterName: '/secure/blank', reason: 'empty' });
  });

  it('should let each caller map an empty parameter to its own configuration error', async () => {
    // Prepare
    ssm.setSecureString('/secure/empty-token', '\n');

    // Act
    const slack = await ssmTokenSource('/secure/empty-token')().catch((caught: unknown) => caught);
    const github = await githubTokenProvider(
      readGitHubSettings({ GITHUB_TOKEN_PARAMETER: '/secure/empty-token' }),
    )().catch((caught: unknown) => caught);

    // Assess
    expect(slack).toBeInstanceOf(ChatConfigurationError);
    expect(slack).toMatchObject({ code: 'token_parameter_empty' });
    expect((slack as Error).message).toContain('/secure/empty-token (SLACK_TOKEN_PARAMETER) is empty');
    expect(github).toBeInstanceOf(ConfigError);
    expect((github as Error).message).toBe(
      'GITHUB_TOKEN_PARAMETER: SSM parameter /secure/empty-token is empty',
    );
  });
});
