import { describe, expect, it } from 'vitest';
import { reportTimeAfter, scheduledRuns } from '../../../local/simulation/schedules';
import { workingDays, workSpells } from '../../../local/simulation/team';

const MONDAY = Date.parse('2026-11-23T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('Module: the simulated schedules and team', () => {
  it('should run the check hourly, the upstream watch every 6 hours before it, and the report on Monday 09:00', () => {
    const reportAt = reportTimeAfter(MONDAY + DAY);
    expect(new Date(reportAt).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    const runs = scheduledRuns(MONDAY, reportAt);
    expect(runs.slice(0, 3)).toEqual([
      { at: MONDAY + 5 * 60_000, job: 'upstream-watch' },
      { at: MONDAY + 5 * 60_000, job: 'relogin-check' },
      { at: MONDAY + HOUR + 5 * 60_000, job: 'relogin-check' },
    ]);
    expect(runs.filter((run) => run.job === 'relogin-check')).toHaveLength(7 * 24 + 9);
    expect(runs.filter((run) => run.job === 'upstream-watch')).toHaveLength(7 * 4 + 2);
    // Not the Monday the monitor was deployed on: only the week it watched.
    expect(runs.filter((run) => run.job === 'report')).toEqual([{ at: reportAt, job: 'report' }]);
  });

  it('should skip weekends and play the same week for the same seed', () => {
    expect(workingDays(MONDAY, 6).map((day) => new Date(day).toISOString().slice(0, 10))).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-30',
    ]);
    const shape = { users: 3, days: 2, hoursPerDay: 8, seed: 7 };
    const spells = workSpells(shape, MONDAY);
    expect(spells).toEqual(workSpells(shape, MONDAY));
    expect(spells).toHaveLength(6);
    for (const spell of spells) {
      const startHour = (spell.from % DAY) / HOUR;
      expect(startHour).toBeGreaterThanOrEqual(7 + 40 / 60);
      expect(startHour).toBeLessThanOrEqual(9.5 + 20 / 60);
      expect(spell.to - spell.from).toBe(8 * HOUR);
    }
    expect(workSpells({ ...shape, seed: 8 }, MONDAY)).not.toEqual(spells);
  });
});
