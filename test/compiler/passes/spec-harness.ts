/**
 * Test support: run the Wasm 2.0 testsuite's assert_return / assert_trap / action commands on
 * the IR of each function after a transformation (the optimisation pipeline), through the
 * frontend tests' reference IR evaluator (test/compiler/frontend/ir-eval.ts). It hosts the
 * same modules as the frontend's spec test (memory, tables, globals, segments with constant
 * initialisers, `spectest` imports) and counts every command: passed, failed (with file and
 * line), or skipped with a reason.
 */

import { Frontend, isSimdRefusal } from '../../../compiler/frontend/index.js';
import { Func } from '../../../compiler/ir/func.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { buildModuleInfo } from '../../../compiler/validate/module-info.js';
import { vmctxLayout } from '../../../compiler/vmctx.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { OP } from '../../../formats/wasm/opcodes.js';
import type { Expr, Module } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Action, Command, ModuleSource, ResultPattern, ScriptValue } from '../../../formats/wat/script-types.js';
import type { ParsedScript } from '../../support/corpus.js';
import { CELL_BASE, CODE_BASE, EvalTrap, EvalUnsupported, evalFunc, EXTERN_BASE, FUNCREF_BASE, funcRef, HOST_BASE, type Machine, type Val } from '../frontend/ir-eval.js';

export class Skip extends Error {}

export interface Totals {
  passed: number;
  failed: string[];
  skipped: Map<string, number>;
}

interface Hosted {
  module: Module;
  machine: Machine;
}

const bitsF32 = (x: number): number => new Int32Array(new Float32Array([x]).buffer)[0] as number;
const bitsF64 = (x: number): bigint => new BigUint64Array(new Float64Array([x]).buffer)[0] as bigint;
const SPECTEST: Record<string, Val> = { global_i32: 666, global_i64: 666n, global_f32: bitsF32(666.6), global_f64: bitsF64(666.6) };

function initValue(e: Expr, globals: readonly Val[]): Val {
  const ins = e[0];
  if (e.length !== 2 || ins === undefined) throw new Skip('extended constant expression');
  switch (ins.op) {
    case OP.i32_const:
    case OP.f32_const:
      return ins.a | 0;
    case OP.i64_const:
      return BigInt.asIntN(64, ins.x as bigint);
    case OP.f64_const:
      return BigInt.asUintN(64, ins.x as bigint);
    case OP.ref_null:
      return 0;
    case OP.ref_func:
      return funcRef(ins.a);
    case OP.global_get: {
      const v = globals[ins.a];
      if (v === undefined) throw new Skip('global initialiser');
      return v;
    }
  }
  throw new Skip('constant expression');
}

export type Transform = (f: Func) => void;

function host(m: Module, transform: Transform): Hosted {
  validateModule(m);
  const layout = vmctxLayout(m);
  const vmctx = new Map<number, Val>();
  const cells = new Map<number, Val>();
  const globals: Val[] = [];
  const tables: Val[][] = [];
  const tableMax: number[] = [];
  let pages = 0;
  let maxPages = 65536;
  let importedFuncs = 0;
  for (const imp of m.imports) {
    if (imp.module !== 'spectest') throw new Skip('imports from other modules');
    const d = imp.desc;
    if (d.kind === 'func') {
      const slot = layout.imports[importedFuncs] as { code: number; vmctx: number };
      vmctx.set(slot.code, HOST_BASE + importedFuncs++);
      vmctx.set(slot.vmctx, 0);
    } else if (d.kind === 'global') {
      const v = SPECTEST[imp.name];
      if (v === undefined) throw new Skip('unknown spectest global');
      const cell = CELL_BASE + 8 * globals.length;
      cells.set(cell, v);
      vmctx.set((layout.globals[globals.length] as { offset: number }).offset, cell);
      globals.push(v);
    } else if (d.kind === 'memory') {
      pages = 1;
      maxPages = 2;
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
    pages = mem.limits.min;
    maxPages = mem.limits.max ?? 65536;
  }
  const typeOf = buildModuleInfo(m).funcTypeIdx;
  const canon = m.types.map((ft) => m.types.findIndex((u) => JSON.stringify(u) === JSON.stringify(ft)));
  canon.forEach((id, i) => vmctx.set(layout.typeIds + 4 * i, id));
  const compiled = new Map<number, Func>();
  const machine: Machine = {
    memory: new Uint8Array(pages * 65536),
    maxPages,
    vmctx,
    memSize: pages * 65536,
    datas: m.datas.map((d) => d.bytes),
    tables,
    tableMax,
    tableSlots: layout.tables,
    elems: [],
    cells,
    depth: 0,
    typeId: (index) => canon[typeOf[index] as number] as number,
    func(index: number): Func {
      const known = compiled.get(index);
      if (known !== undefined) return known;
      let f: Func;
      try {
        f = new Frontend(new Func()).translate(m, index - importedFuncs);
      } catch (e) {
        if (isSimdRefusal(e)) throw new Skip('SIMD');
        throw e;
      }
      transform(f);
      compiled.set(index, f);
      return f;
    },
  };
  for (const g of m.globals) {
    const v = initValue(g.init, globals);
    vmctx.set((layout.globals[globals.length] as { offset: number }).offset, v);
    globals.push(v);
  }
  machine.elems = m.elems.map((e) => (e.mode.kind === 'declarative' ? null : e.init.map((x) => initValue(x, globals))));
  m.elems.forEach((e, i) => {
    if (e.mode.kind !== 'active') return;
    const at = (initValue(e.mode.offset, globals) as number) >>> 0;
    const table = tables[e.mode.table] as Val[];
    const vals = machine.elems[i] as Val[];
    if (at + vals.length > table.length) throw new Skip('element segment out of bounds');
    vals.forEach((v, k) => (table[at + k] = v));
    machine.elems[i] = null;
  });
  m.datas.forEach((d, i) => {
    if (d.mode.kind !== 'active') return;
    const at = (initValue(d.mode.offset, globals) as number) >>> 0;
    if (at + d.bytes.length > machine.memSize) throw new Skip('data segment out of bounds');
    machine.memory.set(d.bytes, at);
    machine.datas[i] = null;
  });
  if (m.start !== null && m.start >= importedFuncs) evalFunc(machine, machine.func(m.start), [0]);
  return { module: m, machine };
}

function toVal(v: ScriptValue): Val {
  switch (v.type) {
    case 'i32':
      return v.value | 0;
    case 'i64':
      return BigInt.asIntN(64, v.value);
    case 'f32':
      return v.bits | 0;
    case 'f64':
      return BigInt.asUintN(64, v.bits);
    case 'funcref':
      return 0;
    case 'externref':
      return v.isNull ? 0 : EXTERN_BASE + v.host;
    default:
      throw new Skip('v128 argument');
  }
}

function nanMatches(p: ResultPattern & { kind: 'nan' }, actual: Val | undefined): boolean {
  if (p.type === 'f32') {
    const b = actual as number;
    const payload = b & 0x7fffff;
    if ((b & 0x7f800000) !== 0x7f800000 || payload === 0) return false;
    return p.nan === 'canonical' ? payload === 0x400000 : (payload & 0x400000) !== 0;
  }
  const b = actual as bigint;
  const payload = b & 0xfffffffffffffn;
  if ((b & 0x7ff0000000000000n) !== 0x7ff0000000000000n || payload === 0n) return false;
  return p.nan === 'canonical' ? payload === 0x8000000000000n : (payload & 0x8000000000000n) !== 0n;
}

function resultMatches(actual: Val | undefined, p: ResultPattern): boolean {
  if (p.kind === 'nan') return nanMatches(p, actual);
  if (p.kind === 'ref_any') {
    const lo = p.type === 'funcref' ? FUNCREF_BASE : EXTERN_BASE;
    const hi = p.type === 'funcref' ? CODE_BASE : CELL_BASE;
    return typeof actual === 'number' && actual >= lo && actual < hi;
  }
  if (p.kind !== 'value') throw new Skip('v128 result');
  const v = p.value;
  if (v.type === 'f32') return typeof actual === 'number' && actual >>> 0 === v.bits >>> 0;
  if (v.type === 'v128') throw new Skip('v128 result');
  return actual === toVal(v);
}

function perform(h: Hosted | null, action: Action): Val[] {
  if (h === null) throw new Skip('module not hosted');
  if (action.kind === 'get') {
    const exp = h.module.exports.find((e) => e.name === action.name && e.kind === 'global');
    if (exp === undefined) throw new Skip('no such export');
    const slot = vmctxLayout(h.module).globals[exp.index] as { offset: number; imported: boolean };
    const v = h.machine.vmctx.get(slot.offset) as Val;
    return [slot.imported ? (h.machine.cells.get(v as number) as Val) : v];
  }
  const exp = h.module.exports.find((e) => e.name === action.name && e.kind === 'func');
  if (exp === undefined) throw new Skip('no such export');
  const args = action.args.map(toVal);
  return evalFunc(h.machine, h.machine.func(exp.index), [0, ...args]);
}

function moduleOf(s: ModuleSource): Module {
  return s.kind === 'text' ? s.module : s.kind === 'quote' ? parseWat(s.text) : decodeModule(s.bytes);
}

function importsFromOtherModules(s: ModuleSource): boolean {
  try {
    return moduleOf(s).imports.some((i) => i.module !== 'spectest');
  } catch {
    return false;
  }
}

function runCommands(file: string, commands: readonly Command[], transform: Transform, totals: Totals): void {
  let current: Hosted | null = null;
  const named = new Map<string, Hosted | null>();
  const skip = (why: string): void => void totals.skipped.set(why, (totals.skipped.get(why) ?? 0) + 1);
  for (const c of commands) {
    // a module importing from another may change the exporter's state, which is not modelled
    if ('source' in c && c.kind !== 'assert_malformed' && c.kind !== 'assert_invalid' && importsFromOtherModules(c.source)) {
      current = null;
      for (const k of named.keys()) named.set(k, null);
    }
    if (c.kind === 'module') {
      try {
        current = host(moduleOf(c.source), transform);
      } catch (e) {
        current = null;
        if (!(e instanceof Skip || e instanceof EvalUnsupported || e instanceof EvalTrap)) totals.failed.push(`${file}:${c.line}: module: ${String(e)}`);
      }
      if (c.name !== null) named.set(c.name, current);
      continue;
    }
    if (c.kind !== 'assert_return' && c.kind !== 'assert_trap' && c.kind !== 'action') {
      if (c.kind === 'assert_exhaustion') skip('exhaustion');
      continue;
    }
    const h = c.action.module === null ? current : (named.get(c.action.module) ?? null);
    try {
      const got = perform(h, c.action);
      if (c.kind === 'assert_trap') totals.failed.push(`${file}:${c.line}: expected trap "${c.message}", got results`);
      else if (c.kind === 'assert_return' && (got.length !== c.expected.length || !c.expected.every((p, i) => resultMatches(got[i], p)))) {
        totals.failed.push(`${file}:${c.line}: got ${got.map(String).join(' ')}`);
      } else totals.passed++;
    } catch (e) {
      if (e instanceof Skip) skip(e.message);
      else if (e instanceof EvalUnsupported) skip(`evaluator: ${e.message}`);
      else if (e instanceof EvalTrap && c.kind === 'assert_trap' && c.message.startsWith(e.message)) totals.passed++;
      else totals.failed.push(`${file}:${c.line}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** run every script's commands with `transform` applied to each function's IR */
export function runSpec(scripts: readonly ParsedScript[], transform: Transform): Totals {
  const totals: Totals = { passed: 0, failed: [], skipped: new Map() };
  for (const { file, script } of scripts) if (script !== null) runCommands(file, script.commands, transform, totals);
  return totals;
}

