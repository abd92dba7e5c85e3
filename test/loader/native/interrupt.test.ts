/**
 * Interruption: compiled code checks its engine's interrupt flag at function entries and loop
 * headers, so a loop that never ends stops with the trap "interrupted" when another thread
 * (a worker, writing the flag's address through koffi) or a host function asks it to; the
 * engine clears the flag, so the next call runs normally. Without the checks (compile option
 * `interrupts: false`) the loop has no check to stop at, which the disassembly shows.
 */

import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { WasmFunction } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interruptFlagAddress, nativeEngine, requestInterrupt } from '../../../loader/native/index.js';
import { KilnTrap } from '../../../loader/trap.js';
import { compileFunctionStages } from '../../../targets/compile.js';
import { thrown } from './hand.js';

const WAT = `(module
  (import "host" "poke" (func $poke))
  (func (export "spin") (param i32) (result i32)
    (loop $l (br_if $l (i32.ne (local.get 0) (i32.const -1))))
    (i32.const 7))
  (func (export "pokeThenSpin") (result i32)
    call $poke
    (loop $l (br $l))
    (i32.const 1))
  (func (export "id") (param i32) (result i32) local.get 0))`;

function instance(poke: () => void): Record<string, WasmFunction> {
  const m = parseWat(WAT);
  validateModule(m);
  const inst = instantiateModule(nativeEngine, m, { host: { poke } });
  return inst.exports as Record<string, WasmFunction>;
}

describe('interrupting native code', () => {
  it('a worker thread stops an endless loop through the flag address; the next call runs', async () => {
    const ex = instance(() => {});
    const addr = interruptFlagAddress(nativeEngine);
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const koffi = require('koffi');
       setTimeout(() => { Atomics.store(new Int32Array(koffi.view(workerData, 4)), 0, 1); }, 300);`,
      { eval: true, workerData: addr },
    );
    await new Promise<void>((resolve) => worker.once('online', () => resolve()));
    const e = thrown(() => ex['spin']!.callRaw([0]));
    await worker.terminate();
    expect(e).toBeInstanceOf(KilnTrap);
    expect((e as KilnTrap).trapKind).toBe('interrupted');
    expect((e as KilnTrap).frames[0]?.name).toBe('spin');
    expect(ex['spin']!.callRaw([-1])).toEqual([7]);
    expect(ex['id']!.callRaw([5])).toEqual([5]);
  });

  it('a host function called by wasm can interrupt the code that called it', () => {
    const ex = instance(() => requestInterrupt(interruptFlagAddress(nativeEngine)));
    const e = thrown(() => ex['pokeThenSpin']!.callRaw([]));
    expect((e as KilnTrap).trapKind).toBe('interrupted');
    expect(ex['id']!.callRaw([9])).toEqual([9]);
  });

  it('checks sit at the entry and the loop header, and only there; off with interrupts: false', () => {
    const m = parseWat(WAT);
    validateModule(m);
    const on = compileFunctionStages(m, 0).asm;
    const off = compileFunctionStages(m, 0, { interrupts: false }).asm;
    // the runtime block's address is read from vmctx+8 once, at the entry; each check is one compare
    expect(on.match(/cmp {4}DWORD PTR \[r[a-z0-9]+\+0x2c\],0x0/g)?.length).toBe(2);
    const body = (asm: string): string => asm.slice(0, asm.indexOf('ret'));
    expect(body(on).match(/QWORD PTR \[rdi\+0x8\]/g)?.length).toBe(1);
    expect(off).not.toContain('+0x2c]');
    expect(body(off)).not.toContain('[rdi+0x8]');
  });
});
