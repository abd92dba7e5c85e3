/**
 * Test support: the scripts of the Wasm 2.0 testsuite, parsed; their modules as a flat list
 * (every module a script defines or asserts about, with where it comes from); and a
 * structural diff for comparing decoded modules (formats/wasm/types.ts) while ignoring
 * binary positions.
 */

import type { Command, ModuleSource, Script } from '../../formats/wat/script-types.js';
import { parseWast } from '../../formats/wat/script.js';
import { baseName, readWast, wastFiles } from './testsuite.js';

export interface ParsedScript {
  file: string;
  script: Script | null;
  /** why the script did not parse */
  error: unknown;
}

/**
 * One testsuite script, parsed (or with its parse error). Not cached: a parsed script is
 * large, and holding the whole parsed testsuite for the rest of a test file makes every
 * later garbage collection slower; callers that need a script twice keep it themselves.
 */
export function loadScript(path: string): ParsedScript {
  const file = baseName(path);
  try {
    return { file, script: parseWast(readWast(path), file), error: null };
  } catch (e) {
    return { file, script: null, error: e };
  }
}

/** Every testsuite script, parsed (or with its parse error), in file name order. */
export function parsedScripts(paths: readonly string[] = wastFiles()): ParsedScript[] {
  return paths.map(loadScript);
}

export interface CorpusModule {
  file: string;
  line: number;
  command: Command['kind'];
  source: ModuleSource;
}

/** The modules of a script, from every command that carries one (including assert_malformed). */
export function scriptModules(script: Script): CorpusModule[] {
  const out: CorpusModule[] = [];
  for (const c of script.commands) {
    if ('source' in c) out.push({ file: script.file, line: c.line, command: c.kind, source: c.source });
  }
  return out;
}

/**
 * The first difference between two values, as a path and a description, or null when they
 * are structurally equal. Numeric `offset` and `size` fields (binary positions of
 * instructions and code bodies) are ignored.
 */
export function structuralDiff(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b) return `${path}: ${typeof a} vs ${typeof b}`;
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) ? null : `${path}: ${a} vs ${b}`;
  if (typeof a !== 'object' || a === null || b === null) return `${path}: ${String(a)} vs ${String(b)}`;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return `${path}: Uint8Array vs other`;
    if (a.length !== b.length) return `${path}: ${a.length} bytes vs ${b.length} bytes`;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `${path}[${i}]: ${a[i]} vs ${b[i]}`;
    return null;
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map)) return `${path}: Map vs other`;
    if (a.size !== b.size) return `${path}: Map of ${a.size} vs ${b.size}`;
    for (const [k, v] of a) {
      if (!b.has(k)) return `${path}: key ${String(k)} missing`;
      const d = structuralDiff(v, b.get(k), `${path}.get(${String(k)})`);
      if (d !== null) return d;
    }
    return null;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = structuralDiff(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) {
    const va = ra[k];
    const vb = rb[k];
    if ((k === 'offset' || k === 'size') && typeof va === 'number' && typeof vb === 'number') continue;
    const d = structuralDiff(va, vb, `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}
