import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/shared/clock';
import { runCli } from '../../support/cli';

const clock = fixedClock('2026-12-01T12:00:00Z');

describe('CLI: relogin-monitor simulate on bad input', () => {
  it.each([
    [
      ['--scenario', 'nope'],
      '--scenario must be one of no-refresh, stopgap-8h, fixed, upgrade, detached, refresh-as-authentication, outage, existing-trigger, got "nope"',
    ],
    [['--users', '0'], '--users must be a whole number from 1 to 200, got "0"'],
    [['--days', '2.5'], '--days must be a whole number from 1 to 20, got "2.5"'],
    [['--hours-per-day', '25'], '--hours-per-day must be a whole number from 1 to 16, got "25"'],
    [['--start', '2026-02-30'], '--start must be a date like 2026-11-23, got "2026-02-30"'],
    [['--start', '2026-11-24'], '--start must be a Monday, got 2026-11-24'],
    [['--scenario', 'upgrade', '--days', '4'], '--scenario upgrade needs --days 5 or more, got 4'],
  ])('should refuse %j with a usage error before starting anything', async (args, message) => {
    // Act
    const result = await runCli(['simulate', ...args], { clock });

    // Assess
    expect(result).toEqual({ code: 2, stdout: '', stderr: `relogin-monitor simulate: ${message}\n` });
  });
});
