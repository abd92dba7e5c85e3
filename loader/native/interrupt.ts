/**
 * Interrupting native code (kiln issue 9, item 2), from any thread: `requestInterrupt` sets
 * the engine's interrupt flag (runtime block + RT.interrupt, docs/native-abi.md) and, where
 * the engine has guard pages, makes the functions' code of that thread's modules
 * non-executable. Code compiled with guard-page bounds has no interrupt checks: its next
 * instruction fetch faults, and kiln's fault handler turns that fault into the trap
 * "interrupted" (targets/<isa>/fault-handler.ts). Code compiled with explicit bounds checks
 * polls the flag at every function entry and loop header. Reporting the trap clears the flag
 * and makes the code executable again (`resumeAfterInterrupt`), so the next call runs.
 *
 * The code to protect is read from the thread's fault table (fault-table.ts), through the
 * runtime block's RT.faultRoot cell, so the interrupting thread needs nothing but the flag's
 * address. Host code never reads code pages: a host call in progress is not disturbed, and its
 * return into wasm is what traps.
 */

import { FAULT_DIR_HEADER, FAULT_ENTRY } from '../../targets/native-isa.js';
import { RT } from '../../targets/runtime-block.js';
import { PROT_EXEC, PROT_NONE, PROT_READ } from '../sys/libc.js';
import type { NativeEngine } from './index.js';
import { protectPages, viewOf } from './native-mem.js';

/** the address of the engine's interrupt flag (valid in every thread of the process) */
export function interruptFlagAddress(engine: NativeEngine): number {
  return engine.backend.runtime().block.addr + RT.interrupt;
}

/** the 64-bit word at `addr` (any thread) */
function wordAt(addr: number): number {
  const dv = new DataView(viewOf(addr, 8));
  return dv.getUint32(0, true) + dv.getUint32(4, true) * 2 ** 32;
}

/** [start, length] of every module's code registered in the fault table whose root cell is at `rootCell` (0: none) */
function codeRanges(rootCell: number): Array<readonly [number, number]> {
  if (rootCell === 0) return [];
  const dir = wordAt(rootCell);
  if (dir === 0) return [];
  const count = wordAt(dir);
  const out: Array<readonly [number, number]> = [];
  for (let k = 0; k < count; k++) {
    const e = dir + FAULT_DIR_HEADER + FAULT_ENTRY * k;
    out.push([wordAt(e), wordAt(e + 8)]);
  }
  return out;
}

/** makes the code of the runtime whose block is at `block` executable (true) or not (false) */
export function setCodeExecutable(block: number, executable: boolean): void {
  const prot = executable ? PROT_READ | PROT_EXEC : PROT_NONE;
  for (const [start, length] of codeRanges(wordAt(block + RT.faultRoot))) protectPages(start, length, prot);
}

/** ask the code running on the engine whose flag is at `address` to stop; callable from any thread */
export function requestInterrupt(address: number): void {
  Atomics.store(new Int32Array(viewOf(address, 4)), 0, 1);
  setCodeExecutable(address - RT.interrupt, false);
}

/**
 * after the trap "interrupted" was reported on the engine's own thread: clear the flag, make
 * the code executable again, and if another interruption came meanwhile, take the code away
 * again (the next call traps at once, as a polling check would)
 */
export function resumeAfterInterrupt(block: number): void {
  const flag = new Int32Array(viewOf(block + RT.interrupt, 4));
  Atomics.store(flag, 0, 0);
  setCodeExecutable(block, true);
  if (Atomics.load(flag, 0) !== 0) setCodeExecutable(block, false);
}
