/**
 * Seeded generation of whole random valid modules (spec §2.5): a few functions with random
 * numeric signatures (body.ts), mutable and immutable globals, one memory with active and
 * passive data, a funcref table with null entries filled by an active element segment (and
 * sometimes a passive one for table.init), and one exported entry wrapper per function that
 * resets the call budget and calls it. Every global, the table, the memory and the generated
 * functions themselves are exported too, so that a differential run can compare the state
 * after each call and tell table entries apart by the export name of their function.
 * With the simd feature, signatures, locals and globals may be v128; v128 values cross the JS
 * boundary as i64 pairs through the wrappers and per-global getters (v128-boundary.ts).
 * `generateModule(seed, opts)` is a pure function of its arguments.
 */

import { OP } from '../../../formats/wasm/opcodes.js';
import { emptyModule, makeInstr, ValType, type Expr, type GlobalType, type Module } from '../../../formats/wasm/types.js';
import { FuncGen } from './body.js';
import { TypeTable, type FuncSig, type ModuleEnv } from './env.js';
import { buildMenus, ID } from './ops.js';
import { resolveOptions, type GenOptionsInput } from './options.js';
import { Rng } from './rng.js';
import { randV128 } from './simd-values.js';
import { laneGetterCode, laneGetterName, lowerTypes, wrapperCode } from './v128-boundary.js';
import { randF32Bits, randF64Bits, randI32, randI64 } from './values.js';

export interface GeneratedExport {
  name: string;
  /** the generated function's types; a v128 crosses the JS boundary as two i64 (v128-boundary.ts) */
  params: ValType[];
  results: ValType[];
}

export interface GeneratedGlobal {
  name: string;
  type: ValType;
  /** for a v128 global: the export name of its getter `[] → [i64 i64]` (JS cannot read a v128 global) */
  lanes?: string;
}

export interface Generated {
  seed: number;
  module: Module;
  /** the exported entry wrappers, in export order: what a call plan calls */
  exports: GeneratedExport[];
  /** export name of the memory, null when the module has none */
  memory: string | null;
  /** every global, exported under these names, in global index order */
  globals: GeneratedGlobal[];
  /** export name of the funcref table, null when the module has none */
  table: string | null;
  /**
   * export names of all functions (the generated ones, then the wrappers) by function index:
   * a funcref read from the table is identified by the name its function is exported under
   */
  funcNames: string[];
}

export const MEMORY_EXPORT = 'mem';
export const TABLE_EXPORT = 'tab';

const constExpr = (t: ValType, rng: Rng): Expr => {
  const end = makeInstr(OP.end);
  switch (t) {
    case ValType.I32:
      return [makeInstr(OP.i32_const, randI32(rng)), end];
    case ValType.I64:
      return [makeInstr(OP.i64_const, 0, 0, randI64(rng)), end];
    case ValType.F32:
      return [makeInstr(OP.f32_const, randF32Bits(rng)), end];
    case ValType.V128:
      return [makeInstr(OP.v128_const, 0, 0, randV128(rng)), end];
    default:
      return [makeInstr(OP.f64_const, 0, 0, randF64Bits(rng)), end];
  }
};
const i32Expr = (v: number): Expr => [makeInstr(OP.i32_const, v | 0), makeInstr(OP.end)];

export function generateModule(seed: number, input?: GenOptionsInput): Generated {
  const opts = resolveOptions(input);
  const f = opts.features;
  const rng = new Rng(seed);
  const m: Module = emptyModule();
  const types = new TypeTable(m.types);
  const pickTypes = (max: number): ValType[] => Array.from({ length: rng.int(max + 1) }, () => rng.pick(opts.types));

  // functions and their signatures
  const nFuncs = rng.range(1, opts.maxFuncs);
  const funcs: FuncSig[] = [];
  for (let i = 0; i < nFuncs; i++) {
    const params = pickTypes(opts.maxParams);
    const results = pickTypes(opts.maxResults);
    funcs.push({ params, results, type: types.intern(params, results) });
  }

  // globals: the call budget first, then random ones
  const globals: GlobalType[] = [];
  let budgetGlobal = -1;
  if (f.calls || f.callIndirect) {
    budgetGlobal = 0;
    globals.push({ type: ValType.I32, mutable: true });
    m.globals.push({ type: globals[0]!, init: i32Expr(0) });
  }
  if (f.globals) {
    const n = rng.int(opts.maxGlobals + 1);
    for (let i = 0; i < n; i++) {
      const type: GlobalType = { type: rng.pick(opts.types), mutable: rng.chance(0.8) };
      globals.push(type);
      m.globals.push({ type, init: constExpr(type.type, rng) });
    }
  }
  let sinkGlobal = -1;
  if (f.simd) {
    sinkGlobal = globals.length;
    globals.push({ type: ValType.V128, mutable: true });
    m.globals.push({ type: globals[sinkGlobal]!, init: constExpr(ValType.V128, rng) });
  }

  // memory and data segments
  let memPages = -1;
  const datas: ModuleEnv['datas'] = [];
  if (f.memory) {
    memPages = f.traps && rng.chance(0.04) ? 0 : rng.range(1, 2);
    m.mems.push({ limits: { min: memPages, max: memPages + rng.int(3) } });
    const nActive = memPages > 0 ? rng.int(3) : 0;
    for (let i = 0; i < nActive; i++) {
      const bytes = Uint8Array.from({ length: rng.range(1, 24) }, () => rng.int(256));
      const offset = rng.chance(0.7) ? rng.int(256) : rng.int(memPages * 0x10000 - bytes.length + 1);
      m.datas.push({ bytes, mode: { kind: 'active', mem: 0, offset: i32Expr(offset) } });
      datas.push({ length: bytes.length, passive: false });
    }
    if (f.bulkMemory) {
      if (rng.chance(0.5)) {
        const bytes = Uint8Array.from({ length: rng.range(0, 16) }, () => rng.int(256));
        m.datas.push({ bytes, mode: { kind: 'passive' } });
        datas.push({ length: bytes.length, passive: true });
      }
    }
  }

  // table: every slot a generated function, or null (only when traps are allowed)
  const table: number[] = [];
  const elems: ModuleEnv['elems'] = [];
  if (f.callIndirect) {
    const size = nFuncs + rng.int(3);
    for (let i = 0; i < size; i++) table.push(f.traps && rng.chance(0.15) ? -1 : rng.int(nFuncs));
    m.tables.push({ elem: ValType.FuncRef, limits: { min: size, max: size + (f.tables ? rng.int(3) : 0) } });
    m.elems.push({
      type: ValType.FuncRef,
      init: table.map((fi) =>
        fi < 0 ? [makeInstr(OP.ref_null, ValType.FuncRef), makeInstr(OP.end)] : [makeInstr(OP.ref_func, fi), makeInstr(OP.end)],
      ),
      mode: { kind: 'active', table: 0, offset: i32Expr(0) },
    });
    elems.push({ length: table.length, passive: false });
    // a passive segment, the source table.init copies from (spec §4.4.9)
    if (f.tables && rng.chance(0.6)) {
      const init = Array.from({ length: rng.range(0, 5) }, (): Expr =>
        rng.chance(0.2) ? [makeInstr(OP.ref_null, ValType.FuncRef), makeInstr(OP.end)] : [makeInstr(OP.ref_func, rng.int(nFuncs)), makeInstr(OP.end)],
      );
      m.elems.push({ type: ValType.FuncRef, init, mode: { kind: 'passive' } });
      elems.push({ length: init.length, passive: true });
    }
  }

  // bodies
  const env: ModuleEnv = { opts, menus: buildMenus(opts), rng, types, funcs, globals, budgetGlobal, sinkGlobal, memPages, table, datas, elems };
  for (const s of funcs) {
    m.funcs.push(s.type);
    m.codes.push(new FuncGen(env, s).generate());
  }

  // the data count section, needed exactly when code names data segments (spec §5.5.15)
  const dataUsers = new Set([ID.memory_init, ID.data_drop]);
  if (m.codes.some((c) => c.body.some((ins) => dataUsers.has(ins.op)))) m.dataCount = m.datas.length;

  // exported entry wrappers: reset the budget, forward the params, call
  const exports: GeneratedExport[] = [];
  funcs.forEach((s, i) => {
    const prelude: Expr = [];
    if (budgetGlobal >= 0) {
      prelude.push(makeInstr(OP.i32_const, opts.callBudget), makeInstr(OP.global_set, budgetGlobal));
    }
    // without v128 the lowered types are the function's own, already interned as s.type
    m.funcs.push(types.intern(lowerTypes(s.params), lowerTypes(s.results)));
    m.codes.push(wrapperCode(s.params, s.results, i, prelude));
    const name = `f${i}`;
    m.exports.push({ name, kind: 'func', index: nFuncs + i });
    exports.push({ name, params: s.params, results: s.results });
  });
  if (memPages >= 0) m.exports.push({ name: MEMORY_EXPORT, kind: 'memory', index: 0 });

  // the state a differential run compares after each call, and the functions by name
  const funcNames = [...funcs.map((_, i) => `inner${i}`), ...exports.map((e) => e.name)];
  funcs.forEach((_, i) => m.exports.push({ name: funcNames[i]!, kind: 'func', index: i }));
  const globalExports = globals.map((gt, i): GeneratedGlobal => ({ name: `g${i}`, type: gt.type }));
  globalExports.forEach((ge, i) => m.exports.push({ name: ge.name, kind: 'global', index: i }));
  if (m.tables.length > 0) m.exports.push({ name: TABLE_EXPORT, kind: 'table', index: 0 });

  // a getter for every v128 global, after the wrappers
  globalExports.forEach((ge, i) => {
    if (ge.type !== ValType.V128) return;
    ge.lanes = laneGetterName(ge.name);
    m.funcs.push(types.intern([], [ValType.I64, ValType.I64]));
    m.codes.push(laneGetterCode(i));
    m.exports.push({ name: ge.lanes, kind: 'func', index: m.funcs.length - 1 });
    funcNames.push(ge.lanes);
  });

  return {
    seed,
    module: m,
    exports,
    memory: memPages >= 0 ? MEMORY_EXPORT : null,
    globals: globalExports,
    table: m.tables.length > 0 ? TABLE_EXPORT : null,
    funcNames,
  };
}
