/**
 * The pure part of bench/native.ts: per-workload timings in, ratios, geometric means and the
 * Markdown tables out. Nothing here measures or reads files (test/bench/native-report.test.ts).
 *
 * A missing measurement (an engine that is not registered, a compile error, a trap, a wrong
 * result) is a cell with the reason; it shows as "n/a" and is left out of every mean.
 */

import type { CompileMeasurement, CompileOutcome } from './native-compile.js';
import { geomean, markdownTable } from './lib.js';
import type { WorkloadGroup } from './workloads.js';

export interface Timing {
  /** seconds per run, median and best of the timed runs */
  readonly median: number;
  readonly best: number;
  readonly reps: number;
  /** the kernel's result or the command's output */
  readonly result: string;
}

export type Cell = { readonly timing: Timing } | { readonly missing: string };

export interface SpeedRow {
  readonly group: WorkloadGroup;
  readonly name: string;
  readonly size: number;
  /** engine name → its cell */
  readonly cells: Readonly<Record<string, Cell>>;
}

/** [numerator, denominator] engine pairs shown as ratios (> 1: the numerator is slower) */
export type RatioPair = readonly [string, string];

export const ENGINE_LABELS: Readonly<Record<string, string>> = { native: 'kiln native', v8: 'V8', interp: 'kiln interp' };
export const engineLabel = (e: string): string => ENGINE_LABELS[e] ?? e;
const shortLabel = (e: string): string => (e === 'v8' ? 'V8' : e);
export const ratioLabel = ([a, b]: RatioPair): string => `${shortLabel(a)}/${shortLabel(b)}`;

export const NA = 'n/a';

/** fixed decimals, or n/a for a missing (non-finite) figure */
export const num = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : NA);

export function cellSeconds(cell: Cell | undefined): number {
  return cell !== undefined && 'timing' in cell ? cell.timing.median : NaN;
}

/** median time of engine a over engine b on one row; NaN when either is missing */
export function rowRatio(row: SpeedRow, [a, b]: RatioPair): number {
  return cellSeconds(row.cells[a]) / cellSeconds(row.cells[b]);
}

export interface Summary {
  /** a group, or 'all' */
  readonly group: WorkloadGroup | 'all';
  readonly rows: number;
  /** engine → geometric mean of its times (over the rows it ran) */
  readonly seconds: Readonly<Record<string, number>>;
  /** ratio label → geometric mean of the per-row ratios (over rows where both ran) */
  readonly ratios: Readonly<Record<string, number>>;
  /** ratio label → how many rows that mean is over */
  readonly ratioRows: Readonly<Record<string, number>>;
}

function summary(group: WorkloadGroup | 'all', rows: readonly SpeedRow[], engines: readonly string[], pairs: readonly RatioPair[]): Summary {
  const seconds: Record<string, number> = {};
  for (const e of engines) seconds[e] = geomean(rows.map((r) => cellSeconds(r.cells[e])));
  const ratios: Record<string, number> = {};
  const ratioRows: Record<string, number> = {};
  for (const p of pairs) {
    const xs = rows.map((r) => rowRatio(r, p)).filter((x) => Number.isFinite(x) && x > 0);
    ratios[ratioLabel(p)] = geomean(xs);
    ratioRows[ratioLabel(p)] = xs.length;
  }
  return { group, rows: rows.length, seconds, ratios, ratioRows };
}

/** one summary per group that has rows (in the rows' order), then 'all' when there are several */
export function summarize(rows: readonly SpeedRow[], engines: readonly string[], pairs: readonly RatioPair[]): Summary[] {
  const groups = [...new Set(rows.map((r) => r.group))];
  const out = groups.map((g) => summary(g, rows.filter((r) => r.group === g), engines, pairs));
  if (groups.length > 1) out.push(summary('all', rows, engines, pairs));
  return out;
}

/** a ratio with three significant digits, or n/a */
export const showRatio = (x: number): string => (Number.isFinite(x) && x > 0 ? x.toPrecision(3) : NA);

const showSeconds = (x: number): string => num(x, 4);

/** the speed table: one row per workload, then one geomean row per summary */
export function speedTable(rows: readonly SpeedRow[], engines: readonly string[], pairs: readonly RatioPair[], summaries: readonly Summary[]): string {
  const headers = ['workload', 'group', 'size', ...engines.map((e) => `${engineLabel(e)} s`), ...pairs.map(ratioLabel)];
  const right = headers.map((_, i) => i >= 2);
  const body = rows.map((r) => [
    r.name,
    r.group,
    String(r.size),
    ...engines.map((e) => showSeconds(cellSeconds(r.cells[e]))),
    ...pairs.map((p) => showRatio(rowRatio(r, p))),
  ]);
  for (const s of summaries) {
    body.push([
      `**geomean ${s.group}**`,
      '',
      `${s.rows} rows`,
      ...engines.map((e) => showSeconds(s.seconds[e] ?? NaN)),
      ...pairs.map((p) => showRatio(s.ratios[ratioLabel(p)] ?? NaN)),
    ]);
  }
  return markdownTable(headers, body, right);
}

/** the reasons behind every n/a cell, one line each, engines not run at all said once */
export function missingNotes(rows: readonly SpeedRow[], engines: readonly string[]): string[] {
  const notes: string[] = [];
  for (const e of engines) {
    const reasons = rows.map((r) => r.cells[e]).flatMap((c) => (c !== undefined && 'missing' in c ? [c.missing] : []));
    const first = reasons[0];
    if (first !== undefined && reasons.length === rows.length && reasons.every((x) => x === first)) {
      notes.push(`- ${engineLabel(e)}: ${first}`);
      continue;
    }
    for (const r of rows) {
      const c = r.cells[e];
      if (c !== undefined && 'missing' in c) notes.push(`- ${r.name} on ${engineLabel(e)}: ${c.missing}`);
    }
  }
  return notes;
}

// ---- compile figures --------------------------------------------------------------------

export interface CompileRow {
  readonly name: string;
  readonly kiln: CompileOutcome | null;
  readonly v8: CompileOutcome | null;
}

const measured = (o: CompileOutcome | null): CompileMeasurement | null => (o !== null && !('error' in o) ? o : null);

/** megabytes (10^6 bytes) per second */
export const mbPerSecond = (bytes: number, seconds: number): number => (seconds > 0 ? bytes / 1e6 / seconds : NaN);

export interface CompileTotals {
  readonly modules: number;
  readonly codeBytes: number;
  /** summed median (warm) and first (cold) compile times of the modules kiln compiled */
  readonly kilnSeconds: number;
  readonly kilnMBps: number;
  readonly kilnColdSeconds: number;
  readonly kilnColdMBps: number;
  readonly machineBytes: number;
  /** machine-code bytes per wasm code byte over every module kiln compiled */
  readonly machinePerWasmByte: number;
  readonly v8Seconds: number;
  readonly v8MBps: number;
  /** the largest peak RSS after a cold kiln compile, MiB */
  readonly kilnPeakRssMiB: number;
}

/** sums over the modules each pipeline compiled (throughput = total code / total time) */
export function compileTotals(rows: readonly CompileRow[]): CompileTotals {
  let codeBytes = 0;
  let kilnCode = 0;
  let kilnSeconds = 0;
  let kilnColdSeconds = 0;
  let machineBytes = 0;
  let v8Code = 0;
  let v8Seconds = 0;
  let peak = NaN;
  for (const r of rows) {
    const k = measured(r.kiln);
    const v = measured(r.v8);
    codeBytes += k?.codeBytes ?? v?.codeBytes ?? 0;
    if (k !== null) {
      kilnCode += k.codeBytes;
      kilnSeconds += k.medianSeconds;
      kilnColdSeconds += k.coldSeconds;
      machineBytes += k.machineBytes ?? 0;
      peak = Number.isFinite(peak) ? Math.max(peak, k.rssColdKiB / 1024) : k.rssColdKiB / 1024;
    }
    if (v !== null) {
      v8Code += v.codeBytes;
      v8Seconds += v.medianSeconds;
    }
  }
  return {
    modules: rows.length,
    codeBytes,
    kilnSeconds,
    kilnMBps: kilnCode > 0 ? mbPerSecond(kilnCode, kilnSeconds) : NaN,
    kilnColdSeconds,
    kilnColdMBps: kilnCode > 0 ? mbPerSecond(kilnCode, kilnColdSeconds) : NaN,
    machineBytes,
    machinePerWasmByte: kilnCode > 0 ? machineBytes / kilnCode : NaN,
    v8Seconds,
    v8MBps: v8Code > 0 ? mbPerSecond(v8Code, v8Seconds) : NaN,
    kilnPeakRssMiB: peak,
  };
}

const ms = (s: number | undefined): string => (s !== undefined && Number.isFinite(s) ? num(s * 1000, 1) : NA);
const mib = (kib: number): string => num(kib / 1024, 0);
const rate = (bytes: number, seconds: number | undefined): string => (seconds === undefined ? NA : num(mbPerSecond(bytes, seconds), 2));
const positive = (x: number): number => (x > 0 ? x : NaN);

export const COMPILE_HEADERS: readonly string[] = [
  'module',
  'code KB',
  'funcs',
  'kiln warm ms',
  'kiln warm MB/s',
  'kiln cold ms',
  'kiln cold MB/s',
  'machine B / wasm B',
  'decode+validate ms',
  'kiln peak RSS MiB (+growth)',
  'V8 TurboFan ms',
  'V8 MB/s',
  'V8 peak RSS MiB',
];

export function compileTable(rows: readonly CompileRow[]): string {
  const right = COMPILE_HEADERS.map((_, i) => i > 0);
  const body = rows.map((r) => {
    const k = measured(r.kiln);
    const v = measured(r.v8);
    const code = k?.codeBytes ?? v?.codeBytes ?? NaN;
    const funcs = k?.funcs ?? v?.funcs;
    return [
      r.name,
      num(code / 1000, 1),
      funcs === undefined ? NA : String(funcs),
      ms(k?.medianSeconds),
      rate(code, k?.medianSeconds),
      ms(k?.coldSeconds),
      rate(code, k?.coldSeconds),
      k === null || k.machineBytes === null ? NA : num(k.machineBytes / k.codeBytes, 2),
      ms(k?.loadMedianSeconds ?? undefined),
      k === null ? NA : `${mib(k.rssColdKiB)} (+${mib(k.rssColdKiB - k.rssBeforeKiB)})`,
      ms(v?.medianSeconds),
      rate(code, v?.medianSeconds),
      v === null ? NA : mib(v.rssColdKiB),
    ];
  });
  const t = compileTotals(rows);
  body.push([
    `**total (${t.modules} modules)**`,
    num(t.codeBytes / 1000, 1),
    '',
    ms(positive(t.kilnSeconds)),
    num(t.kilnMBps, 2),
    ms(positive(t.kilnColdSeconds)),
    num(t.kilnColdMBps, 2),
    num(t.machinePerWasmByte, 2),
    '',
    Number.isFinite(t.kilnPeakRssMiB) ? `max ${num(t.kilnPeakRssMiB, 0)}` : NA,
    ms(positive(t.v8Seconds)),
    num(t.v8MBps, 2),
    '',
  ]);
  return markdownTable(COMPILE_HEADERS, body, right);
}

/** the reasons compile figures are missing, one line per pipeline and reason */
export function compileNotes(rows: readonly CompileRow[]): string[] {
  const notes = new Map<string, string[]>();
  for (const r of rows) {
    for (const o of [r.kiln, r.v8]) {
      if (o === null || !('error' in o)) continue;
      const key = `${o.pipeline === 'kiln' ? 'kiln native compile' : 'V8 compile'}: ${o.error}`;
      notes.set(key, [...(notes.get(key) ?? []), r.name]);
    }
  }
  return [...notes].map(([why, names]) => `- ${why} (${names.length === rows.length ? 'every module' : names.join(', ')})`);
}
