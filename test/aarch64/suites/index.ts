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
  spec: async () => (await import('./spec.js')).suite,
  differential: async () => (await import('./differential.js')).suite,
  cross: async () => (await import('./cross.js')).suite,
  programs: async () => (await import('./programs.js')).suite,
};
