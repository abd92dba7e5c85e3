/**
 * The AArch64 `Target`: kiln-cc register environment (abi.ts), instruction selection
 * (lower.ts) and emission (emit.ts), for one enabled set of CPU features (features.ts; the
 * armv8.0-a baseline, the only set for now). The assembler refuses any instruction outside it.
 * v128 values are carried in the 128-bit vector registers (issue 13).
 */

import type { Func } from '../../compiler/ir/func.js';
import type { FuncType } from '../../formats/wasm/types.js';
import type { Allocation } from '../../compiler/regalloc/mach.js';
import type { TrampolineKind } from '../compiled.js';
import type { EmittedCode, LoweredFunc, Target, TargetEmitOptions } from '../target.js';
import { AARCH64_ENV } from './abi.js';
import { Emitter } from './emit.js';
import { BASELINE_FEATURES, enabledFeatures } from './features.js';
import { Lowerer } from './lower.js';
import type { A64Func } from './mfunc.js';
import { printLowered } from '../print-lowered.js';
import { emitRule, lowering } from './rules/rule.js';
import { entryTrampoline, exitTrampoline } from './trampolines.js';

/** `features`: the enabled set (unknown names are usage errors) */
export function aarch64Target(features?: readonly string[]): Target {
  const enabled = features === undefined ? BASELINE_FEATURES : enabledFeatures(features);
  const lowerer = new Lowerer(enabled);
  const emitter = new Emitter(enabled);
  return {
    isa: 'aarch64',
    env: AARCH64_ENV,
    lower: (f: Func): LoweredFunc => lowerer.lower(f),
    emit(f: Func, lowered: LoweredFunc, alloc: Allocation, funcIndex: number, options: TargetEmitOptions = {}): EmittedCode {
      const out = emitter.emit(f, lowered as A64Func, alloc, funcIndex, { listing: options.listing === true, faultSites: options.faultSites === true });
      const listing = out.listing === null ? null : out.listing.map((l) => `${l.offset.toString(16).padStart(6)}:  ${l.text}`);
      return { compiled: out.compiled, features: out.features, listing };
    },
    printLowered: (_f: Func, lowered: LoweredFunc): string => printLowered(lowered as A64Func, AARCH64_ENV, (id) => emitRule(id).name),
    trampoline: (kind: TrampolineKind, type: FuncType): Uint8Array => (kind === 'entry' ? entryTrampoline : exitTrampoline)(type.params, type.results),
    // v128 values inside functions, across calls and in globals; a SIMD instruction compiles
    // when every IR row it becomes has a lowering (the NEON families in rules/simd-*.ts)
    vectors: { values: true, abi: true, lowers: (opcode: number): boolean => lowering(opcode) !== undefined },
  };
}
