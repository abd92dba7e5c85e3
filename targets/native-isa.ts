/**
 * What the native engine (loader/native) needs from the ISA it runs on, beyond compiling:
 * the engine-generated routines that join compiled code and the host, and the layouts of the
 * host's signal structures. Each `targets/<isa>/native.ts` provides one `NativeIsa`;
 * targets/native-isas.ts picks the host's. The engine never tests which ISA it runs on.
 *
 * The fault table's directory (FAULT_DIR_HEADER, FAULT_ENTRY) is data the engine writes and
 * every ISA's fault handler reads: its layout is the same everywhere (docs/native.md, "Guard
 * pages"): a header {count, spare}, then sorted entries {start, end, trap-offset table,
 * trap-offset count, runtime trap record}.
 */

import type { FuncType } from '../formats/wasm/types.js';
import type { Isa, TrampolineKind } from './compiled.js';

/** directory words and entry layout of the fault table */
export const FAULT_DIR_HEADER = 16;
export const FAULT_ENTRY = 40;

/** addresses a fault handler embeds: all cells the engine keeps for the life of the process */
export interface FaultHandlerCells {
  /** 8 bytes: the fault table's directory (0 = empty) */
  readonly root: number;
  /** the previous handler's libc struct sigaction (`sigaction.size` bytes) */
  readonly previous: number;
  /** 8 bytes: incremented for every claimed fault */
  readonly claimed: number;
  /** 8 bytes: incremented for every fault passed on */
  readonly chained: number;
  /** `sigaction.kernelSize` zero bytes: SIG_DFL for rt_sigaction */
  readonly defaultAction: number;
}

/** the host libc's and kernel's struct sigaction */
export interface SigactionLayout {
  /** bytes of libc's struct sigaction */
  readonly size: number;
  /** offset of its int sa_flags */
  readonly flagsAt: number;
  /** bytes of the kernel's struct sigaction (rt_sigaction) */
  readonly kernelSize: number;
  readonly saSiginfo: number;
  readonly saOnstack: number;
}

export interface NativeIsa {
  readonly isa: Isa;
  /** the trap code an exit trampoline reports when the host function threw */
  readonly hostExceptionCode: number;
  /** where an exit trampoline stores each callee-saved register: [register, offset from its frame pointer] */
  readonly exitSaved: ReadonlyArray<readonly [number, number]>;
  readonly sigaction: SigactionLayout;
  /** the `kind` trampoline of functions of `type` (position independent; the same bytes as the ISA's Target.trampoline) */
  trampoline(kind: TrampolineKind, type: FuncType): Uint8Array;
  /** the trap routine (position independent; docs/native-abi.md, "Traps") */
  trapRoutine(): Uint8Array;
  /** the wrapper of one runtime function for one engine (embeds both addresses) */
  runtimeWrapper(runtimeBlock: number, callback: number): Uint8Array;
  /** the fault handler for one signal, followed by its landing stubs */
  faultHandler(cells: FaultHandlerCells): Uint8Array;
  /**
   * C ABI `void sync(ptr start, size_t length)` that makes code just written to memory visible
   * to instruction fetch (data-cache clean, instruction-cache invalidate, barriers), or null
   * where the ISA keeps them coherent (x86-64)
   */
  cacheSync(): Uint8Array | null;
}
