/**
 * The wasm → IR frontend's entry point: `Frontend.translate(module, definedIndex)` turns one
 * defined function of a decoded, validated module into one verified IR function in a reusable
 * store (docs/frontend.md). Bodies are read through the allocation-free InstrCursor (bodies stay
 * bytes, docs/architecture.md), once for the loop pre-scan and once to translate. Each wasm
 * opcode has a handler in one table built from the family files (control, variables, numeric,
 * memory, calls, tables); an opcode without a handler is refused with a KilnError naming it,
 * the function and the offset (v128 by design).
 */

import { InstrCursor } from '../../formats/wasm/code-body.js';
import { OPCODES as WASM_OPCODES } from '../../formats/wasm/opcodes.js';
import type { Instr, Module } from '../../formats/wasm/types.js';
import { buildModuleInfo } from '../validate/module-info.js';
import { Func, NO, refKindOf } from '../ir/func.js';
import { grow } from '../ir/growable.js';
import { Type } from '../ir/types.js';
import { verify } from '../ir/verify.js';
import { vmctxLayout } from '../vmctx.js';
import { callHandlers } from './calls.js';
import { controlHandlers } from './control.js';
import { memoryHandlers } from './memory.js';
import { numericHandlers } from './numeric.js';
import { simdHandlers } from './simd.js';
import { simdMemoryHandlers } from './simd-memory.js';
import { SIMD_REASON } from './refuse.js';
import { tableHandlers } from './tables.js';
import { Kind, Translator, type FrontendOptions } from './translator.js';
import { variableHandlers } from './variables.js';

type Handler = (t: Translator, ins: Instr) => void;

const HANDLERS: (Handler | undefined)[] = new Array<Handler | undefined>(WASM_OPCODES.length).fill(undefined);
for (const family of [controlHandlers, variableHandlers, numericHandlers, memoryHandlers, callHandlers, tableHandlers, simdHandlers, simdMemoryHandlers]) {
  for (const [id, h] of family()) {
    if (HANDLERS[id] !== undefined) throw new Error(`frontend: two handlers for ${WASM_OPCODES[id]?.name}`);
    HANDLERS[id] = h;
  }
}

/** wasm opcodes (by name) the frontend refuses although they are not SIMD; docs/frontend.md lists them */
export function unsupportedOpcodes(): string[] {
  return WASM_OPCODES.filter((o) => o.prefix !== 0xfd && HANDLERS[o.id] === undefined).map((o) => o.name);
}

const OP_BLOCK = WASM_OPCODES.findIndex((o) => o.name === 'block');
const OP_LOOP = WASM_OPCODES.findIndex((o) => o.name === 'loop');
const OP_IF = WASM_OPCODES.findIndex((o) => o.name === 'if');
const OP_ELSE = WASM_OPCODES.findIndex((o) => o.name === 'else');
const OP_END = WASM_OPCODES.findIndex((o) => o.name === 'end');

export interface TranslateOptions extends FrontendOptions {
  /** run the IR verifier on the result (default true) */
  verify?: boolean;
}

export class Frontend {
  readonly t: Translator;
  private readonly cursor = new InstrCursor(true);
  private module: Module | null = null;
  private readonly entryIns: Instr = { op: 0, offset: -1, a: 0, b: 0, c: 0, x: null };

  constructor(store: Func = new Func()) {
    this.t = new Translator(store);
  }

  /** translate defined function `defIndex` (0-based among defined functions) of validated module `m` */
  translate(m: Module, defIndex: number, opts: TranslateOptions = {}): Func {
    const t = this.t;
    if (this.module !== m) {
      this.module = m;
      t.m = m;
      t.info = buildModuleInfo(m);
      t.layout = vmctxLayout(m);
    }
    t.boundsExplicit = (opts.bounds ?? 'explicit') === 'explicit';
    t.interrupts = opts.interrupts === true;
    const code = m.codes[defIndex];
    const typeIdx = m.funcs[defIndex];
    const ft = typeIdx === undefined ? undefined : m.types[typeIdx];
    if (code === undefined || ft === undefined || typeIdx === undefined) throw new Error(`frontend: no defined function ${defIndex}`);
    t.funcIndex = t.info.imported.funcs + defIndex;
    t.insIndex = 0;
    this.entryIns.offset = code.offset;
    t.ins = this.entryIns;
    this.begin(m, code.locals, ft.params, ft.results, typeIdx);
    t.loopLocals.scan(this.cursor, code, t.nLocals);
    t.interruptCheck();
    this.cursor.reset(code);
    while (this.cursor.next()) {
      t.ins = this.cursor.ins;
      t.f.srcOffset = t.ins.offset;
      this.step(t.ins);
      t.insIndex++;
    }
    t.f.srcOffset = -1;
    if (opts.verify ?? true) verify(t.f);
    return t.f;
  }

  private begin(m: Module, locals: Module['codes'][number]['locals'], params: readonly number[], results: readonly number[], typeIdx: number): void {
    const t = this.t;
    const irParams: Type[] = [Type.PTR];
    for (const p of params) irParams.push(t.irType(p, 'a function with v128 params'));
    const irResults: Type[] = [];
    for (const r of results) irResults.push(t.irType(r, 'a function with v128 results'));
    const name = m.names?.funcs.get(t.funcIndex) ?? `f${t.funcIndex}`;
    const entry = t.b.begin(name, irParams, irResults);
    t.vmctx = t.f.blockParam(entry, 0);
    let n = params.length;
    for (const g of locals) n += g.count;
    t.nLocals = n;
    t.cur = grow(t.cur, n);
    t.localType = grow(t.localType, n);
    t.setTime = grow(t.setTime, n);
    t.setTime.fill(-1, 0, n);
    t.resetSeen(n);
    for (let i = 0; i < params.length; i++) {
      t.cur[i] = t.f.blockParam(entry, i + 1);
      t.f.markRef(t.cur[i] as number, refKindOf(params[i] as number));
      t.localType[i] = irParams[i + 1] as Type;
    }
    const zero = [NO, NO, NO, NO, NO, NO];
    let l = params.length;
    for (const g of locals) {
      const ty = t.irType(g.type, 'a v128 local');
      if (zero[ty] === NO && g.count > 0) zero[ty] = this.zeroOf(ty);
      for (let k = 0; k < g.count; k++, l++) {
        t.cur[l] = zero[ty] as number;
        t.localType[l] = ty;
      }
    }
    t.sp = t.depth = t.skip = t.loopCount = t.loopVarsLen = t.snapLen = t.edgeCount = t.logLen = 0;
    t.reachable = true;
    t.sigOf = grow(t.sigOf, m.types.length);
    t.sigOf.fill(-1, 0, m.types.length);
    t.pushFrame(Kind.Func, NO, typeIdx, 0, results.length);
  }

  private zeroOf(ty: Type): number {
    const b = this.t.b;
    if (ty === Type.F32) return b.fconst32(0);
    if (ty === Type.F64) return b.fconst64(0n);
    if (ty === Type.V128) return b.vconst(new Uint8Array(16));
    return b.iconst(ty, 0);
  }

  private step(ins: Instr): void {
    const t = this.t;
    const o = ins.op;
    if (!t.reachable) {
      // skip unreachable code up to the `else` or `end` of the current construct
      if (o === OP_BLOCK || o === OP_LOOP || o === OP_IF) {
        t.skip++;
        if (o === OP_LOOP) t.loopCount++;
        return;
      }
      if (o === OP_END && t.skip > 0) {
        t.skip--;
        return;
      }
      if (t.skip > 0 || (o !== OP_END && o !== OP_ELSE)) return;
    }
    const h = HANDLERS[o];
    if (h === undefined) {
      const info = WASM_OPCODES[o];
      throw t.refuse(info?.name ?? `opcode ${o}`, info?.prefix === 0xfd ? SIMD_REASON : 'not supported by the frontend yet');
    }
    h(t, ins);
  }
}

/** translate one function with a fresh frontend (tests, tools); hot paths keep a Frontend */
export function translateFunction(m: Module, defIndex: number, opts: TranslateOptions = {}, store?: Func): Func {
  return new Frontend(store).translate(m, defIndex, opts);
}
