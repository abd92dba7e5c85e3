/**
 * Interrupting native code (kiln issue 9, item 2). Compiled code checks its engine's interrupt
 * flag (runtime block + RT.interrupt, docs/native-abi.md) at every function entry and loop
 * header; a non-zero flag ends the running call with the trap "interrupted", and the engine
 * clears the flag when it reports that trap. The flag is plain process memory, so any thread
 * may set it: pass `interruptFlagAddress(engine)` to a worker and call `requestInterrupt` there.
 */

import { RT } from '../../targets/x86_64/abi.js';
import type { NativeEngine } from './index.js';
import { viewOf } from './native-mem.js';

/** the address of the engine's interrupt flag (valid in every thread of the process) */
export function interruptFlagAddress(engine: NativeEngine): number {
  return engine.backend.runtime().block.addr + RT.interrupt;
}

/** ask the code running on the engine whose flag is at `address` to stop; callable from any thread */
export function requestInterrupt(address: number): void {
  Atomics.store(new Int32Array(viewOf(address, 4)), 0, 1);
}
