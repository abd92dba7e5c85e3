/**
 * The contents of a `.cwasm` artifact as the writer takes them and the reader returns them.
 * Code offsets in a function's maps are relative to the function's first byte.
 */

import type { CompatKey } from './key.js';

export type CwasmIsa = 'x86_64' | 'aarch64';

export interface CwasmTrapSite {
  /** code offset of the return address of the trap stub's call */
  readonly offset: number;
  /** index into formats/traps.ts TRAP_KINDS */
  readonly code: number;
  /** wasm byte offset of the trapping instruction, -1 when none */
  readonly wasmOffset: number;
}

export interface CwasmFunc {
  /** absolute wasm function index */
  readonly index: number;
  /** byte offset in `.text` */
  readonly offset: number;
  readonly size: number;
  readonly trapSites: readonly CwasmTrapSite[];
  /** sorted pairs [codeOffset, wasmOffset, …] */
  readonly addressMap: Int32Array;
  /** sorted pairs [codeOffset, wasmOffset, …] of linear-memory accesses (guard-page bounds) */
  readonly faultSites?: Int32Array;
  /** groups [returnOffset, n, place, kind, …] (targets/compiled.ts FuncMaps.stackMaps) */
  readonly stackMaps?: Int32Array;
  /** pairs [register, fp-relative offset] the prologue saves */
  readonly savedRegs?: Int32Array;
}

/** a trampoline in `.text` (after the functions): entry or exit, for a signature of the module */
export interface CwasmTrampoline {
  readonly kind: 'entry' | 'exit';
  /** a type index of the module with the trampoline's signature */
  readonly type: number;
  /** byte offset in `.text` */
  readonly offset: number;
  readonly size: number;
}

export interface CwasmContents {
  readonly isa: CwasmIsa;
  readonly key: CompatKey;
  readonly text: Uint8Array;
  /** every defined function in index order */
  readonly funcs: readonly CwasmFunc[];
  /** the trampolines in the text */
  readonly trampolines: readonly CwasmTrampoline[];
  /** symbol name of each defined function */
  readonly names: readonly string[];
  /** the module without its code: a wasm binary (docs/cwasm.md, `.kiln.meta`) */
  readonly metadata: Uint8Array;
  /** the original module, for fallback */
  readonly wasm: Uint8Array;
}
