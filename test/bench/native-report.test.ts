/**
 * The pure parts of bench/native.ts: ratios, geometric means (missing cells left out),
 * the n/a cells and notes, the compile totals and tables; plus the wasm helpers of
 * bench/native-compile.ts and the parsers of bench/workloads.ts.
 */

import { describe, expect, it } from 'vitest';
import { scanSections } from '../../formats/wasm/section-scan.js';
import { codeSectionBytes, countDefinedFunctions, withCustomSection, type CompileMeasurement } from '../../bench/native-compile.js';
import {
  NA,
  compileNotes,
  compileTable,
  compileTotals,
  mbPerSecond,
  missingNotes,
  rowRatio,
  showRatio,
  speedTable,
  summarize,
  type Cell,
  type RatioPair,
  type SpeedRow,
} from '../../bench/native-report.js';
import { expectedLine, parseExpected, parseProgramList } from '../../bench/workloads.js';

const t = (median: number): Cell => ({ timing: { median, best: median, reps: 3, result: 'r' } });
const gone = (why: string): Cell => ({ missing: why });
const ENGINES = ['native', 'v8', 'interp'];
const PAIRS: RatioPair[] = [
  ['native', 'v8'],
  ['interp', 'v8'],
];

const rows: SpeedRow[] = [
  { group: 'kernel', name: 'a', size: 1, cells: { native: t(2), v8: t(1), interp: t(4) } },
  { group: 'kernel', name: 'b', size: 2, cells: { native: t(8), v8: t(2), interp: t(2) } },
  { group: 'program', name: 'c', size: 3, cells: { native: gone('trap: unreachable'), v8: t(0.5), interp: t(1) } },
];

describe('speed summary', () => {
  it('a row ratio is numerator time over denominator time, NaN when one is missing', () => {
    expect(rowRatio(rows[0]!, ['native', 'v8'])).toBe(2);
    expect(rowRatio(rows[1]!, ['interp', 'v8'])).toBe(1);
    expect(rowRatio(rows[2]!, ['native', 'v8'])).toBeNaN();
  });

  it('geometric means per group and over all rows, leaving missing cells out', () => {
    const [kernel, program, all] = summarize(rows, ENGINES, PAIRS);
    expect(kernel!.group).toBe('kernel');
    expect(kernel!.seconds['native']).toBeCloseTo(4, 12); // sqrt(2 * 8)
    expect(kernel!.ratios['native/V8']).toBeCloseTo(Math.sqrt(2 * 4), 12);
    expect(kernel!.ratios['interp/V8']).toBeCloseTo(Math.sqrt(4 * 1), 12);
    expect(program!.seconds['native']).toBeNaN();
    expect(program!.ratioRows['native/V8']).toBe(0);
    expect(all!.group).toBe('all');
    expect(all!.rows).toBe(3);
    expect(all!.ratioRows['native/V8']).toBe(2);
    expect(all!.ratios['interp/V8']).toBeCloseTo(Math.cbrt(4 * 1 * 2), 12);
    expect(all!.seconds['v8']).toBeCloseTo(Math.cbrt(1 * 2 * 0.5), 12);
  });

  it('one group gives no "all" line', () => {
    expect(summarize(rows.slice(0, 2), ENGINES, PAIRS).map((s) => s.group)).toEqual(['kernel']);
  });

  it('the table shows n/a for a missing cell and its ratios, and a geomean row per summary', () => {
    const table = speedTable(rows, ENGINES, PAIRS, summarize(rows, ENGINES, PAIRS));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^\| workload +\| group +\| +size \| kiln native s \| +V8 s \| kiln interp s \| native\/V8 \| interp\/V8 \|$/);
    expect(lines).toHaveLength(2 + 3 + 3);
    const c = lines[4]!.split('|').map((x) => x.trim());
    expect(c.slice(1, -1)).toEqual(['c', 'program', '3', NA, '0.5000', '1.0000', NA, '2.00']);
    expect(lines[7]).toContain('**geomean all**');
    expect(lines[7]).toContain('3 rows');
  });

  it('ratios print with three significant digits', () => {
    expect(showRatio(2.71828)).toBe('2.72');
    expect(showRatio(0.012345)).toBe('0.0123');
    expect(showRatio(NaN)).toBe(NA);
    expect(showRatio(0)).toBe(NA);
  });

  it('an engine missing everywhere for one reason is one note; other misses are one note each', () => {
    const r: SpeedRow[] = rows.map((row) => ({ ...row, cells: { ...row.cells, native: gone('unknown engine "native"') } }));
    expect(missingNotes(r, ENGINES)).toEqual(['- kiln native: unknown engine "native"']);
    expect(missingNotes(rows, ENGINES)).toEqual(['- c on kiln native: trap: unreachable']);
  });
});

const m = (over: Partial<CompileMeasurement>): CompileMeasurement => ({
  pipeline: 'kiln',
  codeBytes: 1_000_000,
  funcs: 10,
  machineBytes: 3_000_000,
  coldSeconds: 4,
  warmupCompiles: 2,
  medianSeconds: 2,
  bestSeconds: 1.5,
  timedReps: 3,
  loadMedianSeconds: 0.01,
  rssBeforeKiB: 50 * 1024,
  rssColdKiB: 150 * 1024,
  rssPeakKiB: 170 * 1024,
  ...over,
});

describe('compile figures', () => {
  const compileRows = [
    { name: 'big', kiln: m({}), v8: m({ pipeline: 'v8', machineBytes: null, medianSeconds: 0.5, loadMedianSeconds: null }) },
    { name: 'small', kiln: m({ codeBytes: 500_000, machineBytes: 1_000_000, medianSeconds: 1, coldSeconds: 2, rssColdKiB: 200 * 1024 }), v8: { pipeline: 'v8' as const, error: 'boom' } },
    { name: 'none', kiln: { pipeline: 'kiln' as const, error: 'not available' }, v8: { pipeline: 'v8' as const, error: 'boom' } },
  ];

  it('MB/s is 10^6 bytes per second', () => {
    expect(mbPerSecond(2_500_000, 0.5)).toBe(5);
    expect(mbPerSecond(1, 0)).toBeNaN();
  });

  it('totals divide summed code by summed warm (and cold) time; machine bytes per wasm byte over what kiln compiled', () => {
    const tot = compileTotals(compileRows);
    expect(tot.modules).toBe(3);
    expect(tot.kilnMBps).toBeCloseTo(1.5 / 3, 12);
    expect(tot.kilnColdMBps).toBeCloseTo(1.5 / 6, 12);
    expect(tot.machinePerWasmByte).toBeCloseTo(4 / 1.5, 12);
    expect(tot.v8MBps).toBeCloseTo(2, 12);
    expect(tot.kilnPeakRssMiB).toBe(200);
  });

  it('the table: per-module rates, RSS growth, n/a where a pipeline failed, and a total row', () => {
    const lines = compileTable(compileRows).split('\n');
    const cells = (i: number): string[] => lines[i]!.split('|').map((x) => x.trim()).slice(1, -1);
    expect(lines[0]).toContain('| kiln warm ms | kiln warm MB/s | kiln cold ms | kiln cold MB/s |');
    expect(cells(2)).toEqual(['big', '1000.0', '10', '2000.0', '0.50', '4000.0', '0.25', '3.00', '10.0', '150 (+100)', '500.0', '2.00', '150']);
    expect(cells(3).slice(3, 13)).toEqual(['1000.0', '0.50', '2000.0', '0.25', '2.00', '10.0', '200 (+150)', NA, NA, NA]);
    expect(cells(4).slice(3, 10)).toEqual([NA, NA, NA, NA, NA, NA, NA]);
    expect(cells(5)[0]).toBe('**total (3 modules)**');
    expect(cells(5).slice(3, 8)).toEqual(['3000.0', '0.50', '6000.0', '0.25', '2.67']);
    expect(cells(5)[9]).toBe('max 200');
  });

  it('notes group modules by pipeline and reason', () => {
    expect(compileNotes(compileRows)).toEqual(['- V8 compile: boom (small, none)', '- kiln native compile: not available (none)']);
  });
});

describe('wasm helpers', () => {
  // (module (func) (func)): type section, function section, code section with two empty bodies
  const module = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 3, 2, 0, 0, 10, 7, 2, 2, 0, 0x0b, 2, 0, 0x0b]);

  it('measures the code section and counts defined functions', () => {
    expect(WebAssembly.validate(module)).toBe(true);
    expect(codeSectionBytes(module)).toBe(7);
    expect(countDefinedFunctions(module)).toBe(2);
    expect(codeSectionBytes(module.subarray(0, 8))).toBe(0);
  });

  it('appends a custom section: still valid, different bytes, same code', () => {
    const a = withCustomSection(module, 'kiln-bench-1');
    const b = withCustomSection(module, 'kiln-bench-2');
    expect(WebAssembly.validate(a)).toBe(true);
    expect(Buffer.compare(a, b)).not.toBe(0);
    expect(scanSections(a).at(-1)).toMatchObject({ id: 0, name: 'kiln-bench-1', size: 13 });
    expect(codeSectionBytes(a)).toBe(7);
  });
});

describe('program list and expectations', () => {
  it('parses programs.txt lines and rejects malformed ones with the line number', () => {
    expect(parseProgramList('# c\n\ngemm 64 400\n  lu  8 9 \n')).toEqual([
      { name: 'gemm', testSize: 64, benchSize: 400 },
      { name: 'lu', testSize: 8, benchSize: 9 },
    ]);
    expect(() => parseProgramList('gemm 64\n')).toThrow(/line 1: expected "program test-size bench-size"/);
    expect(() => parseProgramList('# x\ngemm 0 4\n')).toThrow(/line 2/);
    expect(() => parseProgramList('gemm 1 4 5\n')).toThrow(/line 1/);
  });

  it('parses expected.txt and names the rebuild when a line is missing', () => {
    const e = parseExpected('# generated\ngemm n=64 checksum 0123456789abcdef\n');
    expect(expectedLine(e, 'gemm', 64)).toBe('gemm n=64 checksum 0123456789abcdef');
    expect(() => expectedLine(e, 'gemm', 65)).toThrow(/no line for gemm n=65; rebuild: npx zx bench\/programs\/build.mjs/);
    expect(() => parseExpected('gemm n=64 checksum xyz\n')).toThrow(/line 1: not an output line/);
  });
});
