/**
 * The one interface the rest of the compiler uses to talk to an ISA (design.md, "The target
 * seam"): its register environment, lowering of an IR function to a machine function on
 * virtual registers, and emission of an allocated machine function. Each `targets/<isa>/`
 * provides one `Target`; nothing outside `targets/<isa>/` tests which ISA it compiles for.
 */

import type { Func } from '../compiler/ir/func.js';
import type { Allocation, MachFunc, RegEnv } from '../compiler/regalloc/mach.js';
import type { FuncType } from '../formats/wasm/types.js';
import type { CompiledFunc, Isa, TrampolineKind } from './compiled.js';

export interface LoweredFunc {
  /** what the allocator sees */
  readonly m: MachFunc;
}

export interface TargetEmitOptions {
  /** keep a disassembly listing */
  readonly listing?: boolean;
  /** record fault sites of linear-memory accesses (guard-page bounds) */
  readonly faultSites?: boolean;
}

export interface EmittedCode {
  readonly compiled: CompiledFunc;
  /** CPU features the code uses */
  readonly features: readonly string[];
  /** disassembly lines in the ISA's objdump syntax, when asked for */
  readonly listing: readonly string[] | null;
}

export interface Target {
  readonly isa: Isa;
  readonly env: RegEnv;
  /** lower IR function f; the result is valid until the next call */
  lower(f: Func): LoweredFunc;
  /** emit the function lowered last, with its allocation */
  emit(f: Func, lowered: LoweredFunc, alloc: Allocation, funcIndex: number, options?: TargetEmitOptions): EmittedCode;
  /** the lowered function as text, operands on virtual registers (for dumps) */
  printLowered(f: Func, lowered: LoweredFunc): string;
  /** the `kind` trampoline of functions of `type` (position independent) */
  trampoline(kind: TrampolineKind, type: FuncType): Uint8Array;
  /** what the target compiles of v128 (targets/v128-gate.ts) */
  readonly vectors: TargetVectors;
}

export interface TargetVectors {
  /** v128 values inside functions: locals, operands, spills */
  readonly values: boolean;
  /** v128 values across calls and in globals: params, results, trampolines, global cells */
  readonly abi: boolean;
  /** IR opcode `opcode` has a lowering */
  lowers(opcode: number): boolean;
}
