import { describe, expect, it } from 'vitest';
import { suggestedRefreshThreshold } from '../../../src/app-clients/domain/refresh-threshold';

describe('Function: suggestedRefreshThreshold', () => {
  it('should stay well inside the ID-token validity, in whole minutes', () => {
    expect([60, 480, 5, 90].map((minutes) => suggestedRefreshThreshold(minutes).goDuration)).toEqual([
      '15m',
      '2h',
      '1m',
      '22m',
    ]);
    expect(suggestedRefreshThreshold(90).seconds).toBe(22 * 60);
  });
});
