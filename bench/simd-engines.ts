/**
 * How bench/simd.ts runs one build of one kernel on one engine, and times it.
 *
 *   v8      Node's own WebAssembly (TurboFan only: bench/simd.ts runs under --no-liftoff)
 *   native  kiln's native engine (engine "native" of cli/engines.ts, as bench/native.ts uses it)
 *   interp  kiln's interpreter (engine "interp")
 *
 * kiln is reached through bench/kiln.ts, imported dynamically so that V8 is still measured
 * when kiln cannot be loaded. A module an engine refuses as `unsupported` (the native
 * compiler on v128 until issue 13 lands) is a cell with the reason, not a failure.
 *
 * Timing: each build is compiled and instantiated once (untimed). First a probe call,
 * run(n / PROBE_DIVISOR), which also compiles (V8 compiles on first call) or translates (the
 * interpreter) the code. Calls it predicts to take over LONG_CALL_SECONDS get no warm-up at
 * full size: the interpreter on a SIMD build takes tens of seconds a call, and V8 optimising
 * the code it runs is a negligible part of such a call. Otherwise: at least `warmup` calls (one
 * over LONG_CALL_SECONDS ends the warm-up), more (≤ MAX_WARMUP) while a call is over 10 %
 * faster than the one before. Then at least `reps` timed calls, more (≤ MAX_REPS) until
 * MIN_MEASURED_SECONDS were measured, the builds of one engine taking turns. Every call at
 * size n must return the same checksum.
 */

import { best, errorText, median, now } from './lib.js';

export type EngineName = 'v8' | 'native' | 'interp';
export const ENGINES: readonly EngineName[] = ['v8', 'native', 'interp'];

export const MIN_MEASURED_SECONDS = 0.5;
export const MAX_REPS = 50;
export const MAX_WARMUP = 20;
export const LONG_CALL_SECONDS = 2;
export const PROBE_DIVISOR = 100;

export interface Timing {
  readonly median: number;
  readonly best: number;
  readonly reps: number;
  /** run(n)'s checksum as a signed i32 */
  readonly result: number;
}

/** a measurement, or why there is none (`unsupported`: the engine refused the module as such) */
export type Cell = { readonly timing: Timing } | { readonly missing: string; readonly unsupported: boolean };

/** run(n) of one instance, returning a signed i32 */
export type RunFn = (n: number) => number;

/** a KilnError('unsupported', …) */
function isUnsupported(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'kind' in e && (e as { kind: unknown }).kind === 'unsupported';
}

async function prepareKiln(engine: EngineName, bytes: Uint8Array<ArrayBuffer>): Promise<RunFn> {
  const kiln = await import('./kiln.js');
  const compiled = kiln.compileOn(engine, bytes);
  // an engine that quietly handed the module to another would be timing the wrong thing
  if (compiled.engine !== engine) throw new Error(`engine ${engine} compiled the module on engine ${compiled.engine}`);
  const f = kiln.exportOf(engine, compiled, 'run');
  return (n) => {
    const r = f.callRaw([n])[0];
    if (typeof r !== 'number') throw new Error(`run returned ${typeof r}, not an i32`);
    return r | 0;
  };
}

function prepareV8(bytes: Uint8Array<ArrayBuffer>): RunFn {
  const run = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports['run'];
  if (typeof run !== 'function') throw new Error('the module exports no function run');
  return (n) => {
    const r: unknown = run(n);
    if (typeof r !== 'number') throw new Error(`run returned ${typeof r}, not an i32`);
    return r | 0;
  };
}

/** compiles and instantiates `bytes` on `engine`: its run(n), or the reason it cannot run */
export async function prepare(engine: EngineName, bytes: Uint8Array<ArrayBuffer>): Promise<RunFn | { missing: string; unsupported: boolean }> {
  try {
    return engine === 'v8' ? prepareV8(bytes) : await prepareKiln(engine, bytes);
  } catch (e) {
    return isUnsupported(e) ? { missing: `not supported (${errorText(e)})`, unsupported: true } : { missing: errorText(e), unsupported: false };
  }
}

export interface MeasureOptions {
  readonly reps: number;
  readonly warmup: number;
}

/** one build's calls at size n: its times and the checksum every call must return */
class Series {
  readonly times: number[] = [];
  total = 0;
  private result: number | undefined;

  constructor(
    private readonly run: RunFn,
    private readonly n: number,
  ) {}

  /** one call of run(n): its seconds */
  call(): number {
    const t0 = now();
    const r = this.run(this.n);
    const t = now() - t0;
    if (this.result !== undefined && r !== this.result) throw new Error(`run(${this.n}) returned ${this.result}, then ${r}`);
    this.result = r;
    return t;
  }

  /** the probe, then the warm-up calls (see the file header) */
  warm(warmup: number): void {
    const probeN = Math.max(1, Math.round(this.n / PROBE_DIVISOR));
    const t0 = now();
    this.run(probeN);
    const predicted = ((now() - t0) * this.n) / probeN;
    let last = Infinity;
    for (let i = 0; i < MAX_WARMUP && warmup > 0 && predicted <= LONG_CALL_SECONDS; i++) {
      const t = this.call();
      if (t > LONG_CALL_SECONDS || (i >= warmup - 1 && t > last * 0.9)) break;
      last = t;
    }
  }

  wantsMore(reps: number): boolean {
    return this.times.length < reps || (this.total < MIN_MEASURED_SECONDS && this.times.length < MAX_REPS);
  }

  timed(): void {
    const t = this.call();
    this.times.push(t);
    this.total += t;
  }

  timing(): Timing {
    return { median: median(this.times), best: best(this.times), reps: this.times.length, result: this.result ?? 0 };
  }
}

/**
 * Warms up every run, then times them in turn (one call of each that still wants more, round
 * after round), so that a change in the machine's load hits every build alike and the
 * SIMD/scalar speed-up of one engine stays fair on a shared machine. A run that throws is a
 * missing cell; the others are still timed.
 */
export function measureAlternating(runs: readonly RunFn[], n: number, o: MeasureOptions): Cell[] {
  const series = runs.map((run) => new Series(run, n));
  const failed = new Map<number, string>();
  const guard = (i: number, f: () => void): void => {
    try {
      f();
    } catch (e) {
      failed.set(i, errorText(e));
    }
  };
  series.forEach((s, i) => guard(i, () => s.warm(o.warmup)));
  for (;;) {
    const due = series.map((s, i) => i).filter((i) => !failed.has(i) && series[i]!.wantsMore(o.reps));
    if (due.length === 0) break;
    for (const i of due) guard(i, () => series[i]!.timed());
  }
  return series.map((s, i) => {
    const why = failed.get(i);
    return why !== undefined ? { missing: why, unsupported: false } : { timing: s.timing() };
  });
}

/** prepares every build on one engine and times those that could be prepared, alternately */
export async function measureEngine(engine: EngineName, builds: readonly Uint8Array<ArrayBuffer>[], n: number, o: MeasureOptions): Promise<Cell[]> {
  const prepared = await Promise.all(builds.map((bytes) => prepare(engine, bytes)));
  const runs = prepared.filter((p): p is RunFn => typeof p === 'function');
  const timed = measureAlternating(runs, n, o);
  let next = 0;
  return prepared.map((p) => (typeof p === 'function' ? timed[next++]! : p));
}
