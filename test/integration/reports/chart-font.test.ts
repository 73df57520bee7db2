/**
 * The Japanese chart font embedded in the bundle: a subset of Noto Sans JP made by tools/chart-font/
 * subset.ts. It must hold every character the Japanese chart can show (else boxes), and be the subset of
 * the current catalog (a changed chart word needs a new subset: the test says how to make it).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NOTO_SANS_JP_CHART_CHARACTERS } from '../../../src/adapters/chart/noto-sans-jp-chart';
import { VegaPngRenderer } from '../../../src/adapters/chart/vega-png-renderer';
import { chartCharacters } from '../../../src/reports';
import { messagesFor } from '../../../src/shared/i18n';
import { SUBSET_MODULE, subsetModuleText } from '../../../tools/chart-font/subset';

describe('Japanese chart font', { timeout: 120_000 }, () => {
  it('should cover every character the Japanese chart can show, in any time zone', () => {
    const shipped = new Set(NOTO_SANS_JP_CHART_CHARACTERS);
    for (const zone of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
      const missing = [...chartCharacters(messagesFor('ja', zone))].filter(
        (character) => !shipped.has(character),
      );
      expect(missing, 'run npx tsx tools/chart-font/subset.ts').toEqual([]);
    }
  });

  it('should be exactly the subset the tool makes from the current catalog', async () => {
    expect(await readFile(SUBSET_MODULE, 'utf8'), 'run npx tsx tools/chart-font/subset.ts').toBe(
      await subsetModuleText(),
    );
  });

  it('should draw Japanese glyphs, not boxes: two different words of equal length look different', async () => {
    const title = (text: string) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: text,
      data: { values: [] },
      mark: 'point',
      background: 'white',
      config: { font: 'Noto Sans JP' },
    });
    const renderer = new VegaPngRenderer(1);
    // Missing glyphs are all drawn as the same box (or not at all), so the two images would be equal.
    const reLogin = Buffer.from(await renderer.renderPng(title('再ログイン')));
    const refresh = Buffer.from(await renderer.renderPng(title('リフレッシ')));
    expect(reLogin.equals(refresh)).toBe(false);
  });
});
