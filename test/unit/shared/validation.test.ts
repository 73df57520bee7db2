/** The one formatter of validation issues: the place, what was expected, the value found, safely. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  finiteNumber,
  nonEmptyString,
  oneOf,
  parseWith,
  plainObject,
  shownValue,
} from '../../../src/shared/validation';

const fail = (message: string) => new Error(message);

describe('Function: parseWith', () => {
  const schema = v.object({
    releases: v.array(v.object({ tag_name: v.string(), kind: v.optional(oneOf(['a', 'b'])) })),
    count: v.optional(finiteNumber),
  });

  it('should return the parsed value', () => {
    expect(parseWith(schema, { releases: [{ tag_name: 'v1' }] }, fail)).toEqual({
      releases: [{ tag_name: 'v1' }],
    });
  });

  it.each([
    [
      { releases: [{ tag_name: 'v1' }, { tag_name: 7 }] },
      'answer.releases[1].tag_name must be a string, got 7',
    ],
    [{ releases: [{ tag_name: 'v1', kind: 'c' }] }, 'answer.releases[0].kind must be one of a, b, got "c"'],
    [{ releases: [{}] }, 'answer.releases[0].tag_name is missing'],
    [{ releases: 'none' }, 'answer.releases must be an array, got "none"'],
    [{ releases: [], count: Number.POSITIVE_INFINITY }, 'answer.count must be a finite number, got null'],
    [null, 'answer must be an object, got null'],
  ])('should name the place and what was expected in %j', (value, message) => {
    expect(() => parseWith(schema, value, fail, 'answer')).toThrow(message);
  });

  it('should tell at most three issues and count the others', () => {
    const names = v.array(nonEmptyString);
    expect(() => parseWith(names, ['', '', '', '', ''], fail)).toThrow(
      '[0] must be a non-empty string, got ""; [1] must be a non-empty string, got ""; [2] must be a non-empty string, got "" (and 2 more)',
    );
  });

  it('should refuse an array where an object is expected, though valibot objects take arrays', () => {
    const record = v.pipe(plainObject('a record'), v.object({ at: v.unknown() }));
    expect(() => parseWith(record, [], fail)).toThrow('must be a record, got []');
  });
});

describe('Function: shownValue', () => {
  it('should show the value as JSON, without raw control characters, cut short', () => {
    expect(shownValue('2026-13-40')).toBe('"2026-13-40"');
    expect(shownValue(undefined)).toBe('undefined');
    expect(shownValue('a\u001b[2Jb\u2028')).toBe('"a\\\\u001b[2Jb\\u2028"');
    expect(shownValue('x'.repeat(200))).toHaveLength(80);
  });
});
