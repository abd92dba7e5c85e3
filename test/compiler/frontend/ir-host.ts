/**
 * Hosting a module on the reference IR evaluator (ir-eval.ts), for tests: instantiation
 * (memory, tables, globals, element and data segments with constant initialisers, imports from
 * `spectest` only) and function translation on demand, one fresh store per function, with an
 * optional `Transform` (e.g. the optimisation pipeline) applied to each translated function
 * before it is evaluated. A module it cannot host throws `Skip` with the reason.
 */

import { Frontend, isSimdRefusal } from '../../../compiler/frontend/index.js';
import { Func } from '../../../compiler/ir/func.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { buildModuleInfo } from '../../../compiler/validate/module-info.js';
import { vmctxLayout } from '../../../compiler/vmctx.js';
import { OP } from '../../../formats/wasm/opcodes.js';
import type { Expr, Module } from '../../../formats/wasm/types.js';
import { CELL_BASE, evalFunc, funcRef, HOST_BASE, type Machine, type Val } from './ir-eval.js';
import { v128FromBytes } from './ir-eval-simd.js';

export class Skip extends Error {}

/** applied in place to each function's IR after translation, before evaluation */
export type Transform = (f: Func) => void;

export interface Instance {
  module: Module;
  machine: Machine;
}

/** a constant expression's value (globals read from `globals`, already evaluated) */
function constValue(e: Expr, globals: readonly Val[]): Val {
  const ins = e[0];
  if (e.length !== 2 || ins === undefined) throw new Skip('extended constant expression');
  const op = ins.op;
  if (op === OP.i32_const || op === OP.f32_const) return ins.a | 0;
  if (op === OP.i64_const) return BigInt.asIntN(64, ins.x as bigint);
  if (op === OP.f64_const) return BigInt.asUintN(64, ins.x as bigint);
  if (op === OP.v128_const) return v128FromBytes(ins.x as ArrayLike<number>);
  if (op === OP.ref_null) return 0;
  if (op === OP.ref_func) return funcRef(ins.a);
  if (op === OP.global_get) {
    const v = globals[ins.a];
    if (v === undefined) throw new Skip('global initialiser');
    return v;
  }
  throw new Skip('constant expression');
}

const f32Bits = (x: number): number => new Int32Array(new Float32Array([x]).buffer)[0] as number;
const f64Bits = (x: number): bigint => new BigUint64Array(new Float64Array([x]).buffer)[0] as bigint;
/** spectest's globals (WebAssembly/spec interpreter/host/spectest.ml) */
const SPECTEST_GLOBALS: Record<string, Val> = { global_i32: 666, global_i64: 666n, global_f32: f32Bits(666.6), global_f64: f64Bits(666.6) };

export function instantiate(m: Module, transform?: Transform): Instance {
  validateModule(m);
  const layout = vmctxLayout(m);
  const funcs = new Map<number, Func>();
  const vmctx = new Map<number, Val>();
  const cells = new Map<number, Val>();
  const globals: Val[] = [];
  const tables: Val[][] = [];
  const tableMax: number[] = [];
  let memMin = 0;
  let memMax = 65536;
  let funcImports = 0;
  for (const imp of m.imports) {
    if (imp.module !== 'spectest') throw new Skip('imports from other modules');
    const d = imp.desc;
    if (d.kind === 'func') {
      const slot = layout.imports[funcImports] as { code: number; vmctx: number };
      vmctx.set(slot.code, HOST_BASE + funcImports++);
      vmctx.set(slot.vmctx, 0);
    } else if (d.kind === 'global') {
      const v = SPECTEST_GLOBALS[imp.name];
      if (v === undefined) throw new Skip('unknown spectest global');
      const cell = CELL_BASE + 8 * globals.length;
      cells.set(cell, v);
      vmctx.set((layout.globals[globals.length] as { offset: number }).offset, cell);
      globals.push(v);
    } else if (d.kind === 'memory') {
      memMin = 1;
      memMax = 2;
    } else {
      tables.push(new Array<Val>(10).fill(0));
      tableMax.push(20);
    }
  }
  for (const t of m.tables) {
    tables.push(new Array<Val>(t.limits.min).fill(0));
    tableMax.push(Math.min(t.limits.max ?? 10_000_000, 10_000_000));
  }
  const mem = m.mems[0];
  if (mem !== undefined) {
    memMin = mem.limits.min;
    memMax = mem.limits.max ?? 65536;
  }
  const funcTypes = buildModuleInfo(m).funcTypeIdx;
  const canonical = m.types.map((ft) => m.types.findIndex((u) => JSON.stringify(u) === JSON.stringify(ft)));
  canonical.forEach((id, i) => vmctx.set(layout.typeIds + 4 * i, id));
  const machine: Machine = {
    memory: new Uint8Array(memMin * 65536),
    maxPages: memMax,
    vmctx,
    memSize: memMin * 65536,
    datas: m.datas.map((d) => d.bytes),
    tables,
    tableMax,
    tableSlots: layout.tables,
    elems: [],
    cells,
    depth: 0,
    typeId: (index) => canonical[funcTypes[index] as number] as number,
    func(index: number): Func {
      let f = funcs.get(index);
      if (f === undefined) {
        try {
          f = new Frontend(new Func()).translate(m, index - funcImports);
        } catch (e) {
          if (isSimdRefusal(e)) throw new Skip('SIMD');
          throw e;
        }
        transform?.(f);
        funcs.set(index, f);
      }
      return f;
    },
  };
  m.globals.forEach((g) => {
    const v = constValue(g.init, globals);
    vmctx.set((layout.globals[globals.length] as { offset: number }).offset, v);
    globals.push(v);
  });
  machine.elems = m.elems.map((e) => (e.mode.kind === 'declarative' ? null : e.init.map((x) => constValue(x, globals))));
  m.elems.forEach((e, i) => {
    if (e.mode.kind !== 'active') return;
    const at = (constValue(e.mode.offset, globals) as number) >>> 0;
    const table = tables[e.mode.table] as Val[];
    const vals = machine.elems[i] as Val[];
    if (at + vals.length > table.length) throw new Skip('element segment out of bounds');
    vals.forEach((v, k) => (table[at + k] = v));
    machine.elems[i] = null;
  });
  m.datas.forEach((d, i) => {
    if (d.mode.kind !== 'active') return;
    const at = (constValue(d.mode.offset, globals) as number) >>> 0;
    if (at + d.bytes.length > machine.memSize) throw new Skip('data segment out of bounds');
    machine.memory.set(d.bytes, at);
    machine.datas[i] = null;
  });
  if (m.start !== null && m.start >= funcImports) evalFunc(machine, machine.func(m.start), [0]);
  return { module: m, machine };
}

/** call exported function `name` with `args` (evaluator values) */
export function invokeExport(inst: Instance, name: string, args: readonly Val[]): Val[] {
  const exp = inst.module.exports.find((e) => e.name === name && e.kind === 'func');
  if (exp === undefined) throw new Skip('no such export');
  return evalFunc(inst.machine, inst.machine.func(exp.index), [0, ...args]);
}
