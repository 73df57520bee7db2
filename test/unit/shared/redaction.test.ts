import { describe, expect, it } from 'vitest';
import { REDACTED, SecretSet } from '../../../src/shared/redaction';

function holding(...values: string[]): SecretSet {
  const set = new SecretSet();
  for (const value of values) set.add(value);
  return set;
}

describe('Class: SecretSet', () => {
  it('should replace a held secret wherever it appears, also URL-encoded', () => {
    const secret = 'enterprise/token+1234';
    expect(holding(secret).redact(`saw ${secret} and ${encodeURIComponent(secret)} in the request`)).toBe(
      'saw [redacted] and [redacted] in the request',
    );
  });

  it.each([0, 1, 2, 3, 5])(
    'should leave no 8 characters of a held secret in its base64 echo after %i bytes of other text',
    (prefix) => {
      const secret = 'Zq7vR2mK9xLp4TnW8sYb3cDf';
      const echoed = Buffer.from(`${'p'.repeat(prefix)}user:${secret}:rest`).toString('base64');
      const redacted = holding(secret).redact(`Basic ${echoed}`);
      expect(redacted).toContain(REDACTED);
      for (const remnant of redacted.replace('Basic ', '').split(REDACTED)) {
        for (const pad of ['', 'A', 'AA', 'AAA']) {
          const aligned = (pad + remnant).slice(0, Math.floor((pad + remnant).length / 4) * 4);
          const decoded = Buffer.from(aligned, 'base64').toString('latin1');
          for (let start = 0; start + 8 <= secret.length; start += 1) {
            expect(decoded).not.toContain(secret.slice(start, start + 8));
          }
        }
      }
    },
  );

  it.each([
    ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [redacted]'],
    ['{"authorization":"token s3cr3t-value"}', '{"authorization":"token [redacted]"}'],
    ['authorization=Basic dXNlcjpwYXNz;', 'authorization=Basic [redacted];'],
    ['sent bearer 0123456789abcdef', 'sent bearer [redacted]'],
    [`classic ghp_${'a'.repeat(36)} end`, 'classic [redacted] end'],
    [`fine-grained github_pat_${'B1_'.repeat(20)} end`, 'fine-grained [redacted] end'],
    [`slack xoxb-1234-5678-${'a'.repeat(24)} end`, 'slack [redacted] end'],
    ['GET https://me:hunter22@ghe.example.com/api/v3', 'GET https://[redacted]@ghe.example.com/api/v3'],
  ])('should redact the credential in %j without knowing it', (text, expected) => {
    expect(new SecretSet().redact(text)).toBe(expected);
  });

  it('should leave texts without credentials as they are, and ignore secrets too short to tell apart', () => {
    const text = 'API rate limit exceeded for 127.0.0.1. (token expired at 2026-12-01)';
    expect(holding('abc', '', 'expired').redact(text)).toBe(text);
  });

  it('should hold the token settings and URL passwords of an environment, not the parameter names', () => {
    const set = new SecretSet();
    set.addFromEnvironment({
      SLACK_TOKEN: 'plain-slack-token-value',
      SLACK_TOKEN_PARAMETER: '/relogin/slack-token',
      ARGOCD_URL: 'https://admin:p%40ssw0rd-long@argocd.example.com',
    });
    expect(set.redact('plain-slack-token-value /relogin/slack-token p@ssw0rd-long')).toBe(
      '[redacted] /relogin/slack-token [redacted]',
    );
  });

  it('should redact every string inside a structured value, errors included', () => {
    const set = holding('structured-secret-1');
    const error = new Error('failed with structured-secret-1');
    const value = set.redactDeep({ a: ['x structured-secret-1'], error, n: 3 });
    expect(value).toEqual({ a: [`x ${REDACTED}`], error, n: 3 });
    expect(error.message).toBe(`failed with ${REDACTED}`);
  });
});
