import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EventFileError, forEachEventLine, parseIsoTime } from '../../../src/cli/event-file';

const NOW = Date.parse('2026-11-21T00:00:00Z');

function line(at: string): string {
  return JSON.stringify({ at, event: { note: 'ünïcode' } });
}

async function eventTimes(chunks: Buffer[], skipInvalid = false) {
  const times: string[] = [];
  const invalid = await forEachEventLine(Readable.from(chunks), { skipInvalid, now: NOW }, (at) =>
    times.push(new Date(at).toISOString()),
  );
  return { times, invalid };
}

describe('Function: forEachEventLine', () => {
  it('should read a file with a byte-order mark and Windows line ends in chunks cut anywhere', async () => {
    // Prepare
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${line('2026-11-20T08:00:00Z')}\r\n\r\n${line('2026-11-20T09:00:00Z')}`),
    ]);

    // Act, Assess: every cut, including inside the byte-order mark, a character and a \r\n.
    for (let offset = 0; offset <= bytes.length; offset += 1) {
      const { times } = await eventTimes([bytes.subarray(0, offset), bytes.subarray(offset)]);
      expect(times, `cut at byte ${offset}`).toEqual([
        '2026-11-20T08:00:00.000Z',
        '2026-11-20T09:00:00.000Z',
      ]);
    }
  });

  it('should name a bad line by its number, blank lines counted', async () => {
    // Prepare
    const chunks = [
      Buffer.from(`${line('2026-11-20T08:00:00Z')}\n\n{"at": "2026-11`),
      Buffer.from('-20"}\n'),
    ];

    // Act
    const strict = eventTimes(chunks);
    const lenient = await eventTimes(chunks, true);

    // Assess
    await expect(strict).rejects.toThrow(EventFileError);
    await expect(strict).rejects.toThrow(
      /^line 3: at must be an ISO-8601 time with a zone, got "2026-11-20"/,
    );
    expect(lenient.times).toEqual(['2026-11-20T08:00:00.000Z']);
    expect(lenient.invalid).toEqual([{ line: 3, reason: expect.stringMatching(/^at must be/) }]);
  });
});

describe('Function: parseIsoTime', () => {
  it.each([
    ['2026-01-31T00:00:00Z', 31],
    ['2026-02-28T00:00:00Z', 28],
    ['2024-02-29T00:00:00Z', 29],
    ['2000-02-29T00:00:00Z', 29],
    ['2026-04-30T00:00:00Z', 30],
    ['2026-06-30T00:00:00Z', 30],
    ['2026-07-31T00:00:00Z', 31],
    ['2026-08-31T00:00:00Z', 31],
    ['2026-09-30T00:00:00Z', 30],
    ['2026-11-30T00:00:00Z', 30],
    ['2026-12-31T23:59:59.999+02:00', 31],
  ])('should accept %s, the last day of its month', (text) => {
    expect(parseIsoTime(text)).toBe(Date.parse(text));
  });

  it.each([
    '2026-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-06-31T00:00:00Z',
    '2026-09-31T00:00:00Z',
    '2026-11-31T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-13-10T00:00:00Z',
    '2026-11-00T00:00:00Z',
    '2026-11-20T24:00:00Z',
    '2026-11-20T08:60:00Z',
    '2026-11-20T08:00:60Z',
    '2026-11-20T08:00:00',
    '2026-11-20',
  ])('should refuse %s', (text) => {
    expect(parseIsoTime(text)).toBeNull();
  });

  it('should accept a time without seconds and zones with or without a colon', () => {
    expect(parseIsoTime('2026-11-20T08:00Z')).toBe(Date.parse('2026-11-20T08:00:00Z'));
    expect(parseIsoTime('2026-11-20T10:00:00+0200')).toBe(Date.parse('2026-11-20T08:00:00Z'));
    expect(parseIsoTime('2026-11-20T10:00:00+02:00')).toBe(Date.parse('2026-11-20T08:00:00Z'));
  });
});

describe('Function: forEachEventLine, bad lines', () => {
  it.each([
    [
      '{"at": "2026-13-40T08:00:00Z", "event": {}}',
      'line 1: at must be an ISO-8601 time with a zone, got "2026-13-40T08:00:00Z"',
    ],
    [
      '{"at": "2026-02-30T08:00:00Z", "event": {}}',
      'line 1: at must be an ISO-8601 time with a zone, got "2026-02-30T08:00:00Z"',
    ],
    [
      '{"at": 1764000000000, "event": {}}',
      'line 1: at must be an ISO-8601 time with a zone, got 1764000000000',
    ],
    [
      '{"at": "2026-11-23T00:00:00Z", "event": {}}',
      'line 1: at must be between 2000-01-01 and a day after now (2026-11-21T00:00:00.000Z), got "2026-11-23T00:00:00Z"',
    ],
    ['{"at": "2026-11-20T08:00:00Z"}', 'line 1: event is missing'],
    ['[1, 2]', 'line 1: must be an object {"at": ..., "event": ...}, got [1,2]'],
    ['{"at": "2026-11-20T08:00:00Z", "event": {}', 'line 1: not valid JSON ('],
  ])('should refuse %s naming the line and the field', async (text, message) => {
    const read = forEachEventLine(
      Readable.from([Buffer.from(text)]),
      { skipInvalid: false, now: NOW },
      () => {},
    );
    await expect(read).rejects.toThrow(message);
  });
});
