/** Simulated time: actions run one at a time in the order of their times (ties in the order added). */
export class Agenda {
  private readonly items: { at: number; seq: number; run: () => Promise<void> }[] = [];
  private seq = 0;

  add(at: number, run: () => Promise<void>): void {
    const item = { at, seq: this.seq++, run };
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = this.items[middle] as (typeof this.items)[number];
      if (other.at < at || (other.at === at && other.seq < item.seq)) low = middle + 1;
      else high = middle;
    }
    this.items.splice(low, 0, item);
  }

  /** Runs everything, including what actions add while running; `before` sets the clock to each time. */
  async runAll(before: (at: number) => void): Promise<void> {
    for (let item = this.items.shift(); item !== undefined; item = this.items.shift()) {
      before(item.at);
      await item.run();
    }
  }
}
