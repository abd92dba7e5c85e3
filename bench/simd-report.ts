/**
 * The pure part of bench/simd.ts: per-kernel cells (engine × build) in; checksum agreement,
 * SIMD/scalar speed-ups, kiln/V8 ratios, issue 13's two bars and the Markdown tables out.
 * Nothing here measures or reads files.
 *
 * Issue 13's bars: the geometric mean of kiln native / V8 over the SIMD builds ≤ 1.3, and on
 * every kernel where V8's SIMD build is ≥ 2× faster than its scalar build, kiln native's
 * SIMD build ≥ 2× faster than its scalar build too. A missing cell leaves its kernel out of
 * every mean; a bar with nothing to judge reads "not measured".
 */

import { fmt, geomean, markdownTable, round } from './lib.js';
import { BUILDS, type Build } from './simd-kernels.js';
import { ENGINES, type Cell, type EngineName } from './simd-engines.js';

export const GAIN_BAR = 2;
export const RATIO_BAR = 1.3;

export type CellKey = `${EngineName}/${Build}`;
export const cellKey = (e: EngineName, b: Build): CellKey => `${e}/${b}`;

export interface KernelRow {
  readonly name: string;
  readonly size: number;
  /** v128 instructions inside the loops of the hot functions of the SIMD build (null: not scanned) */
  readonly hotLoopSimd: number | null;
  readonly cells: Partial<Record<CellKey, Cell>>;
}

const LABELS: Readonly<Record<EngineName, string>> = { v8: 'V8', native: 'kiln native', interp: 'kiln interp' };

export const seconds = (c: Cell | undefined): number => (c !== undefined && 'timing' in c ? c.timing.median : NaN);
const at = (r: KernelRow, e: EngineName, b: Build): number => seconds(r.cells[cellKey(e, b)]);

/** scalar time / SIMD time on one engine (> 1: the SIMD build is faster) */
export const gain = (r: KernelRow, e: EngineName): number => at(r, e, 'scalar') / at(r, e, 'simd');
/** kiln native / V8 on one build (> 1: kiln is slower) */
export const nativeOverV8 = (r: KernelRow, b: Build): number => at(r, 'native', b) / at(r, 'v8', b);

/**
 * Every measured cell must return the V8 SIMD build's checksum (or, without it, the first
 * measured one's); a cell that does not becomes missing. Returns how many were wrong.
 */
export function checkChecksums(cells: Partial<Record<CellKey, Cell>>): number {
  const measured = (Object.entries(cells) as [CellKey, Cell][]).filter((kc): kc is [CellKey, { timing: { result: number } } & Cell] => 'timing' in kc[1]);
  const ref = cells['v8/simd'];
  const want = ref !== undefined && 'timing' in ref ? ref.timing.result : measured[0]?.[1].timing.result;
  let wrong = 0;
  for (const [key, c] of measured) {
    if (c.timing.result === want) continue;
    cells[key] = { missing: `WRONG CHECKSUM ${c.timing.result}, expected ${want ?? '?'}`, unsupported: false };
    wrong++;
  }
  return wrong;
}

export type BarVerdict = 'met' | 'missed' | 'not measured';

export interface SimdSummary {
  /** kernels where V8's SIMD build is at least GAIN_BAR× faster than its scalar build */
  readonly v8Gains: readonly string[];
  /** geometric mean of kiln native / V8, per build, and how many kernels it covers */
  readonly nativeOverV8: Readonly<Record<Build, { readonly mean: number; readonly kernels: number }>>;
  /** geometric mean of the SIMD/scalar speed-up per engine */
  readonly gains: Readonly<Record<EngineName, number>>;
  readonly ratioBar: BarVerdict;
  /** per kernel of v8Gains: kiln native's speed-up (NaN: not measured) */
  readonly nativeGainsWhereV8Gains: Readonly<Record<string, number>>;
  readonly gainBar: BarVerdict;
}

export function summarize(rows: readonly KernelRow[]): SimdSummary {
  const v8Gains = rows.filter((r) => gain(r, 'v8') >= GAIN_BAR).map((r) => r.name);
  const mean = (b: Build): { mean: number; kernels: number } => {
    const xs = rows.map((r) => nativeOverV8(r, b)).filter((x) => Number.isFinite(x) && x > 0);
    return { mean: geomean(xs), kernels: xs.length };
  };
  const nativeOverV8Means = { simd: mean('simd'), scalar: mean('scalar') };
  const gains = Object.fromEntries(ENGINES.map((e) => [e, geomean(rows.map((r) => gain(r, e)))])) as Record<EngineName, number>;
  const simdMean = nativeOverV8Means.simd;
  // the ratio bar is judged only when every kernel has both figures
  const ratioBar: BarVerdict = simdMean.kernels < rows.length || rows.length === 0 ? 'not measured' : simdMean.mean <= RATIO_BAR ? 'met' : 'missed';
  const nativeGains = Object.fromEntries(rows.filter((r) => v8Gains.includes(r.name)).map((r) => [r.name, gain(r, 'native')]));
  const judged = Object.values(nativeGains);
  const gainBar: BarVerdict = judged.length === 0 || judged.some((x) => !Number.isFinite(x)) ? 'not measured' : judged.every((x) => x >= GAIN_BAR) ? 'met' : 'missed';
  return { v8Gains, nativeOverV8: nativeOverV8Means, gains, ratioBar, nativeGainsWhereV8Gains: nativeGains, gainBar };
}

const NA = 'n/a';
const secs = (x: number): string => (Number.isFinite(x) ? fmt(x, x >= 10 ? 2 : 4) : NA);
const ratio = (x: number): string => (Number.isFinite(x) ? fmt(x, x >= 100 ? 0 : x >= 10 ? 1 : x >= 0.1 ? 2 : 3) : NA);

function cellText(c: Cell | undefined): string {
  if (c === undefined) return 'not run';
  if ('timing' in c) return secs(c.timing.median);
  return c.unsupported ? 'not supported' : NA;
}

/** seconds per run(n) call: one column per engine and build */
export function timesTable(rows: readonly KernelRow[], engines: readonly EngineName[]): string {
  const keys = engines.flatMap((e) => BUILDS.map((b) => cellKey(e, b)));
  const headers = ['kernel', 'n', ...engines.flatMap((e) => BUILDS.map((b) => `${LABELS[e]} ${b === 'simd' ? 'SIMD' : 'scalar'} s`))];
  const body = rows.map((r) => [r.name, String(r.size), ...keys.map((k) => cellText(r.cells[k]))]);
  return markdownTable(headers, body, headers.map((_, i) => i > 0));
}

/** SIMD/scalar speed-ups per engine, kiln native / V8 per build, issue 13's per-kernel verdict */
export function ratioTable(rows: readonly KernelRow[], engines: readonly EngineName[], s: SimdSummary): string {
  const withNative = engines.includes('native') && engines.includes('v8');
  const headers = [
    'kernel',
    'v128 in hot loops',
    ...engines.map((e) => `${LABELS[e]} SIMD gain`),
    ...(withNative ? ['native/V8 SIMD', 'native/V8 scalar'] : []),
    `V8 gains ≥${GAIN_BAR}×`,
    ...(withNative ? [`kiln gains ≥${GAIN_BAR}× there`] : []),
  ];
  const verdict = (r: KernelRow): string => {
    if (gain(r, 'v8') < GAIN_BAR) return '—';
    const g = gain(r, 'native');
    return Number.isFinite(g) ? (g >= GAIN_BAR ? 'yes' : 'NO') : 'not measured';
  };
  const body = rows.map((r) => [
    r.name,
    r.hotLoopSimd === null ? NA : String(r.hotLoopSimd),
    ...engines.map((e) => ratio(gain(r, e))),
    ...(withNative ? [ratio(nativeOverV8(r, 'simd')), ratio(nativeOverV8(r, 'scalar'))] : []),
    gain(r, 'v8') >= GAIN_BAR ? 'yes' : Number.isFinite(gain(r, 'v8')) ? 'no' : NA,
    ...(withNative ? [verdict(r)] : []),
  ]);
  const mean = [
    '**geomean**',
    '',
    ...engines.map((e) => ratio(s.gains[e])),
    ...(withNative ? [ratio(s.nativeOverV8.simd.mean), ratio(s.nativeOverV8.scalar.mean)] : []),
    `${s.v8Gains.length} of ${rows.length}`,
    ...(withNative ? [s.gainBar] : []),
  ];
  return markdownTable(headers, [...body, mean], headers.map((_, i) => i > 0));
}

/** the lines stating issue 13's bars */
export function barLines(s: SimdSummary, kernels: number): string[] {
  const simd = s.nativeOverV8.simd;
  const scalar = s.nativeOverV8.scalar;
  const gains = Object.entries(s.nativeGainsWhereV8Gains).map(([k, g]) => `${k} ${Number.isFinite(g) ? ratio(g) + '×' : 'not measured'}`);
  return [
    `V8's SIMD build is ≥ ${GAIN_BAR}× faster than its scalar build on ${s.v8Gains.length} of ${kernels} kernels: ${s.v8Gains.join(', ') || 'none'} (issue 13 wants at least two).`,
    `Bar 1, kiln native / V8 on the SIMD builds, geometric mean ≤ ${RATIO_BAR}: **${s.ratioBar}**` +
      (simd.kernels > 0 ? ` (${ratio(simd.mean)} over ${simd.kernels} of ${kernels} kernels).` : ' (kiln native ran no SIMD build).'),
    `Bar 2, kiln native's SIMD build ≥ ${GAIN_BAR}× faster than its scalar build wherever V8's is: **${s.gainBar}**${gains.length > 0 ? ` (${gains.join(', ')})` : ''}.`,
    `For comparison, kiln native / V8 on the scalar builds: ${scalar.kernels > 0 ? `geometric mean ${ratio(scalar.mean)} over ${scalar.kernels} kernels` : 'not measured'}.`,
  ];
}

function cellJson(c: Cell | undefined): unknown {
  if (c === undefined) return { error: 'not run' };
  if ('missing' in c) return { error: c.missing, unsupported: c.unsupported };
  return { medianSeconds: round(c.timing.median, 5), bestSeconds: round(c.timing.best, 5), reps: c.timing.reps, checksum: c.timing.result };
}

/** the kernels and the summary for the JSON results */
export function resultsJson(rows: readonly KernelRow[], engines: readonly EngineName[], s: SimdSummary): Record<string, unknown> {
  return {
    kernels: rows.map((r) => ({
      name: r.name,
      size: r.size,
      hotLoopSimd: r.hotLoopSimd,
      cells: Object.fromEntries(engines.flatMap((e) => BUILDS.map((b) => [cellKey(e, b), cellJson(r.cells[cellKey(e, b)])]))),
      simdGain: Object.fromEntries(engines.map((e) => [e, round(gain(r, e), 3)])),
      nativeOverV8: { simd: round(nativeOverV8(r, 'simd'), 3), scalar: round(nativeOverV8(r, 'scalar'), 3) },
      v8Gains2x: gain(r, 'v8') >= GAIN_BAR,
    })),
    summary: {
      v8Gains2x: s.v8Gains,
      simdGainGeomean: Object.fromEntries(engines.map((e) => [e, round(s.gains[e], 3)])),
      nativeOverV8Geomean: {
        simd: { mean: round(s.nativeOverV8.simd.mean, 3), kernels: s.nativeOverV8.simd.kernels },
        scalar: { mean: round(s.nativeOverV8.scalar.mean, 3), kernels: s.nativeOverV8.scalar.kernels },
      },
      bars: {
        nativeOverV8SimdGeomeanAtMost1_3: s.ratioBar,
        nativeSimdGain2xWhereV8Gains2x: s.gainBar,
        nativeGainsWhereV8Gains: Object.fromEntries(Object.entries(s.nativeGainsWhereV8Gains).map(([k, g]) => [k, round(g, 3)])),
      },
    },
  };
}
