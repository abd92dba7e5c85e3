/**
 * Faults that are not kiln's still reach their owners once kiln's fault handler is installed:
 * V8's own WebAssembly out-of-bounds traps (V8's trap handler, behind Node's SIGSEGV handler)
 * keep working in the same process, interleaved with kiln's, and a segfault in a koffi call
 * still ends a child process with SIGSEGV — with Node's handler before kiln's, and with the
 * default disposition before kiln's (`--disable-wasm-trap-handler`: Node installs none). A
 * fault in kiln code at an access that is not a registered fault site is not claimed either.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { WasmFunction } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import type { GuardHandler } from '../../../loader/native/guard.js';
import { nativeEngine } from '../../../loader/native/index.js';
import { KilnTrap } from '../../../loader/trap.js';

const WAT = '(module (memory 1) (func (export "get") (param i32) (result i32) local.get 0 i32.load))';
const root = fileURLToPath(new URL('../../..', import.meta.url));

function guard(): GuardHandler {
  const g = nativeEngine.backend.runtime().guard();
  if (typeof g === 'string') throw new Error(`no guard pages on this machine: ${g}`);
  return g;
}

function kilnGet(): (i: number) => unknown {
  const f = instantiateModule(nativeEngine, parseWat(WAT), {}).exports['get'] as WasmFunction;
  return (i) => f.callRaw([i])[0];
}

function kilnTrap(get: (i: number) => unknown, i: number): string {
  try {
    get(i);
  } catch (e) {
    if (e instanceof KilnTrap) return e.trapKind;
    throw e;
  }
  return 'no trap';
}

function v8Get(): (i: number) => number {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(parseWat(WAT))));
  return inst.exports['get'] as (i: number) => number;
}

describe('faults outside kiln code reach their previous handler', () => {
  it("V8's WebAssembly out-of-bounds traps keep working in the same process, interleaved with kiln's", () => {
    const kiln = kilnGet();
    expect(kilnTrap(kiln, 65536)).toBe('out of bounds memory access');
    const g = guard();
    const v8 = v8Get();
    expect(v8(0)).toBe(0);
    for (let k = 0; k < 3; k++) {
      const claimed = g.claimed;
      const chained = g.chained;
      expect(() => v8(65536 + k)).toThrow(WebAssembly.RuntimeError);
      expect(() => v8(65536 + k)).toThrow(/memory access out of bounds/);
      // V8 (with its trap handler) faulted, and kiln's handler passed both faults on
      expect(g.chained).toBe(chained + 2);
      expect(g.claimed).toBe(claimed);
      expect(kilnTrap(kiln, 65536 + k)).toBe('out of bounds memory access');
      expect(g.claimed).toBe(claimed + 1);
    }
  });

  describe('a segfault in a koffi call still kills a child process with SIGSEGV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-fault-'));
    const child = join(dir, 'fault-child.mjs');
    buildSync({
      entryPoints: [fileURLToPath(new URL('./fault-child.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: child,
      external: ['koffi'],
      logLevel: 'silent',
    });
    const run = (flags: string[], mode: 'kiln' | 'plain' | 'unregistered'): ReturnType<typeof spawnSync> =>
      // no core file: the shell sets the limit, then becomes node
      spawnSync('/bin/sh', ['-c', 'ulimit -c 0; exec "$0" "$@"', process.execPath, ...flags, child, mode], {
        encoding: 'utf8',
        env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
        timeout: 60_000,
      });

    it.each([
      ['without kiln (the baseline)', [], 'plain'],
      ["with kiln's handler after Node's", [], 'kiln'],
      ["with kiln's handler after the default disposition", ['--disable-wasm-trap-handler'], 'kiln'],
    ] as const)('%s', (_what, flags, mode) => {
      const r = run([...flags], mode);
      const lines = String(r.stdout).trim().split('\n');
      if (mode === 'kiln') expect(lines.slice(0, 2)).toEqual(['trap: out of bounds memory access', 'claimed 1']);
      expect(lines.at(-1)).toBe('reading address 8');
      expect(r.signal).toBe('SIGSEGV');
    });

    it('a fault in kiln code at no fault site is not claimed: the child dies with SIGSEGV', () => {
      const r = run([], 'unregistered');
      expect(String(r.stdout).trim().split('\n')).toEqual(['bounds guard', 'in bounds 0', 'table 1 1', 'loading out of bounds']);
      expect(r.signal).toBe('SIGSEGV');
    });
  });
});
