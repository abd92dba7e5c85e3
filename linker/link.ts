/**
 * Linking one module's compiled functions (targets/compiled.ts CompiledCode) into one piece of
 * position-independent machine code: every function at a 16-byte aligned offset of a single
 * text, the gaps filled with the target's trap-on-execute byte, and every direct call between
 * them resolved (rel32 = callee - (field + 4)). The result needs no load-time relocation: the
 * native engine copies it into a code region as it is (loader/native/load.ts) and the `.cwasm`
 * writer stores it as the artifact's `.text` (linker/cwasm.ts).
 */

import { KilnError } from '../formats/errors.js';
import type { Module } from '../formats/wasm/types.js';
import { moduleTrampolines } from '../targets/compile.js';
import type { BoundsMode, CompiledCode, FuncMaps, Isa, TrampolineKind } from '../targets/compiled.js';
import { CODE_FILL } from '../targets/compiled.js';
import { APPLY_CALL_RELOC } from '../targets/call-reloc.js';

/** one function inside a LinkedCode's text; its maps are relative to its own start */
export interface LinkedFunc extends FuncMaps {
  /** byte offset of the function's first instruction in the text */
  readonly offset: number;
  readonly size: number;
}

/**
 * The functions of a text, by position k (absolute function index: imported functions + k),
 * as the native engine needs them to place and run the text: where each one is, and — made
 * when first needed, for a trap, a backtrace or a collection — its maps. A freshly linked
 * module gives its LinkedFunc objects (layoutOf); an artifact reads its tables lazily
 * (formats/cwasm/tables.ts ArtifactFuncs), so loading makes no object per function.
 */
export interface FuncLayout {
  readonly count: number;
  /** byte offset of function k's first instruction in the text */
  offset(k: number): number;
  /** every function's offset, in one array (instantiation reads them all) */
  offsets(): Uint32Array;
  size(k: number): number;
  /** function k's maps, code offsets relative to its start */
  maps(k: number): FuncMaps;
  /** every fault site's offset in the text, ascending (guard-page bounds; empty otherwise) */
  faultOffsets(): Uint32Array;
}

/** a trampoline inside a text (targets/compiled.ts CompiledTrampoline), after the functions */
export interface LinkedTrampoline {
  readonly kind: TrampolineKind;
  /** the module's type index it was made for */
  readonly type: number;
  readonly offset: number;
  readonly size: number;
}

/** linked machine code as the native engine places it (loader/native/load.ts) */
export interface PlaceableCode {
  readonly isa: Isa;
  readonly bounds: BoundsMode;
  /** every function, calls resolved, then the trampolines; padding between them is CODE_FILL (targets/compiled.ts) */
  readonly text: Uint8Array;
  readonly layout: FuncLayout;
  readonly trampolines: readonly LinkedTrampoline[];
}

export interface LinkedCode extends PlaceableCode {
  /** CPU features the code uses */
  readonly features: readonly string[];
  /** one per defined function, in function index order */
  readonly funcs: readonly LinkedFunc[];
}

/** the layout of linked functions held as objects */
export function layoutOf(funcs: readonly LinkedFunc[]): FuncLayout {
  let faults: Uint32Array | null = null;
  return {
    count: funcs.length,
    offset: (k) => (funcs[k] as LinkedFunc).offset,
    offsets: () => Uint32Array.from(funcs, (f) => f.offset),
    size: (k) => (funcs[k] as LinkedFunc).size,
    maps: (k) => funcs[k] as LinkedFunc,
    faultOffsets: () => (faults ??= textFaultOffsets(funcs)),
  };
}

function textFaultOffsets(funcs: readonly LinkedFunc[]): Uint32Array {
  let n = 0;
  for (const f of funcs) n += (f.faultSites?.length ?? 0) >> 1;
  const out = new Uint32Array(n);
  let k = 0;
  for (const f of funcs) {
    const sites = f.faultSites;
    if (sites === undefined) continue;
    for (let j = 0; j < sites.length; j += 2) {
      const at = f.offset + (sites[j] as number);
      if (k > 0 && at <= (out[k - 1] as number)) throw new KilnError('uninstantiable', `function ${f.index}: fault sites out of order`);
      out[k++] = at;
    }
  }
  return out;
}

/** function alignment inside a text */
export const FUNC_ALIGN = 16;


export function alignFunc(offset: number): number {
  return (offset + FUNC_ALIGN - 1) & ~(FUNC_ALIGN - 1);
}

/**
 * Lay out and resolve `code`'s functions, compiled from `module` (call relocations name
 * absolute function indices), followed by the trampolines its instances need at once
 * (targets/compile.ts moduleTrampolines).
 */
export function linkCode(code: CompiledCode, module: Module): LinkedCode {
  const imported = module.imports.filter((i) => i.desc.kind === 'func').length;
  const offsets: number[] = [];
  let at = 0;
  code.funcs.forEach((f, k) => {
    if (f.index !== imported + k) throw new KilnError('uninstantiable', `compiled function ${k} has index ${f.index}, expected ${imported + k}`);
    offsets.push(at);
    at = alignFunc(at + f.code.length);
  });
  const trampolines = moduleTrampolines(module, code.isa).map((t) => {
    const placed = { kind: t.kind, type: t.type, offset: at, size: t.code.length, code: t.code };
    at = alignFunc(at + t.code.length);
    return placed;
  });
  const text = new Uint8Array(at).fill(CODE_FILL[code.isa]);
  for (const t of trampolines) text.set(t.code, t.offset);
  const dv = new DataView(text.buffer);
  const applyCall = APPLY_CALL_RELOC[code.isa];
  code.funcs.forEach((f, k) => {
    const start = offsets[k] as number;
    text.set(f.code, start);
    for (const r of f.relocs) {
      const callee = offsets[r.target - imported];
      if (callee === undefined) throw new KilnError('uninstantiable', `${f.name}: call relocation to function ${r.target}, which is not defined here`);
      const field = start + r.offset;
      applyCall(dv, field, callee);
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
  const placed = trampolines.map(({ kind, type, offset, size }): LinkedTrampoline => ({ kind, type, offset, size }));
  return { isa: code.isa, features: code.features, bounds: code.bounds ?? 'explicit', text, funcs, layout: layoutOf(funcs), trampolines: placed };
}
