import { describe, expect, it } from 'vitest';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import { classifyAuthEvent, InvalidAuthEventError } from '../../../src/sign-ins/domain/auth-signal';

const ARGOCD = 'argocdclient0example0000001';
const everyClient = new Set<string>();

function withSource(triggerSource: string, version = '1'): Record<string, unknown> {
  return { ...cognitoFixture('pre-token-v1-hosted-auth'), triggerSource, version };
}

describe('Function: classifyAuthEvent', () => {
  it.each([
    'TokenGeneration_HostedAuth',
    'TokenGeneration_Authentication',
    'TokenGeneration_NewPasswordChallenge',
    'TokenGeneration_AuthenticateDevice',
    'PostAuthentication_Authentication',
  ])('should classify %s as a login', (source) => {
    const result = classifyAuthEvent(withSource(source), everyClient);
    expect(result).toMatchObject({ tracked: true, signal: { kind: 'login', triggerSource: source } });
  });

  it('should classify a V2 refresh-token event as a refresh', () => {
    const result = classifyAuthEvent(cognitoFixture('pre-token-v2-refresh'), everyClient);
    expect(result).toEqual({
      tracked: true,
      signal: {
        kind: 'refresh',
        triggerSource: 'TokenGeneration_RefreshTokens',
        userPoolId: 'ap-northeast-1_EXAMPLE',
        clientId: ARGOCD,
        user: '0b6c3a5e-1111-4f3a-9c1e-5a7d2f9e0001',
        username: 'alice',
        email: 'alice@example.com',
      },
    });
  });

  it.each(['0', '1', '2', '3'])('should accept event version %s', (version) => {
    expect(
      classifyAuthEvent(withSource('TokenGeneration_Authentication', version), everyClient).tracked,
    ).toBe(true);
  });

  it('should read the Post Authentication fixture as bob signing in', () => {
    const result = classifyAuthEvent(cognitoFixture('post-authentication'), new Set([ARGOCD]));
    expect(result).toMatchObject({
      tracked: true,
      signal: { kind: 'login', username: 'bob', email: 'bob@example.com' },
    });
  });

  it('should ignore machine-to-machine tokens and other triggers', () => {
    for (const source of ['TokenGeneration_ClientCredentials', 'PreSignUp_SignUp', 'CustomMessage_SignUp']) {
      expect(classifyAuthEvent(withSource(source, '3'), everyClient)).toMatchObject({ tracked: false });
    }
  });

  it('should ignore app clients outside ARGOCD_CLIENT_IDS, and track every client when the list is empty', () => {
    const event = withSource('TokenGeneration_HostedAuth');
    expect(classifyAuthEvent(event, new Set(['other-client']))).toMatchObject({
      tracked: false,
      ignored: 'untracked-client',
      reason: `app client "${ARGOCD}" is not tracked`,
    });
    expect(classifyAuthEvent(event, new Set(['other-client', ARGOCD])).tracked).toBe(true);
    expect(classifyAuthEvent(event, everyClient).tracked).toBe(true);
  });

  it('should fall back to userName when the event has no sub', () => {
    const event = withSource('TokenGeneration_HostedAuth');
    event.request = { userAttributes: {} };
    expect(classifyAuthEvent(event, everyClient)).toMatchObject({
      tracked: true,
      signal: { user: 'alice', username: 'alice' },
    });
  });

  it.each([
    [null, 'event must be a JSON object'],
    [[], 'event must be a JSON object'],
    [{}, 'version must be one of'],
    [{ version: 1 }, 'version must be one of'],
    [{ version: '1', triggerSource: 42 }, 'triggerSource must be a non-empty string'],
    [{ version: '1', triggerSource: 'TokenGeneration_HostedAuth' }, 'userPoolId must be a non-empty string'],
    [
      { version: '1', triggerSource: 'TokenGeneration_HostedAuth', userPoolId: 'p' },
      'callerContext must be an object',
    ],
    [
      {
        version: '1',
        triggerSource: 'TokenGeneration_HostedAuth',
        userPoolId: 'p',
        callerContext: { clientId: '' },
      },
      'callerContext.clientId must be a non-empty string',
    ],
    [
      {
        version: '1',
        triggerSource: 'TokenGeneration_HostedAuth',
        userPoolId: 'p',
        callerContext: { clientId: 'c' },
      },
      'request.userAttributes.sub or userName',
    ],
  ])('should reject %j with a message naming the field', (event, message) => {
    expect(() => classifyAuthEvent(event, everyClient)).toThrow(InvalidAuthEventError);
    expect(() => classifyAuthEvent(event, everyClient)).toThrow(message);
  });
});
