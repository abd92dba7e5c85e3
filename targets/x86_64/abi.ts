/**
 * kiln-cc on x86-64 (docs/native-abi.md): where each argument and result of a signature goes,
 * the frame's fixed offsets, and the register environment the target-neutral allocator gets.
 */

import { RegClassId, type RegEnv } from '../../compiler/regalloc/mach.js';
import type { Type } from '../../compiler/ir/types.js';
import { assignPlaces, callLayout, registerOnlyLayout, type CallLayout } from '../call-conv.js';
import { gprName, R10, R11, R12, R13, R14, R15, R8, R9, RAX, RBX, RCX, RDI, RDX, RSI, xmmName, type Gpr, type Xmm } from './regs.js';

export { classOf, type CallLayout, type Place } from '../call-conv.js';

export const ARG_GPRS: readonly Gpr[] = [RDI, RSI, RDX, RCX, R8, R9];
export const RESULT_GPRS: readonly Gpr[] = [RAX, RDX, RCX, RSI, RDI, R8, R9];
const ARG_XMMS = 8;
const RESULT_XMMS = 8;

/** kiln-cc for a signature (params include the vmctx ptr first) */
export function kilnCC(params: readonly Type[], results: readonly Type[]): CallLayout {
  return callLayout(assignPlaces(params, ARG_GPRS, ARG_XMMS), assignPlaces(results, RESULT_GPRS, RESULT_XMMS), params, results);
}

/** the C ABI of runtime functions: arguments in registers only, one or two integer results */
export function cCall(params: readonly Type[], results: readonly Type[]): CallLayout {
  return registerOnlyLayout(assignPlaces(params, ARG_GPRS, ARG_XMMS), assignPlaces(results, [RAX, RDX], 2));
}

/** [rbp + VMCTX_SLOT] holds the vmctx in every kiln frame */
export const VMCTX_SLOT = -8;
/** [rbp + INCOMING] is the first incoming stack argument */
export const INCOMING = 16;

/** runtime block offsets (the same on every ISA: targets/runtime-block.ts) */
export { RT } from '../runtime-block.js';

export const SCRATCH_GPR = R11;
export const SCRATCH_XMM = 15 as Xmm;

const CALLER_SAVED_GPRS: readonly Gpr[] = [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11];
export const CALLEE_SAVED_GPRS: readonly Gpr[] = [RBX, R12, R13, R14, R15];

const mask = (regs: readonly number[]): number => regs.reduce((m, r) => m | (1 << r), 0);
/** what a call destroys, per class */
export const CALL_CLOBBERS: readonly [number, number] = [mask(CALLER_SAVED_GPRS), 0xffff];

export const X86_ENV: RegEnv = {
  allocatable: [
    [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, RBX, R12, R13, R14, R15],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
  ],
  calleeSaved: [CALLEE_SAVED_GPRS, []],
  scratch: [SCRATCH_GPR, SCRATCH_XMM],
  regName: (cls, reg) => (cls === RegClassId.Int ? gprName(reg as Gpr, 64) : xmmName(reg as Xmm)),
};
