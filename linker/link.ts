/**
 * Linking one module's compiled functions (targets/compiled.ts CompiledCode) into one piece of
 * position-independent machine code: every function at a 16-byte aligned offset of a single
 * text, the gaps filled with the target's trap-on-execute byte, and every direct call between
 * them resolved (rel32 = callee - (field + 4)). The result needs no load-time relocation: the
 * native engine copies it into a code region as it is (loader/native/load.ts) and the `.cwasm`
 * writer stores it as the artifact's `.text` (linker/cwasm.ts).
 */

import { KilnError } from '../formats/errors.js';
import type { BoundsMode, CompiledCode, FuncMaps, Isa } from '../targets/compiled.js';

/** one function inside a LinkedCode's text; its maps are relative to its own start */
export interface LinkedFunc extends FuncMaps {
  /** byte offset of the function's first instruction in the text */
  readonly offset: number;
  readonly size: number;
}

export interface LinkedCode {
  readonly isa: Isa;
  /** CPU features the code uses */
  readonly features: readonly string[];
  readonly bounds: BoundsMode;
  /** every function, calls resolved; padding between functions is FILL */
  readonly text: Uint8Array;
  /** one per defined function, in function index order */
  readonly funcs: readonly LinkedFunc[];
}

/** function alignment inside a text */
export const FUNC_ALIGN = 16;

/** the byte between functions: a trap if ever executed (int3 on x86-64, part of a udf on AArch64) */
const FILL: Readonly<Record<Isa, number>> = { x86_64: 0xcc, aarch64: 0x00 };

export function alignFunc(offset: number): number {
  return (offset + FUNC_ALIGN - 1) & ~(FUNC_ALIGN - 1);
}

/**
 * Lay out and resolve `code`'s functions, the module importing `imported` functions (call
 * relocations name absolute function indices).
 */
export function linkCode(code: CompiledCode, imported: number): LinkedCode {
  const offsets: number[] = [];
  let at = 0;
  code.funcs.forEach((f, k) => {
    if (f.index !== imported + k) throw new KilnError('uninstantiable', `compiled function ${k} has index ${f.index}, expected ${imported + k}`);
    offsets.push(at);
    at = alignFunc(at + f.code.length);
  });
  const text = new Uint8Array(at).fill(FILL[code.isa]);
  const dv = new DataView(text.buffer);
  code.funcs.forEach((f, k) => {
    const start = offsets[k] as number;
    text.set(f.code, start);
    for (const r of f.relocs) {
      const callee = offsets[r.target - imported];
      if (callee === undefined) throw new KilnError('uninstantiable', `${f.name}: call relocation to function ${r.target}, which is not defined here`);
      const field = start + r.offset;
      dv.setInt32(field, callee - (field + 4), true);
    }
  });
  const funcs = code.funcs.map((f, k): LinkedFunc => {
    const linked: LinkedFunc = { index: f.index, offset: offsets[k] as number, size: f.code.length, trapSites: f.trapSites, addressMap: f.addressMap };
    return {
      ...linked,
      ...(f.faultSites === undefined ? {} : { faultSites: f.faultSites }),
      ...(f.stackMaps === undefined ? {} : { stackMaps: f.stackMaps }),
      ...(f.savedRegs === undefined ? {} : { savedRegs: f.savedRegs }),
    };
  });
  return { isa: code.isa, features: code.features, bounds: code.bounds ?? 'explicit', text, funcs };
}
