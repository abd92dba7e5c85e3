/**
 * Perf maps (kiln issue 9, item 3): `/tmp/perf-<pid>.map` names every natively compiled
 * function, in the format `perf report` reads for code generated at run time — one line per
 * function, `START SIZE NAME` with START and SIZE in hex without `0x`. Off by default; the CLI
 * turns it on with `kiln run --perfmap`, an embedder with `enablePerfMap()`.
 */

import { appendFileSync } from 'node:fs';

let path: string | null = null;

/** start writing the perf map of this process (all its threads append to the same file) */
export function enablePerfMap(file = `/tmp/perf-${process.pid}.map`): string {
  path = file;
  return file;
}

/** whether perf maps are being written */
export function perfMapEnabled(): boolean {
  return path !== null;
}

export interface PerfMapEntry {
  readonly start: number;
  readonly size: number;
  readonly name: string;
}

/** append the functions of one loaded module, when perf maps are on */
export function recordPerfMap(entries: readonly PerfMapEntry[]): void {
  if (path === null || entries.length === 0) return;
  // a name goes on one line: control characters (a module's names are arbitrary) become '?'
  const lines = entries.map((e) => `${e.start.toString(16)} ${e.size.toString(16)} wasm:${e.name.replace(/[\u0000-\u001f\u007f]/g, '?')}\n`);
  appendFileSync(path, lines.join(''));
}
