/**
 * kiln-cc on AArch64 (docs/native-abi.md, "AArch64"): where each argument and result of a
 * signature goes, the frame's fixed offsets, and the register environment the target-neutral
 * allocator gets. It follows the x86-64 kiln-cc rule for rule, on AAPCS64's registers:
 *
 * - the vmctx is the first argument (x0); integer arguments in x0–x7, float arguments in
 *   v0–v7 (classes counted separately), the rest in 8-byte stack slots in order;
 * - integer results in x0–x7, float results in v0–v7, the rest in memory: the caller's slots
 *   right after its stack arguments;
 * - x19–x28 are callee-saved; no vector register is (as on x86-64); x29 is the frame pointer
 *   with the frame record {previous x29, x30} at [x29], [x29-8] holds the vmctx, incoming
 *   stack arguments start at [x29+16];
 * - x16/x17 (IP0/IP1) and v31 are the emitter's scratch registers, never allocated; x18, the
 *   platform register, is never touched.
 */

import { RegClassId, type RegEnv } from '../../compiler/regalloc/mach.js';
import type { Type } from '../../compiler/ir/types.js';
import { assignPlaces, callLayout, registerOnlyLayout, type CallLayout } from '../call-conv.js';
import { gprName, vName, X0, X1, X10, X11, X12, X13, X14, X15, X16, X17, X19, X2, X20, X21, X22, X23, X24, X25, X26, X27, X28, X3, X4, X5, X6, X7, X8, X9, type Gpr, type Vreg } from './regs.js';

export { classOf, type CallLayout, type Place } from '../call-conv.js';

export const ARG_GPRS: readonly Gpr[] = [X0, X1, X2, X3, X4, X5, X6, X7];
export const RESULT_GPRS: readonly Gpr[] = ARG_GPRS;
const ARG_VREGS = 8;
const RESULT_VREGS = 8;

/** kiln-cc for a signature (params include the vmctx ptr first) */
export function kilnCC(params: readonly Type[], results: readonly Type[]): CallLayout {
  return callLayout(assignPlaces(params, ARG_GPRS, ARG_VREGS), assignPlaces(results, RESULT_GPRS, RESULT_VREGS), params, results);
}

/** the C ABI of runtime functions: arguments in registers only, one or two integer results */
export function cCall(params: readonly Type[], results: readonly Type[]): CallLayout {
  return registerOnlyLayout(assignPlaces(params, ARG_GPRS, ARG_VREGS), assignPlaces(results, [X0, X1], 2));
}

/** [x29 + VMCTX_SLOT] holds the vmctx in every kiln frame */
export const VMCTX_SLOT = -8;
/** [x29 + INCOMING] is the first incoming stack argument */
export const INCOMING = 16;

/** runtime block offsets (the same on every ISA) */
export { RT } from '../runtime-block.js';

/** the emitter's scratch registers (IP0, IP1) and vector scratch register */
export const SCRATCH_GPR = X16;
export const SCRATCH_GPR2 = X17;
export const SCRATCH_VREG = 31 as Vreg;

const CALLER_SAVED_GPRS: readonly Gpr[] = [X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15, X16, X17];
export const CALLEE_SAVED_GPRS: readonly Gpr[] = [X19, X20, X21, X22, X23, X24, X25, X26, X27, X28];

const mask = (regs: readonly number[]): number => regs.reduce((m, r) => m | (1 << r), 0);
/** what a call destroys, per class: the caller-saved GPRs and every vector register (v0–v31: bit 31 too) */
export const CALL_CLOBBERS: readonly [number, number] = [mask(CALLER_SAVED_GPRS), -1];

export const AARCH64_ENV: RegEnv = {
  allocatable: [
    [X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15, X19, X20, X21, X22, X23, X24, X25, X26, X27, X28],
    Array.from({ length: 31 }, (_, i) => i),
  ],
  calleeSaved: [CALLEE_SAVED_GPRS, []],
  scratch: [SCRATCH_GPR, SCRATCH_VREG],
  regName: (cls, reg) => (cls === RegClassId.Int ? gprName(reg as Gpr, 64) : vName(reg as Vreg, 64)),
};
