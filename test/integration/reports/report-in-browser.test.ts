/**
 * The HTML report as people open it: Debian's Chromium (headless, driven by playwright-core; `.ci/run`
 * installs it) at a desktop and a 390 px phone width, in English and Japanese. No console error, no
 * request leaves the file, the chart is visible, and no text runs out of its table or the page.
 * Screenshots go to REPORT_SCREENSHOTS (default: a temporary folder) for people to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../../support/cli';

const SAMPLE = join(PROJECT_ROOT, 'samples/team-week.jsonl');
const CLIENT_CONFIG = join(PROJECT_ROOT, 'local/fixtures/cognito/describe-user-pool-client.json');
const SCREENSHOTS = process.env.REPORT_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'report-screens-'));

/**
 * The flags known to work on these machines (no background networking). The fresh, empty profile
 * (`--user-data-dir`) is Playwright's own: `launch` makes a new temporary one for every browser.
 */
function launchArgs(): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

interface Layout {
  lang: string;
  image: { loaded: boolean; box: { width: number; height: number; right: number } } | null;
  /** Table cells whose text is wider than the cell. */
  overflowing: string[];
  tableRight: number;
  viewport: number;
  pageWidth: number;
  /** Elements reaching past the right edge of the page. */
  wide: string[];
}

/** Runs in the page (plain JavaScript: the project's types have no DOM). */
const LAYOUT = `(() => {
  const image = document.querySelector('img');
  const box = image && image.getBoundingClientRect();
  const viewport = document.documentElement.clientWidth;
  return {
    lang: document.documentElement.lang,
    image: image && { loaded: image.complete && image.naturalWidth > 0, box: { width: box.width, height: box.height, right: box.right } },
    overflowing: [...document.querySelectorAll('table th, table td')]
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => cell.textContent),
    tableRight: Math.max(...[...document.querySelectorAll('table')].map((table) => table.getBoundingClientRect().right)),
    viewport,
    pageWidth: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > viewport + 1)
      .map((element) => element.tagName + ': ' + (element.textContent || '').slice(0, 60)),
  };
})()`;

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe('The HTML report in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  const reports = new Map<string, string>();

  beforeAll(async () => {
    // A Japanese reader's machine has a Japanese font; without one Chromium draws boxes (.ci/run installs one).
    expect(
      execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim(),
      'no Japanese font: apt-get install fonts-ipafont-gothic',
    ).not.toBe('');
    for (const locale of ['en', 'ja']) {
      const out = mkdtempSync(join(tmpdir(), `report-${locale}-`));
      const { code, stderr } = await runCli(
        ['report', '--events', SAMPLE, '--out', out, '--timezone', 'Asia/Tokyo', '--locale', locale],
        { env: { ARGOCD_CLIENT_IDS: '' } },
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      reports.set(locale, join(out, 'report.html'));
    }
    // The client config adds the advice with its long commands, the hardest text to fit on a phone.
    const out = mkdtempSync(join(tmpdir(), 'report-ja-advice-'));
    const withAdvice = await runCli(
      ['report', '--events', SAMPLE, '--out', out, '--locale', 'ja', '--client-config', CLIENT_CONFIG],
      { env: {} },
    );
    expect(withAdvice.stderr).toBe('');
    reports.set('ja-advice', join(out, 'report.html'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs() });
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const locale of ['en', 'ja', 'ja-advice']) {
    for (const { name, width, height } of WIDTHS) {
      it(`should show the ${locale} report at ${name} width (${width} px) whole and offline`, async () => {
        const page = await browser.newPage({ viewport: { width, height } });
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('request', (request) => requests.push(request.url()));
        const url = pathToFileURL(reports.get(locale) as string).href;

        await page.goto(url, { waitUntil: 'load' });
        await page.screenshot({ path: join(SCREENSHOTS, `report-${locale}-${name}.png`), fullPage: true });

        const layout = (await page.evaluate(LAYOUT)) as Layout;

        expect(problems).toEqual([]);
        // Only the file itself and its data: URL chart; nothing over the network.
        expect(
          requests.filter((request) => !request.startsWith('file:') && !request.startsWith('data:')),
        ).toEqual([]);
        expect(layout.lang).toBe(locale.slice(0, 2));
        expect(layout.image?.loaded).toBe(true);
        expect(layout.image?.box?.width).toBeGreaterThan(width / 2);
        expect(layout.image?.box?.height).toBeGreaterThan(100);
        expect(layout.image?.box?.right).toBeLessThanOrEqual(layout.viewport + 1);
        expect(layout.overflowing).toEqual([]);
        expect(layout.tableRight).toBeLessThanOrEqual(layout.viewport + 1);
        expect(layout.wide).toEqual([]);
        expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewport);
        await page.close();
      });
    }
  }
});
