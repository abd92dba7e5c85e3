/**
 * kiln-cc on x86-64 (docs/native-abi.md): where each argument and result of a signature goes,
 * the frame's fixed offsets, and the register environment the target-neutral allocator gets.
 */

import { RegClassId, type RegEnv } from '../../compiler/regalloc/mach.js';
import { Type } from '../../compiler/ir/types.js';
import { gprName, R10, R11, R12, R13, R14, R15, R8, R9, RAX, RBX, RCX, RDI, RDX, RSI, xmmName, type Gpr, type Xmm } from './regs.js';

/** the register class of an IR type */
export function classOf(t: Type): RegClassId {
  return t === Type.F32 || t === Type.F64 ? RegClassId.Float : RegClassId.Int;
}

export const ARG_GPRS: readonly Gpr[] = [RDI, RSI, RDX, RCX, R8, R9];
export const RESULT_GPRS: readonly Gpr[] = [RAX, RDX, RCX, RSI, RDI, R8, R9];
const ARG_XMMS = 8;
const RESULT_XMMS = 8;

/** one value's place: a register of its class, or an 8-byte stack slot (`slot` >= 0) */
export interface Place {
  readonly cls: RegClassId;
  /** register number, or -1 when on the stack */
  readonly reg: number;
  /** stack slot index among the stack-passed values, or -1 */
  readonly slot: number;
}

/** places of values of `types` given the register lists (classes counted separately) */
function assign(types: readonly Type[], gprs: readonly Gpr[], xmms: number): Place[] {
  let gi = 0;
  let xi = 0;
  let si = 0;
  return types.map((t) => {
    const cls = classOf(t);
    if (cls === RegClassId.Int && gi < gprs.length) return { cls, reg: gprs[gi++] as number, slot: -1 };
    if (cls === RegClassId.Float && xi < xmms) return { cls, reg: xi++, slot: -1 };
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
  const args = assign(params, ARG_GPRS, ARG_XMMS);
  const res = assign(results, RESULT_GPRS, RESULT_XMMS);
  return {
    args,
    results: res,
    stackArgs: args.filter((p) => p.reg < 0).length,
    memResults: res.filter((p) => p.reg < 0).length,
  };
}

/** the System V C ABI for runtime functions: at most six integer arguments, one integer result */
export function cCall(params: readonly Type[], results: readonly Type[]): CallLayout {
  const args = assign(params, ARG_GPRS, ARG_XMMS);
  const res = assign(results, [RAX, RDX], 2);
  if (args.some((p) => p.reg < 0) || res.some((p) => p.reg < 0)) throw new Error('C call with stack arguments or results is not supported');
  return { args, results: res, stackArgs: 0, memResults: 0 };
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
