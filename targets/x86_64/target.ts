/**
 * The x86-64 `Target`: kiln-cc register environment, instruction selection (lower.ts) and
 * emission (emit.ts), for one enabled set of CPU features (features.ts; default the x86-64-v2
 * baseline). Lowering picks instructions by it (lzcnt, tzcnt) and the assembler refuses any
 * instruction outside it.
 */

import type { Func } from '../../compiler/ir/func.js';
import type { Allocation } from '../../compiler/regalloc/mach.js';
import type { EmittedCode, LoweredFunc, Target, TargetEmitOptions } from '../target.js';
import { X86_ENV } from './abi.js';
import { Emitter } from './emit.js';
import { BASELINE_FEATURES, enabledFeatures } from './features.js';
import { Lowerer } from './lower.js';
import type { X86Func } from './mfunc.js';
import { printLowered } from '../print-lowered.js';
import { emitRule, lowering } from './rules/rule.js';
import { x86Native } from './native.js';

/** v128 values are carried inside functions (locals, spills), across calls and in globals */
const V128_VALUES = true;
const V128_ABI = true;

/** `features`: the enabled set (unknown names, or a set without the baseline, are usage errors) */
export function x86Target(features?: readonly string[]): Target {
  const enabled = features === undefined ? BASELINE_FEATURES : enabledFeatures(features);
  const lowerer = new Lowerer(enabled);
  const emitter = new Emitter(enabled);
  return {
    isa: 'x86_64',
    env: X86_ENV,
    lower: (f: Func): LoweredFunc => lowerer.lower(f),
    emit(f: Func, lowered: LoweredFunc, alloc: Allocation, funcIndex: number, options: TargetEmitOptions = {}): EmittedCode {
      const out = emitter.emit(f, lowered as X86Func, alloc, funcIndex, { listing: options.listing === true, faultSites: options.faultSites === true });
      const listing = out.listing === null ? null : out.listing.map((l) => `${l.offset.toString(16).padStart(6)}:  ${l.text}`);
      return { compiled: out.compiled, features: out.features, listing };
    },
    printLowered: (_f: Func, lowered: LoweredFunc): string => printLowered(lowered as X86Func, X86_ENV, (id) => emitRule(id).name),
    trampoline: x86Native.trampoline,
    vectors: { values: V128_VALUES, abi: V128_ABI, lowers: (opcode: number): boolean => lowering(opcode) !== undefined },
  };
}
