import { describe, expect, it } from 'vitest';
import { formatSeconds, inspectClaims } from '../../../src/app-clients/domain/token-inspection';

const NOW = new Date('2026-11-24T10:00:00Z');
const at = (iso: string) => Date.parse(iso) / 1000;

describe('Function: inspectClaims', () => {
  it('should call a token refreshed when iat is later than auth_time, and compute lifetime and time left', () => {
    const inspection = inspectClaims(
      {
        iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
        sub: 'u-1',
        aud: 'client-1',
        token_use: 'id',
        auth_time: at('2026-11-24T07:00:00Z'),
        iat: at('2026-11-24T09:30:00Z'),
        exp: at('2026-11-24T10:30:00Z'),
      },
      NOW,
    );
    expect(inspection).toEqual({
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
      client: 'client-1',
      subject: 'u-1',
      tokenUse: 'id',
      authTime: '2026-11-24T07:00:00.000Z',
      issuedAt: '2026-11-24T09:30:00.000Z',
      expiresAt: '2026-11-24T10:30:00.000Z',
      lifetimeSeconds: 3600,
      secondsLeft: 1800,
      refreshed: true,
    });
  });

  it('should take client_id of an access token, and say unknown when auth_time is missing', () => {
    const inspection = inspectClaims({ client_id: 'c', iat: at('2026-11-24T09:00:00Z') }, NOW);
    expect(inspection).toMatchObject({
      client: 'c',
      refreshed: null,
      lifetimeSeconds: null,
      secondsLeft: null,
    });
    expect(inspectClaims({ auth_time: 5, iat: 5 }, NOW).refreshed).toBe(false);
  });
});

describe('Function: formatSeconds', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [3598, '59 min 58 s'],
    [3600, '1 h'],
    [3900, '1 h 5 min'],
    [86_400, '24 h'],
    [-180, 'expired 3 min ago'],
  ])('should format %d as %j', (seconds, expected) => {
    expect(formatSeconds(seconds)).toBe(expected);
  });
});
