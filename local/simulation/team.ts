/**
 * The simulated Argo CD team: who they are and when each one works. Pure and seeded, so a scenario
 * plays the same week every run.
 */

import { DAY_MS, MINUTE_MS } from '../../src/shared/durations';

export interface TeamMember {
  /** The Cognito user name; cognito-local's pools sign in by e-mail address. */
  email: string;
}

export interface TeamShape {
  users: number;
  /** Working days (Monday to Friday), from the simulation's first Monday on. */
  days: number;
  hoursPerDay: number;
  seed: number;
}

export interface WorkSpell {
  member: TeamMember;
  /** Epoch ms the member opens Argo CD, and when they stop for the day. */
  from: number;
  to: number;
}

/** The people of the simulated team and of the shipped sample, in order. */
export const TEAM_NAMES = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
  'olivia',
  'peggy',
  'rupert',
  'sybil',
  'trent',
  'victor',
  'walter',
  'yvonne',
];

export function teamMembers(count: number): TeamMember[] {
  return Array.from({ length: count }, (_, index) => {
    const name = TEAM_NAMES[index % TEAM_NAMES.length] as string;
    const round = Math.floor(index / TEAM_NAMES.length);
    return { email: `${name}${round === 0 ? '' : round + 1}@example.com` };
  });
}

/** A small seeded generator (mulberry32): the same seed gives the same week. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Epoch ms of each working day's midnight (UTC), skipping Saturdays and Sundays. */
export function workingDays(firstMonday: number, days: number): number[] {
  const result: number[] = [];
  for (let day = firstMonday; result.length < days; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) result.push(day);
  }
  return result;
}

/**
 * Every member's working day: each has a usual start between 08:00 and 09:30 and varies it by up to
 * 20 minutes either way from day to day.
 */
export function workSpells(shape: TeamShape, firstMonday: number): WorkSpell[] {
  const random = seededRandom(shape.seed);
  const members = teamMembers(shape.users);
  const usualStart = members.map(() => 8 * 60 + Math.floor(random() * 90));
  return workingDays(firstMonday, shape.days).flatMap((day) =>
    members.map((member, index) => {
      const from = day + ((usualStart[index] as number) + Math.round((random() - 0.5) * 40)) * MINUTE_MS;
      return { member, from, to: from + shape.hoursPerDay * 60 * MINUTE_MS };
    }),
  );
}
