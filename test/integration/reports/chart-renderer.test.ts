/** The real renderer (Vega-Lite → SVG → resvg WebAssembly with the shipped font) on a report's chart. */
import { describe, expect, it } from 'vitest';
import { VegaPngRenderer } from '../../../src/adapters/chart/vega-png-renderer';
import { buildPeriodicReport, chartSpec, lastCompletePeriod } from '../../../src/reports';
import { readPng } from '../../support/png';

describe('Adapter: VegaPngRenderer', { timeout: 120_000 }, () => {
  it('should render the chart of a week as a plausible, non-blank PNG', async () => {
    const period = lastCompletePeriod(Date.parse('2026-11-23T09:00:00Z'), 'week', 'UTC');
    const events = period.days.slice(0, 5).flatMap((day, index) =>
      Array.from({ length: 3 + index }, (_, hour) => ({
        at: day.start + (9 + hour) * 3_600_000,
        kind: hour === 0 ? ('session-start' as const) : ('re-login' as const),
        userPoolId: 'pool',
        clientId: 'argocd',
        user: `user-${hour % 2}`,
        username: `user-${hour % 2}`,
        intervalMinutes: hour === 0 ? null : 60,
      })),
    );
    const report = buildPeriodicReport({
      userPoolId: 'pool',
      period,
      clients: [
        {
          clientId: 'argocd',
          events,
          client: null,
          cognito: { current: null, previous: null },
          stretchedSince: null,
        },
      ],
      upstream: null,
      heavyReLogins: 3,
      minutesPerReLogin: 0.5,
      proposedValidityHours: 8,
      sessionHours: 24,
    });

    const png = await new VegaPngRenderer().renderPng(chartSpec(report));

    const facts = readPng(png);
    // 560 × 240 plot plus axes, title and legend, at 2× zoom.
    expect(facts.width).toBeGreaterThan(1100);
    expect(facts.width).toBeLessThan(1600);
    expect(facts.height).toBeGreaterThan(500);
    expect(facts.height).toBeLessThan(900);
    expect(png.byteLength).toBeGreaterThan(20_000);
    expect(png.byteLength).toBeLessThan(1_000_000);
    expect(facts.distinctValues).toBeGreaterThan(50);
  });

  it('should reject a spec it cannot compile, so the caller can send the report without a chart', async () => {
    await expect(new VegaPngRenderer().renderPng({ mark: 'no-such-mark' })).rejects.toThrow();
  });
});
