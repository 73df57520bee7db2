/** Turns a chart spec into a PNG. One real implementation: `src/adapters/chart/`. */
export interface ChartRenderer {
  /** Resolves to PNG bytes; rejects when the chart cannot be made (the report then goes out without it). */
  renderPng(spec: Record<string, unknown>): Promise<Uint8Array>;
}
