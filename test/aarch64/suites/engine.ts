/**
 * `engine`: what the native engine does besides running the spec testsuite, on this AArch64
 * host: `--engine auto` picks native code here; an endless loop stops with the trap
 * "interrupted" when a worker thread asks (kiln's requestInterrupt: the code's pages made
 * non-executable, the instruction-fetch fault claimed by the AArch64 fault handler), and when
 * a host function the loop's function called asks; backtraces of a trap three calls deep name
 * the same frames and wasm offsets as the interpreter's; `enablePerfMap` names every compiled
 * function in the perf map; every code region is synchronised for instruction fetch over exactly
 * the range written, before it is made executable (loader/native/code-sync.ts).
 */

import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { chooseEngine } from '../../../cli/engines.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import type { Module } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Engine, WasmFunction } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { watchCodeSync } from '../../../loader/native/code-sync.js';
import { codeRanges, enablePerfMap, interruptFlagAddress, nativeEngine, requestInterrupt } from '../../../loader/native/index.js';
import { KilnTrap, type WasmFrame } from '../../../loader/trap.js';
import { repoRoot } from '../../support/testsuite.js';
import { equal, ok, type Reporter, type Suite } from '../check.js';

const SPIN = `(module
  (import "host" "poke" (func $poke))
  (func (export "spin") (param i32) (result i32)
    (loop $l (br_if $l (i32.ne (local.get 0) (i32.const -1))))
    (i32.const 7))
  (func (export "pokeThenSpin") (result i32)
    call $poke
    (loop $l (br $l))
    (i32.const 1))
  (func (export "id") (param i32) (result i32) local.get 0))`;

const DEEP = `(module
  (memory 1)
  (func $load (param i32) (result i32) (i32.load (local.get 0)))
  (func $middle (param i32) (result i32) (i32.add (call $load (local.get 0)) (i32.const 1)))
  (func (export "outer") (param i32) (result i32) (call $middle (local.get 0))))`;

/** the module as the binary path gives it (offsets of frames are binary offsets) */
function moduleOf(wat: string): Module {
  const m = decodeModule(encodeModule(parseWat(wat)));
  validateModule(m);
  return m;
}

function exportsOf(engine: Engine, wat: string, imports = {}): Record<string, WasmFunction> {
  return instantiateModule(engine, moduleOf(wat), imports).exports as Record<string, WasmFunction>;
}

function trapOf(f: () => unknown): KilnTrap {
  try {
    f();
  } catch (e) {
    if (e instanceof KilnTrap) return e;
    throw e;
  }
  throw new Error('no trap');
}

const frameText = (fs: readonly WasmFrame[]): string[] => fs.map((f) => `${f.name}@${f.offset ?? '?'}`);

export const suite: Suite = {
  description: 'engine selection, interruption, backtraces and perf maps on the AArch64 native engine',
  async run(t: Reporter): Promise<void> {
    await t.test('--engine auto runs plain modules natively on this host', () => {
      const c = chooseEngine('auto', moduleOf(SPIN));
      ok(c.engine === nativeEngine, `auto chose ${c.engine.name} (${c.reason})`);
      equal(c.reason, 'auto: native (AArch64)', 'reason');
    });

    await t.test('every new code region is cache-synchronised once, over exactly its range', () => {
      // the first synchronisation maps the routine's own page, which Linux synchronises (code-sync.ts)
      exportsOf(nativeEngine, DEEP);
      const before = new Set(codeRanges().map(([s]) => s));
      const synced: string[] = [];
      const stop = watchCodeSync((start, length) => synced.push(`${start.toString(16)}+${length.toString(16)}`));
      try {
        exportsOf(nativeEngine, DEEP);
      } finally {
        stop();
      }
      const made = codeRanges()
        .filter(([s]) => !before.has(s))
        .map(([s, e]) => `${s.toString(16)}+${(e - s).toString(16)}`);
      ok(made.length > 0, 'the module made code regions');
      equal(synced.sort(), made.sort(), 'synchronised ranges');
    });

    await t.test('a worker thread interrupts an endless loop; the next call runs', async () => {
      const ex = exportsOf(nativeEngine, SPIN, { host: { poke: () => {} } });
      const module = pathToFileURL(join(repoRoot(), 'dist/loader/native/interrupt.js')).href;
      const worker = new Worker(
        `const { workerData } = require('node:worker_threads');
         import(workerData.module).then(({ requestInterrupt }) => setTimeout(() => requestInterrupt(workerData.addr), 500));`,
        { eval: true, workerData: { addr: interruptFlagAddress(nativeEngine), module } },
      );
      await new Promise<void>((resolve) => worker.once('online', () => resolve()));
      const started = performance.now();
      const e = trapOf(() => ex['spin']!.callRaw([0]));
      const ms = performance.now() - started;
      await worker.terminate();
      equal(e.trapKind, 'interrupted', 'trap kind');
      equal(e.frames[0]?.name, 'spin', 'innermost frame');
      ok(ms < 10_000, `stopped ${ms.toFixed(0)} ms after the call`);
      equal(ex['spin']!.callRaw([-1]), [7], 'the next call');
      equal(ex['id']!.callRaw([5]), [5], 'another function');
    });

    await t.test('a host function interrupts the code that called it', () => {
      const ex = exportsOf(nativeEngine, SPIN, { host: { poke: () => requestInterrupt(interruptFlagAddress(nativeEngine)) } });
      equal(trapOf(() => ex['pokeThenSpin']!.callRaw([])).trapKind, 'interrupted', 'trap kind');
      equal(ex['id']!.callRaw([9]), [9], 'the next call');
    });

    await t.test('a trap three calls deep: the same backtrace as the interpreter', () => {
      const native = trapOf(() => exportsOf(nativeEngine, DEEP)['outer']!.callRaw([70000]));
      const interp = trapOf(() => exportsOf(interpEngine, DEEP)['outer']!.callRaw([70000]));
      equal(native.trapKind, 'out of bounds memory access', 'trap kind');
      equal(frameText(native.frames), frameText(interp.frames), 'frames');
      equal(native.frames.length, 3, 'frame count');
    });

    await t.test('the perf map names every compiled function', () => {
      const file = enablePerfMap(join(tmpdir(), `kiln-a64-perf-${process.pid}.map`));
      try {
        exportsOf(nativeEngine, DEEP);
        const lines = readFileSync(file, 'utf8').trim().split('\n');
        const names = lines.map((l) => l.split(' ').slice(2).join(' '));
        for (const n of ['wasm:load', 'wasm:middle', 'wasm:outer']) ok(names.includes(n), `${n} in ${names.join(', ')}`);
        for (const l of lines) ok(/^[0-9a-f]+ [0-9a-f]+ \S/.test(l), `line format: ${l}`);
      } finally {
        rmSync(file, { force: true });
      }
    });
  },
};
