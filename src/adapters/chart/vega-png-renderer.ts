/**
 * ChartRenderer on Vega-Lite → Vega (SVG, no canvas) → resvg (WebAssembly, so the same code runs on any
 * Lambda architecture), with the DejaVu Sans font from npm for English and a subset of Noto Sans JP
 * embedded in the bundle for Japanese (tools/chart-font/subset.ts): no system fonts, nothing downloaded.
 *
 * The WebAssembly module and the font are read from their npm packages through `require.resolve`; the
 * Lambda package ships those two files under `node_modules/` (serverless.yml `package.patterns`).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT_FAMILIES, type ChartRenderer } from '../../reports';
import { NOTO_SANS_JP_CHART_TTF_BASE64 } from './noto-sans-jp-chart';

const require = createRequire(import.meta.url);

/** The files the renderer needs at run time, as `require.resolve` names them. */
export const CHART_RUNTIME_FILES = [
  '@resvg/resvg-wasm/index_bg.wasm',
  'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
] as const;

let started: Promise<Uint8Array[]> | undefined;

/** Initialises the WebAssembly module once per process; resolves to the fonts. */
function start(): Promise<Uint8Array[]> {
  started ??= (async () => {
    const [wasm, dejaVu] = await Promise.all(
      CHART_RUNTIME_FILES.map((file) => readFile(require.resolve(file))),
    );
    await initWasm(wasm as Buffer);
    return [dejaVu as Buffer, Buffer.from(NOTO_SANS_JP_CHART_TTF_BASE64, 'base64')];
  })();
  // A failed start may be retried by the next call (e.g. a file missing from a bad package).
  started.catch(() => {
    started = undefined;
  });
  return started;
}

export class VegaPngRenderer implements ChartRenderer {
  /** `scale` 2 gives a sharp image on high-density screens. */
  constructor(private readonly scale = 2) {}

  async renderPng(spec: Record<string, unknown>): Promise<Uint8Array> {
    const fonts = await start();
    const view = new View(parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
    try {
      const svg = await view.toSVG();
      const image = new Resvg(svg, {
        font: { fontBuffers: fonts, defaultFontFamily: CHART_FONT_FAMILIES.en, loadSystemFonts: false },
        fitTo: { mode: 'zoom', value: this.scale },
      });
      return image.render().asPng();
    } finally {
      view.finalize();
    }
  }
}
