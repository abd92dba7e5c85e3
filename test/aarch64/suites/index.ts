/**
 * The suites `dist/test/aarch64/run.js` knows, by name, each loaded only when run (one qemu
 * process runs one suite, so a suite's imports cost nothing to the others). Adding a suite is
 * one line here and its module in this folder exporting `suite`.
 */

import type { Suite } from '../check.js';

export const SUITES: Readonly<Record<string, () => Promise<Suite>>> = {
  smoke: async () => (await import('./smoke.js')).suite,
  interp: async () => (await import('./interp.js')).suite,
  runtime: async () => (await import('./runtime.js')).suite,
  engine: async () => (await import('./engine.js')).suite,
  spec: async () => (await import('./spec.js')).suite,
  differential: async () => (await import('./differential.js')).suite,
  cross: async () => (await import('./cross.js')).suite,
  programs: async () => (await import('./programs.js')).suite,
  v128: async () => (await import('./v128.js')).suite,
};

/**
 * Suites run as several qemu processes, each on its share (KILN_AARCH64_SLICE=k/n, `slice()`):
 * under qemu-user every 8 GiB guard-page reservation costs the emulator about 40 MB of its own
 * page tracking, and instances are never freed (docs/native.md, "What is left"), so one
 * process for all the spec modules or all the random modules would need tens of GB.
 */
export const SLICES: Readonly<Record<string, number>> = { spec: 4, differential: 12 };

/** this process's share of a sliced suite: [k, n) from KILN_AARCH64_SLICE=k/n (default 0/1) */
export function slice(): { readonly k: number; readonly n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(process.env['KILN_AARCH64_SLICE'] ?? '0/1');
  const k = Number(m?.[1] ?? 0);
  const n = Number(m?.[2] ?? 1);
  if (m === null || n < 1 || k >= n) throw new Error(`KILN_AARCH64_SLICE must be k/n with 0 <= k < n, got "${process.env['KILN_AARCH64_SLICE']}"`);
  return { k, n };
}

/** the items of this process's share: [k·len/n, (k+1)·len/n) */
export function share<T>(items: readonly T[]): T[] {
  const { k, n } = slice();
  return items.slice(Math.floor((k * items.length) / n), Math.floor(((k + 1) * items.length) / n));
}
