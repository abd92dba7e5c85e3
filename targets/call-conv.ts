/**
 * The shape every target's calling conventions share (targets/<isa>/abi.ts gives the registers):
 * values are placed in order, integer-class values in the next free general register of the
 * list, float-class values in the next free vector register (the two classes counted apart),
 * and the rest in 8-byte stack slots in order (a v128 takes two, 16 bytes). Also the IR type a
 * wasm value type is passed as, and where each value of a host buffer lives (bufferSlots).
 */

import { Type } from '../compiler/ir/types.js';
import { RegClassId } from '../compiler/regalloc/mach.js';
import { KilnError } from '../formats/errors.js';
import type { ValType } from '../formats/wasm/types.js';

/** the register class of an IR type */
export function classOf(t: Type): RegClassId {
  return t === Type.F32 || t === Type.F64 || t === Type.V128 ? RegClassId.Float : RegClassId.Int;
}

/** one value's place: a register of its class, or an 8-byte stack slot (`slot` >= 0) */
export interface Place {
  readonly cls: RegClassId;
  /** register number, or -1 when on the stack */
  readonly reg: number;
  /** stack slot index among the stack-passed values, or -1 */
  readonly slot: number;
}

export interface CallLayout {
  readonly args: readonly Place[];
  readonly results: readonly Place[];
  /** arguments passed on the stack */
  readonly stackArgs: number;
  /** results returned in memory */
  readonly memResults: number;
}

/** places of values of `types`: general registers from `gprs`, vector registers 0 .. fprs-1 */
export function assignPlaces(types: readonly Type[], gprs: readonly number[], fprs: number): Place[] {
  let gi = 0;
  let vi = 0;
  let si = 0;
  return types.map((t) => {
    const cls = classOf(t);
    if (cls === RegClassId.Int && gi < gprs.length) return { cls, reg: gprs[gi++] as number, slot: -1 };
    if (cls === RegClassId.Float && vi < fprs) return { cls, reg: vi++, slot: -1 };
    const slot = si;
    si += t === Type.V128 ? 2 : 1;
    return { cls, reg: -1, slot };
  });
}

/** 8-byte stack slots the stack-placed values of `places` take (`types`: their IR types) */
function stackSlots(places: readonly Place[], types: readonly Type[]): number {
  let n = 0;
  places.forEach((p, k) => {
    if (p.reg < 0) n = Math.max(n, p.slot + (types[k] === Type.V128 ? 2 : 1));
  });
  return n;
}

/**
 * where each value of a host-side buffer of `types` starts, in 8-byte slots (a v128 takes two):
 * the entry trampolines' argument and result buffers and the exit trampolines' buffer; the
 * last element is the buffer's size in slots
 */
export function bufferSlots(types: readonly ValType[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const t of types) {
    out.push(at);
    at += t === 0x7b ? 2 : 1;
  }
  out.push(at);
  return out;
}

/** the layout of a call whose arguments (of IR types `argTypes`) and results go to `args` and `results` */
export function callLayout(args: Place[], results: Place[], argTypes: readonly Type[], resultTypes: readonly Type[]): CallLayout {
  return { args, results, stackArgs: stackSlots(args, argTypes), memResults: stackSlots(results, resultTypes) };
}

/** a C-ABI runtime call's layout: every argument and result in a register */
export function registerOnlyLayout(args: Place[], results: Place[]): CallLayout {
  if (args.some((p) => p.reg < 0) || results.some((p) => p.reg < 0)) throw new Error('C call with stack arguments or results is not supported');
  return { args, results, stackArgs: 0, memResults: 0 };
}

/** the IR type kiln-cc places a wasm value type by */
export function irTypeOf(t: ValType): Type {
  switch (t) {
    case 0x7f:
      return Type.I32;
    case 0x7e:
      return Type.I64;
    case 0x7d:
      return Type.F32;
    case 0x7c:
      return Type.F64;
    case 0x70:
    case 0x6f:
      return Type.PTR;
    case 0x7b:
      return Type.V128;
    default:
      throw new KilnError('unsupported', `the native engine cannot pass a value of type 0x${(t as number).toString(16)} (v128) yet`);
  }
}
