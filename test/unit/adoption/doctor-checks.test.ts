import { describe, expect, it } from 'vitest';
import {
  argoCdVersionCheck,
  type ClientFacts,
  clientChecks,
  githubCheck,
  poolChecks,
} from '../../../src/adoption';

const server: ClientFacts = {
  clientId: 'argocdclient0example0000001',
  name: 'argocd',
  hasSecret: true,
  idTokenMinutes: 60,
  accessTokenMinutes: 60,
  refreshTokenMinutes: 43_200,
  rotation: { enabled: false, graceSeconds: 0 },
  flows: ['code'],
  scopes: ['openid', 'email'],
  callbacks: ['https://argocd.example.com/auth/callback'],
};

function statusOf(facts: ClientFacts, check: string) {
  return clientChecks(facts, 'https://argocd.example.com/').find((line) => line.check.endsWith(check));
}

describe('Function: clientChecks', () => {
  it('should pass a confidential code-flow client with openid and the Argo CD callback', () => {
    expect(clientChecks(server, 'https://argocd.example.com').every((check) => check.status === 'ok')).toBe(
      true,
    );
  });

  it('should advise a grace period when refresh-token rotation is on without one', () => {
    expect(statusOf({ ...server, rotation: { enabled: true, graceSeconds: 0 } }, 'rotation')).toMatchObject({
      status: 'warn',
      fix: 'set RefreshTokenRotation.RetryGracePeriodSeconds to 60',
    });
    expect(statusOf({ ...server, rotation: { enabled: true, graceSeconds: 60 } }, 'rotation')?.status).toBe(
      'ok',
    );
  });

  it('should fail a server client without a secret or without the callback', () => {
    expect(statusOf({ ...server, hasSecret: false }, 'secret')?.status).toBe('fail');
    expect(statusOf({ ...server, callbacks: [] }, 'callback')).toMatchObject({
      status: 'fail',
      fix: 'add https://argocd.example.com/auth/callback to CallbackURLs',
    });
  });
});

describe('Function: poolChecks', () => {
  it('should say what the post-authentication mode loses', () => {
    const ours = 'arn:aws:lambda:eu-west-1:1:function:ours';
    const [, , check] = poolChecks(
      { Id: 'eu-west-1_X', Name: 'p', LambdaConfig: { PostAuthentication: ours } },
      ours,
    );
    expect(check).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('refreshes come from Cognito TokenRefreshSuccesses'),
    });
  });
});

describe('Function: githubCheck', () => {
  it('should fail with no requests left and warn without a token', () => {
    expect(githubCheck(0, 5000).status).toBe('fail');
    expect(githubCheck(59, 60).status).toBe('warn');
    expect(githubCheck(4999, 5000).status).toBe('ok');
  });
});

describe('Function: argoCdVersionCheck', () => {
  const firstReleases = ['v3.4.6', 'v3.5.0'];
  it.each([
    ['v3.4.6', 'ok'],
    ['v3.4.7+abc123', 'ok'],
    ['v3.5.1', 'ok'],
    ['v3.6.0', 'ok'],
    ['v3.4.5', 'warn'],
    ['v3.3.14', 'warn'],
    ['v3.5.0-rc2', 'warn'],
    ['<html>', 'warn'],
  ])('should say whether %s renews expired sessions (%s)', (version, status) => {
    expect(argoCdVersionCheck(version, firstReleases).status).toBe(status);
  });
});
