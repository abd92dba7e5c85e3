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
import { Type } from '../../compiler/ir/types.js';
import { gprName, vName, X0, X1, X10, X11, X12, X13, X14, X15, X16, X17, X19, X2, X20, X21, X22, X23, X24, X25, X26, X27, X28, X3, X4, X5, X6, X7, X8, X9, type Gpr, type Vreg } from './regs.js';

/** the register class of an IR type */
export function classOf(t: Type): RegClassId {
  return t === Type.F32 || t === Type.F64 ? RegClassId.Float : RegClassId.Int;
}

export const ARG_GPRS: readonly Gpr[] = [X0, X1, X2, X3, X4, X5, X6, X7];
export const RESULT_GPRS: readonly Gpr[] = ARG_GPRS;
const ARG_VREGS = 8;
const RESULT_VREGS = 8;

/** one value's place: a register of its class, or an 8-byte stack slot (`slot` >= 0) */
export interface Place {
  readonly cls: RegClassId;
  /** register number (x or v), or -1 when on the stack */
  readonly reg: number;
  /** stack slot index among the stack-passed values, or -1 */
  readonly slot: number;
}

function assign(types: readonly Type[], gprs: readonly Gpr[], vregs: number): Place[] {
  let gi = 0;
  let vi = 0;
  let si = 0;
  return types.map((t) => {
    const cls = classOf(t);
    if (cls === RegClassId.Int && gi < gprs.length) return { cls, reg: gprs[gi++] as number, slot: -1 };
    if (cls === RegClassId.Float && vi < vregs) return { cls, reg: vi++, slot: -1 };
    return { cls, reg: -1, slot: si++ };
  });
}

export interface CallLayout {
  readonly args: readonly Place[];
  readonly results: readonly Place[];
  /** arguments passed on the stack */
  readonly stackArgs: number;
  /** results returned in memory */
  readonly memResults: number;
}

/** kiln-cc for a signature (params include the vmctx ptr first) */
export function kilnCC(params: readonly Type[], results: readonly Type[]): CallLayout {
  const args = assign(params, ARG_GPRS, ARG_VREGS);
  const res = assign(results, RESULT_GPRS, RESULT_VREGS);
  return {
    args,
    results: res,
    stackArgs: args.filter((p) => p.reg < 0).length,
    memResults: res.filter((p) => p.reg < 0).length,
  };
}

/** AAPCS64 for runtime functions: at most eight integer arguments, one integer result */
export function cCall(params: readonly Type[], results: readonly Type[]): CallLayout {
  const args = assign(params, ARG_GPRS, ARG_VREGS);
  const res = assign(results, [X0, X1], 2);
  if (args.some((p) => p.reg < 0) || res.some((p) => p.reg < 0)) throw new Error('C call with stack arguments or results is not supported');
  return { args, results: res, stackArgs: 0, memResults: 0 };
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
