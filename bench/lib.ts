/**
 * Shared helpers for kiln's benchmarks (bench/decode.ts, bench/interp.ts, bench/run.ts):
 * locating the repository, wall-clock timing, robust statistics (median / best / geometric
 * mean), command-line flags, external tools, and writing results as JSON + Markdown into
 * bench/results/ without timestamps so that reruns diff only where the numbers moved.
 *
 * Benchmarks are measurements, never pass/fail tests: nothing here asserts a speed.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor of this file holding kiln's package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const parsed: unknown = JSON.parse(readFileSync(pkg, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === 'kiln') return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('bench: cannot find the kiln repository root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** bench/ in the source tree (where corpora, kernels and results live), not dist/bench/. */
export const benchDir = (): string => join(repoRoot(), 'bench');

/** Monotonic wall clock in seconds. */
export const now = (): number => Number(process.hrtime.bigint()) / 1e9;

/** Runs `fn` once and returns its result and the elapsed wall time in seconds. */
export function timed<T>(fn: () => T): { value: T; seconds: number } {
  const t0 = now();
  const value = fn();
  return { value, seconds: now() - t0 };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const best = (xs: readonly number[]): number => (xs.length === 0 ? NaN : Math.min(...xs));

export function geomean(xs: readonly number[]): number {
  const ok = xs.filter((x) => Number.isFinite(x) && x > 0);
  if (ok.length === 0) return NaN;
  return Math.exp(ok.reduce((acc, x) => acc + Math.log(x), 0) / ok.length);
}

/** `--name=value` / `--flag` command-line options. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (m === null) throw new Error(`bench: unexpected argument ${JSON.stringify(arg)} (options look like --name=value)`);
    flags.set(m[1]!, m[2] ?? 'true');
  }
  return flags;
}

export function intFlag(flags: Map<string, string>, name: string, dflt: number): number {
  const v = flags.get(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`bench: --${name} wants a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}

/** Number formatting used in tables: fixed decimals, or '—' for a missing measurement. */
export const fmt = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '—');

/** A Markdown table (also readable as plain text on a terminal). */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], rightAlign: readonly boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (s: string, i: number): string => (rightAlign[i] === true ? s.padStart(widths[i]!) : s.padEnd(widths[i]!));
  const line = (cells: readonly string[]): string => '| ' + cells.map((c, i) => cell(c, i)).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (rightAlign[i] === true ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** The machine, for the results files (stable across reruns on the same machine). */
export function machineInfo(): { cpu: string; cores: number; node: string; platform: string } {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** `tool --version`, or undefined when the tool is not installed. */
export function toolVersion(tool: string): string | undefined {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) return undefined;
  return r.stdout.trim().split('\n')[0];
}

/** Writes bench/results/<name>.json and <name>.md (or into --out=DIR). */
export function writeResults(name: string, json: unknown, markdown: string, outDir?: string): string[] {
  const dir = outDir !== undefined ? resolve(outDir) : join(benchDir(), 'results');
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, `${name}.json`);
  const mdPath = join(dir, `${name}.md`);
  writeFileSync(jsonPath, JSON.stringify(json, null, 2) + '\n');
  writeFileSync(mdPath, markdown.endsWith('\n') ? markdown : markdown + '\n');
  return [jsonPath, mdPath];
}

/** The markdown results page: a title, lines describing the run, the table, what was not measured. */
export function markdownReport(title: string, about: readonly string[], table: string, notMeasured: readonly string[]): string {
  return [
    `# ${title}`,
    '',
    ...about,
    '',
    table,
    ...(notMeasured.length > 0 ? ['', 'Not measured:', ...notMeasured] : []),
    '',
  ].join('\n');
}

/** Rounds for the JSON results: enough digits to be useful, few enough to diff well. */
export const round = (x: number, digits: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

/** Message of any thrown value, for "engine unavailable" notes. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/** True when the module with this `import.meta.url` is the script node was started with. */
export const isMain = (metaUrl: string): boolean => process.argv[1] !== undefined && fileURLToPath(metaUrl) === resolve(process.argv[1]);
