/**
 * The translation means what the wasm means: the spec testsuite's assert_return and assert_trap
 * commands run on the frontend's IR through the reference evaluator (ir-eval.ts), for every
 * module the evaluator can host (memory, tables, globals, data and element segments with constant
 * initialisers; imports from `spectest` only). Every command is counted: passed, failed, or
 * skipped with a reason (a module it cannot host, SIMD, v128 values, exhaustion); failures and
 * evaluator bugs (a trapping row reached without its explicit check) fail the test.
 */

import { describe, expect, it } from 'vitest';
import { Frontend, isSimdRefusal } from '../../../compiler/frontend/index.js';
import { vmctxLayout } from '../../../compiler/vmctx.js';
import { Func } from '../../../compiler/ir/func.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { OP } from '../../../formats/wasm/opcodes.js';
import type { Expr, Module } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Action, Command, ModuleSource, ResultPattern, ScriptValue } from '../../../formats/wat/script-types.js';
import { parsedScripts } from '../../support/corpus.js';
import { buildModuleInfo } from '../../../compiler/validate/module-info.js';
import { CELL_BASE, CODE_BASE, EvalBug, EvalTrap, EvalUnsupported, evalFunc, EXTERN_BASE, FUNCREF_BASE, funcRef, HOST_BASE, type Machine, type Val } from './ir-eval.js';

class Skip extends Error {}

interface Instance {
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

function instantiate(m: Module): Instance {
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

function arg(v: ScriptValue): Val {
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

function matches(actual: Val | undefined, p: ResultPattern): boolean {
  if (p.kind === 'nan') {
    if (p.type === 'f32') {
      const b = actual as number;
      const nan = (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
      return nan && (p.nan === 'canonical' ? (b & 0x7fffff) === 0x400000 : (b & 0x400000) !== 0);
    }
    const b = actual as bigint;
    const payload = b & 0xfffffffffffffn;
    const nan = (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && payload !== 0n;
    return nan && (p.nan === 'canonical' ? payload === 0x8000000000000n : (payload & 0x8000000000000n) !== 0n);
  }
  if (p.kind === 'ref_any') return typeof actual === 'number' && actual >= (p.type === 'funcref' ? FUNCREF_BASE : EXTERN_BASE) && actual < (p.type === 'funcref' ? CODE_BASE : CELL_BASE);
  if (p.kind !== 'value') throw new Skip('v128 result');
  const v = p.value;
  switch (v.type) {
    case 'i32':
      return actual === (v.value | 0);
    case 'i64':
      return actual === BigInt.asIntN(64, v.value);
    case 'f32':
      return typeof actual === 'number' && actual >>> 0 === v.bits >>> 0;
    case 'f64':
      return actual === BigInt.asUintN(64, v.bits);
    case 'funcref':
      return actual === 0;
    case 'externref':
      return actual === (v.isNull ? 0 : EXTERN_BASE + v.host);
    default:
      throw new Skip('v128 result');
  }
}

function invoke(inst: Instance | null, action: Action): Val[] {
  if (inst === null) throw new Skip('module not hosted');
  if (action.kind === 'get') {
    const exp = inst.module.exports.find((e) => e.name === action.name && e.kind === 'global');
    if (exp === undefined) throw new Skip('no such export');
    const slot = vmctxLayout(inst.module).globals[exp.index] as { offset: number; imported: boolean };
    const v = inst.machine.vmctx.get(slot.offset) as Val;
    return [slot.imported ? (inst.machine.cells.get(v as number) as Val) : v];
  }
  const exp = inst.module.exports.find((e) => e.name === action.name && e.kind === 'func');
  if (exp === undefined) throw new Skip('no such export');
  const args = action.args.map(arg);
  return evalFunc(inst.machine, inst.machine.func(exp.index), [0, ...args]);
}

function moduleOf(s: ModuleSource): Module {
  return s.kind === 'text' ? s.module : s.kind === 'quote' ? parseWat(s.text) : decodeModule(s.bytes);
}
function importsFromModules(s: ModuleSource): boolean {
  try {
    return moduleOf(s).imports.some((i) => i.module !== 'spectest');
  } catch {
    return false;
  }
}

interface Totals {
  passed: number;
  failed: string[];
  skipped: Map<string, number>;
}

function run(file: string, commands: readonly Command[], totals: Totals): void {
  let current: Instance | null = null;
  const named = new Map<string, Instance | null>();
  const skip = (why: string): void => void totals.skipped.set(why, (totals.skipped.get(why) ?? 0) + 1);
  for (const c of commands) {
    // a module importing from another module may change the exporter's memory, tables or
    // globals, which this harness does not model: from then on, no earlier module is hosted
    if ('source' in c && c.kind !== 'assert_malformed' && c.kind !== 'assert_invalid' && importsFromModules(c.source)) {
      current = null;
      for (const k of named.keys()) named.set(k, null);
    }
    if (c.kind === 'module') {
      try {
        current = instantiate(moduleOf(c.source));
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
    const inst = c.action.module === null ? current : (named.get(c.action.module) ?? null);
    try {
      const results = invoke(inst, c.action);
      if (c.kind === 'assert_trap') totals.failed.push(`${file}:${c.line}: expected trap "${c.message}", got results`);
      else if (c.kind === 'assert_return' && (results.length !== c.expected.length || !c.expected.every((p, i) => matches(results[i], p)))) {
        totals.failed.push(`${file}:${c.line}: got ${results.map(String).join(' ')}`);
      } else totals.passed++;
    } catch (e) {
      if (e instanceof Skip) skip(e.message);
      else if (e instanceof EvalUnsupported) skip(`evaluator: ${e.message}`);
      // the testsuite sometimes adds detail ("uninitialized element 2"); the spec's wording is a prefix
      else if (e instanceof EvalTrap && c.kind === 'assert_trap' && c.message.startsWith(e.message)) totals.passed++;
      else if (e instanceof EvalBug) totals.failed.push(`${file}:${c.line}: ${e.message}`);
      else totals.failed.push(`${file}:${c.line}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

describe('the IR means what the wasm means', () => {
  it('passes the testsuite assertions it can host', () => {
    const totals: Totals = { passed: 0, failed: [], skipped: new Map() };
    for (const { file, script } of parsedScripts()) {
      if (script !== null) run(file, script.commands, totals);
    }
    const skipped = [...totals.skipped].sort(([a], [b]) => a.localeCompare(b));
    console.log(`frontend, spec assertions on the IR: ${totals.passed} passed, ${totals.failed.length} failed, skipped: ${skipped.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(totals.failed.slice(0, 40)).toEqual([]);
    expect(totals.passed).toBe(22547);
    expect(Object.fromEntries(skipped)).toEqual({ exhaustion: 15, 'module not hosted': 1523, SIMD: 824, 'v128 argument': 23310 });
  });
});
