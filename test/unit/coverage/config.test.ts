import { describe, expect, it } from 'vitest';
import { readCoverageSettings } from '../../../src/coverage';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:relogin-monitor-prod-authEvent';

describe('Config: readCoverageSettings', () => {
  it('should default to 90 % over 24 h with a minimum of 20, and no slot check without the ARN', () => {
    expect(readCoverageSettings({})).toEqual({
      expected: null,
      policy: { minShare: 0.9, minCount: 20, windowHours: 24 },
    });
  });

  it('should read the function, the attach mode and the thresholds', () => {
    expect(
      readCoverageSettings({
        AUTH_EVENT_FUNCTION_ARN: `${ARN}:live`,
        ATTACH_MODE: 'chain',
        COVERAGE_MIN_SHARE: '0.95',
        COVERAGE_MIN_COUNT: '50',
        COVERAGE_WINDOW_HOURS: '12',
      }),
    ).toEqual({
      expected: { functionArn: `${ARN}:live`, mode: 'chain' },
      policy: { minShare: 0.95, minCount: 50, windowHours: 12 },
    });
  });

  it.each([
    [
      { AUTH_EVENT_FUNCTION_ARN: 'relogin-monitor-prod-authEvent' },
      /AUTH_EVENT_FUNCTION_ARN must be a Lambda function ARN/,
    ],
    [{ ATTACH_MODE: 'both' }, /ATTACH_MODE/],
    [{ COVERAGE_MIN_SHARE: '90' }, /COVERAGE_MIN_SHARE must be a share from 0 to 1/],
    [{ COVERAGE_MIN_COUNT: '-1' }, /COVERAGE_MIN_COUNT must be a positive number/],
  ])('should refuse %o, naming the setting', (env, message) => {
    expect(() => readCoverageSettings(env)).toThrow(message);
  });
});
