/**
 * Interruption: a loop that never ends stops with the trap "interrupted" when another thread
 * (a worker calling kiln's `requestInterrupt` with the flag's address) or a host function asks
 * it to; the engine clears the flag and restores the code, so the next call runs normally.
 * Code for guard-page bounds has no checks at all (the request makes its pages non-executable
 * and the fault handler turns the next instruction fetch into the trap): with interrupts on or
 * off it is the same code, byte for byte. Code for explicit bounds checks the flag at function
 * entries and loop headers, which the disassembly shows.
 */

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** kiln's interrupt module as built into dist/ (npm test builds first), for the worker */
const INTERRUPT_JS = pathToFileURL(resolve('dist/loader/native/interrupt.js')).href;

describe('interrupting native code', () => {
  it('a worker thread stops an endless loop through the flag address; the next call runs', async () => {
    const ex = instance(() => {});
    const addr = interruptFlagAddress(nativeEngine);
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       import(workerData.module).then(({ requestInterrupt }) => setTimeout(() => requestInterrupt(workerData.addr), 300));`,
      { eval: true, workerData: { addr, module: INTERRUPT_JS } },
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

  it('guard-page code has no checks: the same code with interrupts on and off', () => {
    const m = parseWat(WAT);
    validateModule(m);
    for (let d = 0; d < m.funcs.length; d++) {
      const on = compileFunctionStages(m, d, { bounds: 'guard' }).asm;
      expect(on).not.toContain('+0x2c]');
      expect(compileFunctionStages(m, d, { bounds: 'guard', interrupts: false }).asm).toBe(on);
    }
  });

  it('explicit-bounds code: checks sit at the entry and the loop header, and only there; off with interrupts: false', () => {
    const m = parseWat(WAT);
    validateModule(m);
    const on = compileFunctionStages(m, 0, { bounds: 'explicit' }).asm;
    const off = compileFunctionStages(m, 0, { bounds: 'explicit', interrupts: false }).asm;
    // the runtime block's address is read from vmctx+8 once, at the entry; each check is one compare
    expect(on.match(/cmp {4}DWORD PTR \[r[a-z0-9]+\+0x2c\],0x0/g)?.length).toBe(2);
    const body = (asm: string): string => asm.slice(0, asm.indexOf('ret'));
    expect(body(on).match(/QWORD PTR \[rdi\+0x8\]/g)?.length).toBe(1);
    expect(off).not.toContain('+0x2c]');
    expect(body(off)).not.toContain('[rdi+0x8]');
  });
});
