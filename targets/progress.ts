/**
 * Throttled progress reports for long compiles: a caller counts finished functions, and the
 * report callback hears of it at most once per ~1 % of the total and per 100 ms (whichever is
 * rarer), plus once when the count reaches the total. So a terminal line is redrawn at most
 * ten times a second and at most about a hundred times in all, whatever the module's size.
 */

export type ProgressCallback = (done: number, total: number) => void;

/** the least time between two reports, in milliseconds */
export const PROGRESS_INTERVAL_MS = 100;

export class ProgressThrottle {
  private lastDone = 0;
  private lastTime: number;
  private readonly step: number;

  constructor(
    private readonly total: number,
    private readonly report: ProgressCallback,
  ) {
    this.step = Math.max(1, Math.ceil(total / 100));
    this.lastTime = performance.now();
  }

  /** `done` functions are finished (never fewer than at the previous call) */
  update(done: number): void {
    if (done === this.lastDone) return;
    if (done < this.total) {
      if (done - this.lastDone < this.step) return;
      const t = performance.now();
      if (t - this.lastTime < PROGRESS_INTERVAL_MS) return;
      this.lastTime = t;
    }
    this.lastDone = done;
    this.report(done, this.total);
  }
}
