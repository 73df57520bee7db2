import { describe, expect, it } from 'vitest';
import { formatDuration, formatMinutes, goDuration } from '../../../src/shared/durations';

describe('Function: formatMinutes', () => {
  it('should pick the largest whole units', () => {
    expect([
      formatMinutes(60),
      formatMinutes(480),
      formatMinutes(43_200),
      formatMinutes(90),
      formatMinutes(0.5),
      formatMinutes(1440),
    ]).toEqual(['1 h', '8 h', '30 d', '1 h 30 min', '30 s', '24 h']);
  });
});

describe('Function: formatDuration', () => {
  it.each([
    [0, '0 s'],
    [12.4, '12 s'],
    [3598, '59 min 58 s'],
    [3659, '1 h'],
    [86_400, '24 h'],
    [2 * 86_400 + 3 * 3600, '2 d 3 h'],
  ])('should format %d seconds as %j', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('Function: goDuration', () => {
  it.each([
    [30, '30s'],
    [900, '15m'],
    [7200, '2h'],
    [5400, '1h30m'],
    [1350, '22m30s'],
    [2 * 86_400, '48h'],
    [0, '0s'],
  ])('should write %d seconds as %j, as Go time.ParseDuration reads it', (seconds, expected) => {
    expect(goDuration(seconds)).toBe(expected);
  });
});
